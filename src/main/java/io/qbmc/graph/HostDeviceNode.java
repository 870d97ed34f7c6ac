package io.qbmc.graph;

import java.util.Map;

/** The host_device protocol: a block or character device such as an LVM volume. */
public record HostDeviceNode(String filename, Map<String, Value> extra) implements BlockNode {
    public HostDeviceNode {
        extra = Options.freeze(extra);
    }

    static HostDeviceNode from(Map<String, Value> o) {
        return new HostDeviceNode(Options.str(o, "filename"), Options.rest(o, "filename"));
    }

    @Override
    public String nodeName() {
        return Options.str(extra, "node-name");
    }

    @Override
    public String driver() {
        return "host_device";
    }

    @Override
    public Map<String, Value> options() {
        return Options.with(extra, "filename", filename);
    }
}
