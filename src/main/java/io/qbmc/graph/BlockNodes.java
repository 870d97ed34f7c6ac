package io.qbmc.graph;

import java.util.Map;

/** Builds the record for a driver from its typed options. */
public final class BlockNodes {
    private BlockNodes() {
    }

    public static BlockNode of(String driver, Map<String, Value> options) {
        switch (driver) {
            case "file":
                return FileNode.from(options);
            case "host_device":
                return HostDeviceNode.from(options);
            case "raw":
                return RawNode.from(options);
            case "qcow2":
                return Qcow2Node.from(options);
            case "quorum":
                return QuorumNode.from(options);
            case "qbm":
                return QbmNode.from(options);
            default:
                return new GenericNode(driver, options);
        }
    }
}
