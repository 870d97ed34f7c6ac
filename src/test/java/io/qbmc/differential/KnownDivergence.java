package io.qbmc.differential;

import java.util.List;
import java.util.function.Predicate;

/**
 * Disagreements between qbmc and qemu-img that are understood and wait for a fix in qbmc outside
 * the driver tables (OtherDrivers). Each entry says who is right, names the QEMU 7.2 source that
 * decides, and the qbmc code believed wrong. An entry matches on QEMU's own message and qbmc's,
 * so it cannot hide another disagreement on the same spec. The suite fails when an entry no
 * longer explains any divergence: remove entries as qbmc gets fixed.
 *
 * @param name    short identifier
 * @param applies which divergences the entry explains; kept narrow on purpose
 * @param reason  who is right and why
 */
record KnownDivergence(String name, Predicate<Divergence> applies, String reason) {

    private static Predicate<Divergence> qemuSays(String... fragments) {
        return d -> List.of(fragments).stream().anyMatch(f -> d.qemu().contains(f));
    }

    private static Predicate<Divergence> qbmcSays(String fragment) {
        return d -> d.qbmc().contains(fragment);
    }

    private static final Predicate<Divergence> QBMC_VALID = d -> d.qbmc().equals("valid");
    private static final Predicate<Divergence> QEMU_ACCEPTED = d -> d.qemu().startsWith("accepted");

    static final List<KnownDivergence> ALL = List.of(
            new KnownDivergence("blkdebug-rule-without-index",
                    qbmcSays("Invalid parameter type for 'inject-error', expected: array").and(QEMU_ACCEPTED),
                    "QEMU is right: util/qemu-config.c:426 config_parse_qdict_section takes one rule written"
                            + " without an index (inject-error.event=...), and blkdebug keeps it flat in its"
                            + " canonical name. qbmc: the schema type listOf(group) cannot say 'a list, or one"
                            + " unindexed element' (schema/Types, bind/Binder.list)."),
            new KnownDivergence("optional-in-qemuopts-required-in-qapi",
                    qbmcSays("set-state.0.new_state' is missing").or(qbmcSays("Parameter 'namespace' is missing"))
                            .and(QEMU_ACCEPTED),
                    "Dialect-dependent: under --image-opts, -drive and json: QEMU reads these with QemuOpts"
                            + " defaults (blkdebug.c:246 new_state defaults to 0, nvme.c:979 namespace to 1);"
                            + " -blockdev's QAPI schema requires them (BlkdebugSetStateOptions,"
                            + " BlockdevOptionsNVMe). qbmc has one required mark for all dialects"
                            + " (schema/OptionSpec.required, bind/Binder.missing)."),
            new KnownDivergence("qapi-union-members",
                    qemuSays("Parameter 'host' is unexpected", "Parameter 'host-key-check.type' is missing",
                            "Parameter 'host-key-check.type' is unexpected").and(QBMC_VALID),
                    "QEMU is right: SocketAddress (qapi/sockets.json) and SshHostKeyCheck are unions: the"
                            + " members allowed and required depend on type/mode. qbmc's schema flattens them"
                            + " into one group of optional members (schema/OptionType.Group)."));
}
