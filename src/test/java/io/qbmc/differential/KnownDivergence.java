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
            new KnownDivergence("quorum-empty-children-list",
                    qemuSays("Number of provided children must be 1 or more").and(QBMC_VALID)
                            .and(d -> d.spec().text().contains("\"children\":[]")),
                    "QEMU is right: block/quorum.c:950 refuses zero children. qbmc: graph/QuorumNode.options()"
                            + " drops an empty children list, so check/QuorumRule's containsKey(\"children\") never"
                            + " holds and nothing reports it."),
            new KnownDivergence("legacy-filename-children",
                    qbmcSays("A block device must be specified for").and(QEMU_ACCEPTED)
                            .and(d -> d.spec().text().contains("x-image") || d.spec().text().contains("x-raw")),
                    "QEMU is right: blkdebug.c:506 and blkverify.c:125,132 pass x-image/x-raw as the filename"
                            + " argument of the image/raw/test child (so a json: value is honoured). qbmc:"
                            + " bind/Binder.missing() requires the child and x-image stays a plain string."),
            new KnownDivergence("force-share-with-read-only-off",
                    qemuSays("force-share=on can only be used with read-only images").and(QBMC_VALID)
                            .and(d -> d.spec().text().contains("read-only=off")),
                    "QEMU is right for every command: block.c:1892 refuses force-share=on on a node opened"
                            + " read-write, and read-only=off asks for that explicitly. qbmc:"
                            + " check/CommonOptionsRule reports it as a warning (SHARED_FILE_WARNING) even then."),
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
            new KnownDivergence("blkdebug-limits",
                    qemuSays("Cannot meet constraints with").and(QBMC_VALID),
                    "QEMU is right: blkdebug.c:520-575 requires align to be a power of two below INT_MAX and"
                            + " max-transfer/opt-*/max-* to be multiples of it. qbmc has no rule for blkdebug"
                            + " (check/Checks.RULES)."),
            new KnownDivergence("legacy-server-address",
                    qbmcSays("Parameter 'server' is missing").and(QEMU_ACCEPTED)
                            .or(qemuSays("Cannot use 'server' and path/host/port at the same time").and(QBMC_VALID)),
                    "QEMU is right: nbd.c:1640-1690 and ssh.c:556-570 still take the legacy host/port/path"
                            + " options instead of server.* (not both). qbmc's schema marks server required and"
                            + " cannot say 'server, or the legacy options, but not both' (needs a rule)."),
            new KnownDivergence("qapi-union-members",
                    qemuSays("Parameter 'host' is unexpected", "Parameter 'host-key-check.type' is missing",
                            "Parameter 'host-key-check.type' is unexpected").and(QBMC_VALID),
                    "QEMU is right: SocketAddress (qapi/sockets.json) and SshHostKeyCheck are unions: the"
                            + " members allowed and required depend on type/mode. qbmc's schema flattens them"
                            + " into one group of optional members (schema/OptionType.Group)."),
            new KnownDivergence("nbd-export-name-length",
                    qemuSays("export name too long to send to server").and(QBMC_VALID),
                    "QEMU is right: nbd.c:1835 refuses export names over NBD_MAX_STRING_SIZE (4096)."
                            + " qbmc has no length check for it."),
            new KnownDivergence("iscsi-chap-credentials",
                    qemuSays("CHAP username specified but no password was given", "are mutually exclusive")
                            .and(QBMC_VALID),
                    "QEMU is right: iscsi.c:1335-1353 apply_chap needs exactly one of password and"
                            + " password-secret when user is given, before connecting. qbmc has no rule."),
            new KnownDivergence("curl-open-checks",
                    qemuSays("HTTP_READAHEAD_SIZE", "curl driver cannot handle the URL",
                            "cannot handle both cookie and cookie secret", "timeout parameter is too large")
                            .and(QBMC_VALID),
                    "QEMU is right: curl.c:699-745 checks, before connecting, that readahead is a multiple"
                            + " of 512, timeout is at most 10000, cookie and cookie-secret are not both given and"
                            + " the URL starts with '<driver>://'. qbmc has no rule for curl."),
            new KnownDivergence("qcow2-open-checks",
                    qemuSays("may not be set at the same time", "may not exceed cache-size",
                            "Cache clean interval too big").and(QBMC_VALID),
                    "QEMU is right: qcow2.c:904-918 read_cache_sizes refuses cache-size with both"
                            + " l2-cache-size and refcount-cache-size, and l2-cache-size above cache-size;"
                            + " qcow2.c:1066 refuses cache-clean-interval above UINT_MAX; whatever the image."
                            + " qbmc has no rule for qcow2's cache options."),
            new KnownDivergence("input-trimmed",
                    QBMC_VALID.and(d -> !d.spec().text().equals(d.spec().text().strip())),
                    "QEMU is right: qemu-img takes its argument verbatim, so a blank before the spec is part"
                            + " of the first key (' json:' is an unknown protocol, '\\tdriver' an unknown option) and"
                            + " one after it part of the last value ('1\\n' is not a number). qbmc:"
                            + " compile/Compiler.compile trims the input (compile/Inputs.trim) before reading it."));
}
