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
        return inline(node, node.options(), named, new HashSet<>());
    }

    /** @param effective the node's options as QEMU opens it, which its children inherit from */
    private static BlockNode inline(BlockNode node, Map<String, Value> effective, Map<String, BlockNode> named,
            Set<String> active) {
        String own = node.nodeName();
        if (own != null) {
            active.add(own);
        }
        Map<String, Value> options = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : node.options().entrySet()) {
            options.put(e.getKey(), value(e.getValue(), e.getKey().equals("backing"), effective, named, active));
        }
        if (own != null) {
            active.remove(own);
        }
        return BlockNodes.of(node.driver(), options);
    }

    private static Value value(Value v, boolean cow, Map<String, Value> parent, Map<String, BlockNode> named,
            Set<String> active) {
        if (v instanceof Value.Node n) {
            Child c = n.child();
            if (c instanceof Child.Ref r && named.containsKey(r.nodeName()) && !active.contains(r.nodeName())) {
                BlockNode placed = Inheritance.keepingOwnDefaults(named.get(r.nodeName()), parent, cow);
                return new Value.Node(new Child.Inline(inline(placed,
                        Inheritance.effective(placed.options(), parent, cow), named, active)));
            }
            if (c instanceof Child.Inline i) {
                return new Value.Node(new Child.Inline(inline(i.node(),
                        Inheritance.effective(i.node().options(), parent, cow), named, active)));
            }
            return v;
        }
        if (v instanceof Value.Obj o) {
            Map<String, Value> m = new LinkedHashMap<>();
            o.members().forEach((k, x) -> m.put(k, value(x, false, parent, named, active)));
            return new Value.Obj(m);
        }
        if (v instanceof Value.Arr a) {
            List<Value> items = new ArrayList<>();
            a.items().forEach(x -> items.add(value(x, false, parent, named, active)));
            return new Value.Arr(items);
        }
        return v;
    }
}
