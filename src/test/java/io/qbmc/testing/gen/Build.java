package io.qbmc.testing.gen;

import io.qbmc.graph.BlockGraph;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.BlockNodes;
import io.qbmc.graph.Child;
import io.qbmc.graph.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Graphs written by hand for examples: node("raw", "size", 1024, "file", node("file", ...)). */
public final class Build {
    private Build() {
    }

    public static BlockNode node(String driver, Object... keyValues) {
        return BlockNodes.of(driver, map(keyValues));
    }

    public static Value obj(Object... keyValues) {
        return new Value.Obj(map(keyValues));
    }

    public static Value arr(Object... items) {
        List<Value> out = new ArrayList<>();
        for (Object o : items) {
            out.add(value(o));
        }
        return new Value.Arr(out);
    }

    public static Value ref(String nodeName) {
        return new Value.Node(new Child.Ref(nodeName));
    }

    public static Value none() {
        return new Value.Node(new Child.None());
    }

    public static BlockGraph tree(BlockNode root) {
        return BlockGraph.of(root);
    }

    public static BlockGraph set(BlockNode... nodes) {
        return new BlockGraph(List.of(nodes), List.of(), List.of());
    }

    private static Map<String, Value> map(Object... keyValues) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], value(keyValues[i + 1]));
        }
        return m;
    }

    private static Value value(Object o) {
        if (o instanceof Value v) {
            return v;
        }
        if (o instanceof String s) {
            return new Value.Str(s);
        }
        if (o instanceof Long l) {
            return new Value.Int(l);
        }
        if (o instanceof Integer i) {
            return new Value.Int(i);
        }
        if (o instanceof Boolean b) {
            return new Value.Bool(b);
        }
        if (o instanceof BlockNode n) {
            return new Value.Node(new Child.Inline(n));
        }
        throw new IllegalArgumentException("not a value: " + o);
    }
}
