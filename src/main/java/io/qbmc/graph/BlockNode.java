package io.qbmc.graph;

import java.util.Map;

/**
 * One node of the block graph. The drivers whose meaning qbmc uses are records of their own;
 * every other driver is a {@link GenericNode} typed from its schema. All of them expose the
 * same generic view, {@link #options()}, which emitters and generic checks read.
 */
public sealed interface BlockNode
        permits FileNode, HostDeviceNode, RawNode, Qcow2Node, QuorumNode, QbmNode, GenericNode {

    /** The driver name; "" when the format is left to QEMU's probing. */
    String driver();

    /** Every option of the node except driver, children included as {@link Value.Node}. */
    Map<String, Value> options();

    default String nodeName() {
        return options().get("node-name") instanceof Value.Str s ? s.value() : null;
    }
}
