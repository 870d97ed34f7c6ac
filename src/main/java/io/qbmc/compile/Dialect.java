package io.qbmc.compile;

/** Which of QEMU's parsers reads a dotted option string (--as). */
public enum Dialect {
    /** QemuOpts as qemu-img --image-opts uses it: the default. */
    IMAGE_OPTS("image-opts"),
    /** QemuOpts plus -drive's legacy keys and front-end options. */
    DRIVE("drive"),
    /** keyval as -blockdev uses it; a leading '{' means JSON. */
    BLOCKDEV("blockdev");

    private final String word;

    Dialect(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Dialect of(String word) {
        for (Dialect d : values()) {
            if (d.word.equals(word)) {
                return d;
            }
        }
        return null;
    }
}
