package io.qbmc.differential.blockdev;

import java.util.List;
import java.util.function.Predicate;

/**
 * Disagreements between qbmc and qemu-storage-daemon that are understood and wait for a fix.
 * Each entry names the QEMU 7.2 source that decides and the qbmc class believed wrong, and
 * matches on QEMU's message and qbmc's, so it cannot hide another disagreement on the same set.
 * The suite fails when an entry no longer explains any divergence: remove entries as qbmc gets
 * fixed.
 *
 * @param name        short identifier
 * @param applies     which divergences the entry explains; kept narrow on purpose
 * @param qemuSource  the QEMU 7.2 source line that decides
 * @param qbmcClass   the qbmc class believed wrong
 * @param reason      who is right and why
 */
record KnownBlockdevDivergence(String name, Predicate<BlockdevDivergence> applies, String qemuSource,
        String qbmcClass, String reason) {

    private static Predicate<BlockdevDivergence> qemuSays(String fragment) {
        return d -> d.qemu().contains(fragment);
    }

    private static final Predicate<BlockdevDivergence> QBMC_VALID = d -> d.qbmc().equals("valid");

    static final List<KnownBlockdevDivergence> ALL = List.of(
            new KnownBlockdevDivergence("writable-format-over-read-only-file",
                    QBMC_VALID.and(qemuSays("Block node is read-only")),
                    "block.c:2731 bdrv_default_perms_for_storage asks for WRITE on the file child of a writable"
                            + " qcow2/luks node (or raw with offset/size), and block.c:2471 bdrv_node_refresh_perm"
                            + " refuses it on a read-only node without auto-read-only",
                    "io.qbmc.check.CommonOptionsRule (no rule compares a node's read-only with its referenced"
                            + " child's)",
                    "QEMU is right: a -blockdev qcow2 node opens read-write by default and needs its file node"
                            + " writable. qbmc would need each driver's child permissions (storage vs filter"
                            + " children) to decide it; raw and throttle pass their parents' permissions through and"
                            + " are accepted"),
            new KnownBlockdevDivergence("keyval-number-beyond-int64",
                    QBMC_VALID.and(qemuSays("expects integer")).and(d -> d.set().commandLine().contains("=9223372036854775808")),
                    "qapi/qobject-input-visitor.c qobject_input_type_int64_keyval: qemu_strtoi64 fails with ERANGE"
                            + " for a QAPI 'int' member (aio-max-batch: qapi/block-core.json BlockdevOptionsFile)",
                    "io.qbmc.bind.Binder.fromString (a QEMU_OPT_NUMBER option in -blockdev keyval is read as"
                            + " QemuOpts' uint64, not as the QAPI member's type)",
                    "QEMU is right: -blockdev reads numbers through QAPI first. Fixing it needs each option's QAPI"
                            + " width (int, int32, uint32, uint64: null-co latency-ns is uint64), which the schemas"
                            + " do not record yet; sizes are fixed (6c924ef)"));
}
