package io.qbmc.bind;

import io.qbmc.diag.Code;
import io.qbmc.schema.OptionSpec;

/** How QEMU words a missing required option, which differs by driver. */
record MissingOption(Code code, String message, String hint) {

    static MissingOption of(String driver, String path, OptionSpec spec) {
        if (spec.isChild()) {
            return new MissingOption(Code.MISSING_CHILD, "A block device must be specified for \"" + path + "\"",
                    "add " + path + ".driver=... and its options, or " + path + "=NODE-NAME");
        }
        if (path.equals("filename") && (driver.equals("file") || driver.startsWith("host_"))) {
            return new MissingOption(Code.MISSING_OPTION, "The '" + driver + "' block driver requires a file name",
                    "add filename=PATH");
        }
        if (driver.equals("quorum") && path.equals("children")) {
            return new MissingOption(Code.QUORUM_NO_CHILDREN, "Number of provided children must be 1 or more",
                    "add children.0.driver=... and the other children");
        }
        if (driver.equals("quorum") && path.equals("vote-threshold")) {
            return new MissingOption(Code.VOTE_THRESHOLD, "Parameter 'vote-threshold' expects a value >= 1",
                    "vote-threshold has no default; set it between 1 and the number of children");
        }
        return new MissingOption(Code.MISSING_OPTION, "Parameter '" + path + "' is missing",
                "add " + path + "=" + (spec.type().describe()).toUpperCase(java.util.Locale.ROOT));
    }
}
