package io.qbmc.roundtrip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.emit.BlockdevEmitter;
import io.qbmc.graph.BlockGraph;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.BlockNodes;
import io.qbmc.graph.Child;
import io.qbmc.graph.Value;
import io.qbmc.testing.gen.GraphFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When a graph read back from -blockdev output is the original graph. The output writes every
 * node on its own, so the read-back graph differs from the original in exactly three ways,
 * each checked precisely:
 *
 * <ol>
 * <li>every node written inline in the original is a top node of its own, in an order where
 *     children come before their parents, and its parent refers to it by node-name;</li>
 * <li>a node the original left unnamed has a name the emitter made up: one that starts with
 *     {@link BlockdevEmitter#GENERATED_PREFIX}, is used by no node of the original, and is
 *     referred to exactly once (by its parent), or never for a top node;</li>
 * <li>a node that was inline states what it inherited from its parent in place
 *     ({@link QemuInheritance}), since a -blockdev node inherits nothing.</li>
 * </ol>
 *
 * Everything else must be equal: after inlining the references ({@link Inliner}) and removing
 * made-up names, each top node of the original equals its read-back node.
 */
final class BlockdevEquivalence {
    private BlockdevEquivalence() {
    }

    static void assertEquivalent(BlockGraph original, BlockGraph readBack, String text) {
        String context = "\n-- emitted:\n" + text;
        assertEquals(original.objects(), readBack.objects(), context);
        assertEquals(original.drives(), readBack.drives(), context);

        List<BlockNode> written = GraphFacts.nodes(original);
        assertEquals(written.size(), readBack.nodes().size(), "one -blockdev node per node" + context);

        Set<String> originalNames = new HashSet<>();
        written.forEach(n -> {
            if (n.nodeName() != null) {
                originalNames.add(n.nodeName());
            }
        });
        Set<String> generated = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (BlockNode n : readBack.nodes()) {
            String name = n.nodeName();
            assertNotNull(name, "every -blockdev node is named" + context);
            assertTrue(seen.add(name), "node-name " + name + " used twice" + context);
            if (!originalNames.contains(name)) {
                assertTrue(name.startsWith(BlockdevEmitter.GENERATED_PREFIX), "made-up name " + name + context);
                generated.add(name);
            }
        }
        assertTrue(seen.containsAll(originalNames), "every original node-name survives" + context);
        assertEquals(written.size() - originalNames.size(), generated.size(),
                "one made-up name per unnamed node" + context);

        Map<String, Integer> refs = new HashMap<>();
        for (BlockNode n : readBack.nodes()) {
            countRefs(n, refs);
        }
        Set<String> rootNames = new HashSet<>(names(readBack.roots()));
        for (String g : generated) {
            // an unnamed child is referred to by its parent; an unnamed top node by nobody
            int expected = rootNames.contains(g) ? 0 : 1;
            assertEquals(expected, refs.getOrDefault(g, 0), "references to made-up " + g + context);
        }

        // the read-back node standing for each original top node: the same name, or for an
        // unnamed top (never referred to, so a root) the read-back root in the same place
        List<BlockNode> originalRoots = original.roots();
        List<BlockNode> readBackRoots = readBack.roots();
        assertEquals(originalRoots.size(), readBackRoots.size(), "the same top nodes" + context);
        Map<BlockNode, String> standIn = new IdentityHashMap<>();
        for (int i = 0; i < originalRoots.size(); i++) {
            String mine = originalRoots.get(i).nodeName();
            String theirs = readBackRoots.get(i).nodeName();
            assertTrue(mine == null ? generated.contains(theirs) : mine.equals(theirs),
                    "top node " + i + " is " + theirs + context);
            standIn.put(originalRoots.get(i), theirs);
        }
        for (BlockNode top : original.nodes()) {
            standIn.putIfAbsent(top, top.nodeName());
        }
        List<String> order = names(readBack.nodes());
        int last = -1;
        for (BlockNode top : original.nodes()) {
            int at = order.indexOf(standIn.get(top));
            assertTrue(at > last, "the original top nodes keep their order" + context);
            last = at;
        }

        // both sides expanded the same structural way; graph.Inliner would also state defaults
        // that inlining a -blockdev node changes, which is its own subject (InlinerTest)
        Map<String, BlockNode> readBackByName = new HashMap<>();
        for (BlockNode n : readBack.nodes()) {
            expand(n, readBackByName);
        }
        Map<String, BlockNode> byName = new HashMap<>();
        for (BlockNode top : original.nodes()) {
            BlockNode expected = expand(top, byName);
            BlockNode actual = readBackByName.get(standIn.get(top));
            assertEquals(expected, stripNames(actual, generated), "node " + standIn.get(top) + context);
        }
    }

    /**
     * A node of the original as a tree: children inline with what they inherit written out,
     * references replaced by the node they name as it was written where defined (byName collects
     * those as it goes; references only point back).
     */
    private static BlockNode expand(BlockNode node, Map<String, BlockNode> byName) {
        Map<String, Value> o = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : node.options().entrySet()) {
            o.put(e.getKey(), expand(e.getValue(), node, e.getKey().equals("backing"), byName));
        }
        BlockNode out = BlockNodes.of(node.driver(), o);
        if (node.nodeName() != null) {
            byName.put(node.nodeName(), out);
        }
        return out;
    }

    private static Value expand(Value v, BlockNode parent, boolean cow, Map<String, BlockNode> byName) {
        if (v instanceof Value.Node n && n.child() instanceof Child.Inline i) {
            return new Value.Node(new Child.Inline(expand(QemuInheritance.openedAlone(i.node(), parent, cow), byName)));
        }
        if (v instanceof Value.Node n && n.child() instanceof Child.Ref r) {
            BlockNode target = byName.get(r.nodeName());
            assertNotNull(target, "the generator refers only to nodes defined earlier: " + r.nodeName());
            return new Value.Node(new Child.Inline(target));
        }
        if (v instanceof Value.Obj obj) {
            Map<String, Value> m = new LinkedHashMap<>();
            obj.members().forEach((k, x) -> m.put(k, expand(x, parent, false, byName)));
            return new Value.Obj(m);
        }
        if (v instanceof Value.Arr a) {
            List<Value> items = new ArrayList<>();
            a.items().forEach(x -> items.add(expand(x, parent, false, byName)));
            return new Value.Arr(items);
        }
        return v;
    }

    /** The tree without the node-names the emitter made up. */
    private static BlockNode stripNames(BlockNode node, Set<String> generated) {
        Map<String, Value> o = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : node.options().entrySet()) {
            if (e.getKey().equals("node-name") && generated.contains(node.nodeName())) {
                continue;
            }
            o.put(e.getKey(), stripNames(e.getValue(), generated));
        }
        return BlockNodes.of(node.driver(), o);
    }

    private static Value stripNames(Value v, Set<String> generated) {
        if (v instanceof Value.Node n && n.child() instanceof Child.Inline i) {
            return new Value.Node(new Child.Inline(stripNames(i.node(), generated)));
        }
        if (v instanceof Value.Obj obj) {
            Map<String, Value> m = new LinkedHashMap<>();
            obj.members().forEach((k, x) -> m.put(k, stripNames(x, generated)));
            return new Value.Obj(m);
        }
        if (v instanceof Value.Arr a) {
            List<Value> items = new ArrayList<>();
            a.items().forEach(x -> items.add(stripNames(x, generated)));
            return new Value.Arr(items);
        }
        return v;
    }

    private static void countRefs(BlockNode node, Map<String, Integer> into) {
        for (Value v : node.options().values()) {
            countRefs(v, into);
        }
    }

    private static void countRefs(Value v, Map<String, Integer> into) {
        if (v instanceof Value.Node n) {
            if (n.child() instanceof Child.Ref r) {
                into.merge(r.nodeName(), 1, Integer::sum);
            } else if (n.child() instanceof Child.Inline i) {
                countRefs(i.node(), into);
            }
        } else if (v instanceof Value.Obj o) {
            o.members().values().forEach(m -> countRefs(m, into));
        } else if (v instanceof Value.Arr a) {
            a.items().forEach(m -> countRefs(m, into));
        }
    }

    private static List<String> names(List<BlockNode> nodes) {
        List<String> out = new ArrayList<>();
        nodes.forEach(n -> out.add(n.nodeName()));
        return out;
    }
}
