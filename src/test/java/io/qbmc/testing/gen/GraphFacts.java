package io.qbmc.testing.gen;

import io.qbmc.graph.BlockGraph;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** What a graph contains, for properties and for statistics on the generator. */
public final class GraphFacts {
    private GraphFacts() {
    }

    /** Every node written in the graph, inline children included, references not followed. */
    public static List<BlockNode> nodes(BlockGraph graph) {
        List<BlockNode> out = new ArrayList<>();
        graph.nodes().forEach(n -> collect(n, out));
        return out;
    }

    private static void collect(BlockNode node, List<BlockNode> out) {
        out.add(node);
        for (Value v : node.options().values()) {
            Repair.forEachInline(v, child -> collect(child, out));
        }
    }

    /** Every value in the graph's options, depth-first, children's options included. */
    public static List<Value> values(BlockGraph graph) {
        List<Value> out = new ArrayList<>();
        for (BlockNode n : nodes(graph)) {
            n.options().values().forEach(v -> values(v, out));
        }
        return out;
    }

    private static void values(Value v, List<Value> out) {
        out.add(v);
        if (v instanceof Value.Obj o) {
            o.members().values().forEach(m -> values(m, out));
        } else if (v instanceof Value.Arr a) {
            a.items().forEach(m -> values(m, out));
        }
    }

    public static long count(BlockGraph graph, Predicate<Value> p) {
        return values(graph).stream().filter(p).count();
    }

    /** Nodes whose format QEMU probes (no driver). */
    public static long probed(BlockGraph graph) {
        return nodes(graph).stream().filter(n -> n.driver().isEmpty()).count();
    }

    /** Explicit null children ("backing": null). */
    public static long nullChildren(BlockGraph graph) {
        return count(graph, v -> v instanceof Value.Node n && n.child() instanceof Child.None);
    }

    /** Empty lists, which JSON writes as [] and dotted syntax cannot write. */
    public static long emptyLists(BlockGraph graph) {
        return count(graph, v -> v instanceof Value.Arr a && a.items().isEmpty());
    }

    /** Strings with a line break, which a dotted string on one line cannot hold. */
    public static long lineBreaks(BlockGraph graph) {
        return count(graph, v -> v instanceof Value.Str s && (s.value().indexOf('\n') >= 0 || s.value().indexOf('\r') >= 0));
    }

    /** Integers of 2^63 or more, which -blockdev JSON cannot write. */
    /** Nodes with options -blockdev's QAPI schema lacks (vmdk extents, vpc force_size_calc, ...). */
    public static long notInQapi(BlockGraph graph) {
        return nodes(graph).stream().filter(n -> n.options().keySet().stream()
                .anyMatch(k -> !io.qbmc.schema.Drivers.inQapi(n.driver(), k))).count();
    }

    public static long beyondInt63(BlockGraph graph) {
        return count(graph, v -> v instanceof Value.Int i && i.bits() < 0);
    }
}
