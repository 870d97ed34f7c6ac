package io.qbmc.testing.gen;

import io.qbmc.graph.BlockGraph;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.BlockNodes;
import io.qbmc.graph.Child;
import io.qbmc.graph.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same graph with every map built in reverse order. Graph equality ignores map order, so an
 * emitter that is a function of the graph must not see the difference.
 */
public final class Shuffle {
    private Shuffle() {
    }

    public static BlockGraph reversed(BlockGraph graph) {
        List<BlockNode> nodes = new ArrayList<>();
        graph.nodes().forEach(n -> nodes.add(reversed(n)));
        return new BlockGraph(nodes, graph.objects(), graph.drives());
    }

    static BlockNode reversed(BlockNode node) {
        return BlockNodes.of(node.driver(), reversed(node.options()));
    }

    private static Map<String, Value> reversed(Map<String, Value> map) {
        List<Map.Entry<String, Value>> entries = new ArrayList<>(map.entrySet());
        Collections.reverse(entries);
        Map<String, Value> out = new LinkedHashMap<>();
        entries.forEach(e -> out.put(e.getKey(), reversed(e.getValue())));
        return out;
    }

    private static Value reversed(Value v) {
        if (v instanceof Value.Node n && n.child() instanceof Child.Inline i) {
            return new Value.Node(new Child.Inline(reversed(i.node())));
        }
        if (v instanceof Value.Obj o) {
            return new Value.Obj(reversed(o.members()));
        }
        if (v instanceof Value.Arr a) {
            List<Value> items = new ArrayList<>();
            a.items().forEach(x -> items.add(reversed(x)));
            return new Value.Arr(items);
        }
        return v;
    }
}
