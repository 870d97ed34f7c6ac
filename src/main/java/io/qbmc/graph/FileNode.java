package io.qbmc.graph;

import java.util.Map;

/** The file protocol: a regular file opened through POSIX calls. */
public record FileNode(String filename, Map<String, Value> extra) implements BlockNode {
    public FileNode {
        extra = Options.freeze(extra);
    }

    static FileNode from(Map<String, Value> o) {
        return new FileNode(Options.str(o, "filename"), Options.rest(o, "filename"));
    }

    @Override
    public String nodeName() {
        return Options.str(extra, "node-name");
    }

    @Override
    public String driver() {
        return "file";
    }

    @Override
    public Map<String, Value> options() {
        return Options.with(extra, "filename", filename);
    }
}
