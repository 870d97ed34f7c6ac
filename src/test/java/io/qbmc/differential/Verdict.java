package io.qbmc.differential;

import java.util.List;

/** What one QEMU run says about a configuration. */
public enum Verdict {
    /** QEMU opened the image or created the drive. */
    ACCEPTED,
    /**
     * A network or device driver got past option parsing and then failed to reach its server or
     * device: the configuration itself was accepted.
     */
    ACCEPTED_UNREACHABLE,
    /** QEMU refused the configuration. */
    REJECTED,
    /** Neither: a timeout or a crash. The corpus must not contain such cases. */
    UNDECIDED;

    /**
     * The start of QEMU's error for a network driver that parsed its options and then could not
     * reach its server (probed by experiment inside unshare -n, and read in block/nbd.c,
     * block/ssh.c, block/rbd.c, block/iscsi.c, block/curl.c).
     */
    public static final List<String> NETWORK_UNREACHABLE = List.of(
            "Failed to connect to '", // nbd, ssh: util/qemu-sockets.c
            "address resolution failed for ", // nbd, ssh
            "error connecting: ", // rbd: rados_connect
            "iSCSI: Failed to connect to LUN", // iscsi_full_connect_sync
            "CURL: Error opening file: "); // curl: http, https, ftp, ftps

    /**
     * The verdict of a run that exited 1 with this error: a refusal, unless a network case failed
     * only where an error of the unreachable list says it got past option parsing.
     */
    public static Verdict ofFailure(boolean network, String error, List<String> unreachable) {
        return network && unreachable.stream().anyMatch(error::startsWith) ? ACCEPTED_UNREACHABLE : REJECTED;
    }

    public boolean accepted() {
        return this == ACCEPTED || this == ACCEPTED_UNREACHABLE;
    }

    /** How a run that did not plainly succeed reads in a report, with what QEMU said. */
    public String describe(int exitCode, String error) {
        return name().toLowerCase(java.util.Locale.ROOT) + " (exit " + exitCode + "): " + error;
    }
}
