package io.qbmc.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces node-name references to top-level nodes by the nodes themselves, turning a -blockdev
 * set into the tree a json: filename or a dotted string can hold. A node of its own inherits
 * nothing; in place it would inherit from its new parent, so it states its own defaults where
 * inheriting would change them (graph.Inheritance).
 */
public final class Inliner {
    private Inliner() {
    }

    /** The tree under a node with every resolvable reference inlined; cycles stay references. */
    public static BlockNode inline(BlockNode node, Map<String, BlockNode> named) {
        return inline(node, named, (from, to) -> { });
    }

    /** Learns which node of the new tree stands for which node of the graph. */
    public interface Placed {
        void accept(BlockNode from, BlockNode to);
    }

    /** As {@link #inline(BlockNode, Map)}, telling placed each new node and the node it stands for. */
    public static BlockNode inline(BlockNode node, Map<String, BlockNode> named, Placed placed) {
        return inline(node, node, node.options(), named, new HashSet<>(), placed);
    }

    /**
     * @param from      the graph's node that node stands for (node may be a copy with defaults added)
     * @param effective the node's options as QEMU opens it, which its children inherit from
     */
    private static BlockNode inline(BlockNode from, BlockNode node, Map<String, Value> effective,
            Map<String, BlockNode> named, Set<String> active, Placed placed) {
        String own = node.nodeName();
        if (own != null) {
            active.add(own);
        }
        Map<String, Value> options = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : node.options().entrySet()) {
            options.put(e.getKey(), value(e.getValue(), e.getKey().equals("backing"), effective, named, active,
                    placed));
        }
        if (own != null) {
            active.remove(own);
        }
        BlockNode inlined = BlockNodes.of(node.driver(), options);
        placed.accept(from, inlined);
        return inlined;
    }

    private static Value value(Value v, boolean cow, Map<String, Value> parent, Map<String, BlockNode> named,
            Set<String> active, Placed placed) {
        if (v instanceof Value.Node n) {
            Child c = n.child();
            if (c instanceof Child.Ref r && named.containsKey(r.nodeName()) && !active.contains(r.nodeName())) {
                BlockNode from = named.get(r.nodeName());
                BlockNode copy = Inheritance.keepingOwnDefaults(from, parent, cow);
                return new Value.Node(new Child.Inline(inline(from, copy,
                        Inheritance.effective(copy.options(), parent, cow), named, active, placed)));
            }
            if (c instanceof Child.Inline i) {
                return new Value.Node(new Child.Inline(inline(i.node(), i.node(),
                        Inheritance.effective(i.node().options(), parent, cow), named, active, placed)));
            }
            return v;
        }
        if (v instanceof Value.Obj o) {
            Map<String, Value> m = new LinkedHashMap<>();
            o.members().forEach((k, x) -> m.put(k, value(x, false, parent, named, active, placed)));
            return new Value.Obj(m);
        }
        if (v instanceof Value.Arr a) {
            List<Value> items = new ArrayList<>();
            a.items().forEach(x -> items.add(value(x, false, parent, named, active, placed)));
            return new Value.Arr(items);
        }
        return v;
    }
}
