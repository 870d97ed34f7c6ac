package io.qbmc.differential;

/**
 * What qemu-img info made of one spec.
 *
 * @param exitCode the exit status; -1 when the run timed out
 * @param name     the canonical name qemu-img printed ("filename" of --output=json), or null
 * @param error    the reason after "Could not open '<spec>': ", or the whole stderr when it has
 *                 another shape; null when qemu-img succeeded
 * @param verdict  what the run says about the configuration
 */
record QemuOutcome(int exitCode, String name, String error, Verdict verdict) {
    String describe() {
        if (verdict == Verdict.ACCEPTED) {
            return "accepted, image: " + name;
        }
        return verdict.describe(exitCode, error);
    }
}
