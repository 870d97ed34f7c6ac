package io.qbmc.emit;

import io.qbmc.text.JsonText;
import io.qbmc.graph.BlockGraph;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.Inheritance;
import io.qbmc.graph.Value;
import io.qbmc.schema.DriverSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A graph as -blockdev nodes, the way libvirt writes them: one flat JSON object per node,
 * children first, each child replaced by its node-name. Nodes without a node-name get one.
 * A child that was written in place states the options it inherited there ({@link Inherited}).
 */
public final class BlockdevEmitter {
    /** Prefix of generated node-names. */
    public static final String GENERATED_PREFIX = "qbmc-n";

    private BlockdevEmitter() {
    }

    /**
     * The nodes, each as a compact JSON object, in the order QEMU must create them.
     *
     * @throws NotExpressible for a graph -blockdev cannot hold: a probed format,
     *         an integer above 2^63-1
     */
    public static List<String> nodes(BlockGraph graph) {
        Set<String> taken = new HashSet<>();
        collectNames(graph, taken);
        List<String> out = new ArrayList<>();
        int[] counter = {0};
        for (BlockNode top : graph.nodes()) {
            flatten(top, taken, counter, out);
        }
        return out;
    }

    /** All nodes as one JSON array on one line; refuses what {@link #nodes} refuses. */
    public static String emit(BlockGraph graph) {
        return "[" + String.join(",", nodes(graph)) + "]";
    }

    private static void collectNames(BlockGraph graph, Set<String> taken) {
        for (BlockNode n : graph.nodes()) {
            collectNames(n, taken);
        }
    }

    private static void collectNames(BlockNode node, Set<String> taken) {
        if (node.nodeName() != null) {
            taken.add(node.nodeName());
        }
        for (Value v : node.options().values()) {
            forEachInline(v, child -> collectNames(child, taken));
        }
    }

    private static void forEachInline(Value v, java.util.function.Consumer<BlockNode> action) {
        if (v instanceof Value.Node n && n.child() instanceof Child.Inline i) {
            action.accept(i.node());
        } else if (v instanceof Value.Obj o) {
            o.members().values().forEach(m -> forEachInline(m, action));
        } else if (v instanceof Value.Arr a) {
            a.items().forEach(m -> forEachInline(m, action));
        }
    }

    /** Emits the node's inline children first, then the node; returns its node-name. */
    private static String flatten(BlockNode node, Set<String> taken, int[] counter, List<String> out) {
        if (node.driver().isEmpty()) {
            // QAPI's BlockdevOptions has a mandatory driver: -blockdev never probes a format
            throw new NotExpressible("A node without a driver leaves its format to probing, which"
                    + " -blockdev cannot do (QEMU: \"Parameter 'driver' is missing\")",
                    "give the node a driver, e.g. driver=raw, or use --to json");
        }
        DriverSchema schema = Layout.schema(node);
        Map<String, Value> options = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : Layout.ordered(node).entrySet()) {
            // a backing child (the COW child) is the node's own "backing" option
            boolean cow = e.getKey().equals("backing");
            options.put(e.getKey(), replaceChildren(e.getValue(), node, cow, taken, counter, out));
        }
        String name = node.nodeName();
        if (name == null) {
            do {
                name = GENERATED_PREFIX + counter[0]++;
            } while (!taken.add(name));
        }
        StringBuilder json = new StringBuilder("{\"driver\":");
        JsonText.quote(node.driver(), json);
        json.append(",\"node-name\":");
        JsonText.quote(name, json);
        for (Map.Entry<String, Value> e : options.entrySet()) {
            if (e.getKey().equals("node-name")) {
                continue;
            }
            if (!io.qbmc.schema.Drivers.inQapi(node.driver(), e.getKey())) {
                throw new NotExpressible("Option '" + e.getKey() + "' of " + node.driver()
                        + " has no -blockdev form: QAPI's BlockdevOptions lacks it",
                        "use --to json or --to dotted, which QEMU reads with the driver's own options");
            }
            json.append(',');
            JsonText.quote(e.getKey(), json);
            json.append(':');
            write(e.getValue(), schema, e.getKey(), json);
        }
        out.add(json.append('}').toString());
        return name;
    }

    /** Flattens the inline children in an option of a parent, which they inherit from. */
    private static Value replaceChildren(Value v, BlockNode parent, boolean cow, Set<String> taken, int[] counter,
            List<String> out) {
        if (v instanceof Value.Node n && n.child() instanceof Child.Inline i) {
            BlockNode alone = Inheritance.writtenOut(i.node(), parent.options(), cow);
            return new Value.Node(new Child.Ref(flatten(alone, taken, counter, out)));
        }
        if (v instanceof Value.Obj o) {
            Map<String, Value> m = new LinkedHashMap<>();
            o.members().forEach((k, x) -> m.put(k, replaceChildren(x, parent, false, taken, counter, out)));
            return new Value.Obj(m);
        }
        if (v instanceof Value.Arr a) {
            List<Value> items = new ArrayList<>();
            a.items().forEach(x -> items.add(replaceChildren(x, parent, false, taken, counter, out)));
            return new Value.Arr(items);
        }
        return v;
    }

    private static void write(Value v, DriverSchema schema, String path, StringBuilder out) {
        if (v instanceof Value.Str s) {
            JsonText.quote(s.value(), out);
        } else if (v instanceof Value.Int i) {
            if (i.bits() < 0) {
                // above int64: QEMU's JSON parser makes a uint64 that QAPI's int members refuse
                // ("Invalid parameter type ..., expected: integer"), and a negative literal would
                // be a negative number; no JSON spelling keeps the value
                throw new NotExpressible("Option '" + path + "' is " + Long.toUnsignedString(i.bits())
                        + ", above 2^63-1, which -blockdev JSON cannot express",
                        "use --to json or --to dotted, whose QemuOpts read all of uint64");
            }
            out.append(i.bits());
        } else if (v instanceof Value.Bool b) {
            out.append(b.value());
        } else if (v instanceof Value.Obj o) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Value> e : Layout.ordered(o.members(), Layout.members(schema, path)).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                JsonText.quote(e.getKey(), out);
                out.append(':');
                write(e.getValue(), schema, path + "." + e.getKey(), out);
            }
            out.append('}');
        } else if (v instanceof Value.Arr a) {
            out.append('[');
            for (int i = 0; i < a.items().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(a.items().get(i), schema, path + "." + i, out);
            }
            out.append(']');
        } else if (v instanceof Value.Node n) {
            if (n.child() instanceof Child.Ref r) {
                JsonText.quote(r.nodeName(), out);
            } else {
                out.append("null");
            }
        }
    }
}
