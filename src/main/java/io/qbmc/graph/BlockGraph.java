package io.qbmc.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled configuration: the top-level nodes as given (one tree, or the nodes of a -blockdev
 * set that refer to each other by node-name), the objects they use, and each -drive's
 * front-end options, kept aside. Immutable; equal graphs mean the same configuration.
 */
public record BlockGraph(List<BlockNode> nodes, List<QemuObject> objects, List<DriveOptions> drives) {

    public BlockGraph {
        nodes = List.copyOf(nodes);
        objects = List.copyOf(objects);
        drives = List.copyOf(drives);
    }

    public static BlockGraph of(BlockNode root) {
        return new BlockGraph(List.of(root), List.of(), List.of());
    }

    /** Top-level nodes that no other node references: what a guest device would attach to. */
    public List<BlockNode> roots() {
        Set<String> referenced = new HashSet<>();
        for (BlockNode n : nodes) {
            collectRefs(n, referenced);
        }
        List<BlockNode> out = new ArrayList<>();
        for (BlockNode n : nodes) {
            if (n.nodeName() == null || !referenced.contains(n.nodeName())) {
                out.add(n);
            }
        }
        return out;
    }

    /** Every node-name reference under a node (not following references). */
    public static void collectRefs(BlockNode node, Set<String> into) {
        for (Value v : node.options().values()) {
            collectRefs(v, into);
        }
    }

    private static void collectRefs(Value v, Set<String> into) {
        if (v instanceof Value.Node n) {
            if (n.child() instanceof Child.Ref r) {
                into.add(r.nodeName());
            } else if (n.child() instanceof Child.Inline i) {
                collectRefs(i.node(), into);
            }
        } else if (v instanceof Value.Obj o) {
            for (Value m : o.members().values()) {
                collectRefs(m, into);
            }
        } else if (v instanceof Value.Arr a) {
            for (Value m : a.items()) {
                collectRefs(m, into);
            }
        }
    }

    /** The top-level nodes by node-name. */
    public Map<String, BlockNode> named() {
        Map<String, BlockNode> out = new LinkedHashMap<>();
        for (BlockNode n : nodes) {
            if (n.nodeName() != null) {
                out.putIfAbsent(n.nodeName(), n);
            }
        }
        return out;
    }
}
