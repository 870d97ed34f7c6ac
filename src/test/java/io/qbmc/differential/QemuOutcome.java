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

    enum Verdict {
        /** qemu-img opened the image. */
        ACCEPTED,
        /**
         * A network or device driver got past option parsing and then failed to reach its server
         * or device: the configuration itself was accepted.
         */
        ACCEPTED_UNREACHABLE,
        /** QEMU refused the configuration. */
        REJECTED,
        /** Neither: a timeout or a crash. The corpus must not contain such specs. */
        UNDECIDED;

        boolean accepted() {
            return this == ACCEPTED || this == ACCEPTED_UNREACHABLE;
        }
    }

    String describe() {
        if (verdict == Verdict.ACCEPTED) {
            return "accepted, image: " + name;
        }
        return verdict.name().toLowerCase(java.util.Locale.ROOT) + " (exit " + exitCode + "): " + error;
    }
}
