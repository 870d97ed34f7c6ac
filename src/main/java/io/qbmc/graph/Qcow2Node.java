package io.qbmc.graph;

import java.util.Map;

/** The qcow2 format, with its three possible children. */
public record Qcow2Node(Child file, Child backing, Child dataFile, Map<String, Value> extra) implements BlockNode {
    public Qcow2Node {
        extra = Options.freeze(extra);
    }

    static Qcow2Node from(Map<String, Value> o) {
        return new Qcow2Node(Options.child(o, "file"), Options.child(o, "backing"), Options.child(o, "data-file"),
                Options.rest(o, "file", "backing", "data-file"));
    }

    @Override
    public String nodeName() {
        return Options.str(extra, "node-name");
    }

    @Override
    public String driver() {
        return "qcow2";
    }

    @Override
    public Map<String, Value> options() {
        return Options.with(extra, "file", file, "backing", backing, "data-file", dataFile);
    }
}
