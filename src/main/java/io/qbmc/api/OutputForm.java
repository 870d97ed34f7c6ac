package io.qbmc.api;

/** The forms a graph can be written in (translate --to). */
public enum OutputForm {
    /** A json: filename, as qemu-img prints canonical names. */
    JSON("json"),
    /** One dotted option string for --image-opts. */
    DOTTED("dotted"),
    /** -blockdev nodes as a JSON array, children first. */
    BLOCKDEV("blockdev"),
    /** A tree for people. */
    TREE("tree"),
    /** A HOCON file, nested as people write configuration. */
    HOCON("hocon"),
    /** A QBM v1 descriptor (raw over a qbm filter, or a qbm filter). */
    QBM("qbm");

    private final String word;

    OutputForm(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static OutputForm of(String word) {
        for (OutputForm f : values()) {
            if (f.word.equals(word)) {
                return f;
            }
        }
        return null;
    }
}
