package io.qbmc.graph;

import java.util.Map;

/** The raw format: the guest sees the child's bytes, optionally a window [offset, offset+size). */
public record RawNode(Child file, Long offset, Long size, Map<String, Value> extra) implements BlockNode {
    public RawNode {
        extra = Options.freeze(extra);
    }

    static RawNode from(Map<String, Value> o) {
        return new RawNode(Options.child(o, "file"), Options.num(o, "offset"), Options.num(o, "size"),
                Options.rest(o, "file", "offset", "size"));
    }

    @Override
    public String nodeName() {
        return Options.str(extra, "node-name");
    }

    @Override
    public String driver() {
        return "raw";
    }

    @Override
    public Map<String, Value> options() {
        return Options.with(extra, "offset", offset, "size", size, "file", file);
    }
}
