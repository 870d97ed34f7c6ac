package io.qbmc.differential.drive;

import io.qbmc.differential.Verdict;

/**
 * What qemu-system-x86_64 made of one -drive string.
 *
 * @param exitCode the exit status; -1 when the run timed out
 * @param error    the error QEMU printed for the -drive (after "-drive TEXT: "), or the whole
 *                 stderr when it has another shape; null when QEMU accepted
 * @param drv      query-block's inserted.drv: the top node's driver; null without a medium
 * @param filename query-block's inserted.image.filename: the top node's canonical name
 * @param readOnly query-block's inserted.ro
 * @param cache    query-block's inserted.cache as "direct/no-flush/writeback" booleans
 * @param verdict  what the run says about the configuration
 */
record DriveOutcome(int exitCode, String error, String drv, String filename, Boolean readOnly, String cache,
        Verdict verdict) {

    String describe() {
        return switch (verdict) {
            case ACCEPTED -> drv == null ? "accepted, no medium" : "accepted, " + drv + ": " + filename;
            default -> verdict.describe(exitCode, error);
        };
    }
}
