package io.qbmc.bind;

/** How JSON-typed values meet an option's type; QEMU has two regimes. */
public enum Typing {
    /**
     * The block layer's QemuOpts absorption (--image-opts, -drive, json: filenames): numbers and
     * booleans are turned into strings and parsed again, null and empty containers are skipped.
     */
    LENIENT,
    /** QAPI's input visitor for -blockdev JSON: a value must have the declared JSON type. */
    STRICT
}
