package io.qbmc.testing.gen;

import io.qbmc.graph.BlockNode;
import io.qbmc.graph.BlockNodes;
import io.qbmc.graph.Child;
import io.qbmc.graph.Value;
import io.qbmc.schema.DriverSchema;
import io.qbmc.schema.Drivers;
import io.qbmc.schema.OptionSpec;
import io.qbmc.schema.OptionType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Raw material for graphs, read off the schemas: a node of any declared driver with any of its
 * options, each value drawn from the option's type. Nothing here knows a driver by name; the
 * rules a valid graph obeys are applied afterwards by {@link Repair}, so that every draft
 * shrinks freely and is repaired again.
 *
 * <p>In -blockdev sets a child slot may hold a reference placeholder {@code "#k"}, resolved by
 * {@link Repair} to the k-th node-name defined earlier in the set.
 */
final class SchemaNodes {
    static final String REF_PLACEHOLDER = "#";

    /** Chance that an optional option is written. */
    private static final double OPTIONAL_PRESENCE = 0.3;

    private final boolean blockdev;
    private final int maxDepth;
    private final Map<String, Arbitrary<BlockNode>> memo = new HashMap<>();

    /**
     * @param blockdev nodes for a -blockdev set: no probed formats (QAPI's BlockdevOptions has a
     *                 mandatory driver), and children may be references
     * @param maxDepth deepest level of inline children; the root is level 0
     */
    SchemaNodes(boolean blockdev, int maxDepth) {
        this.blockdev = blockdev;
        this.maxDepth = maxDepth;
    }

    /**
     * A node at a depth.
     *
     * @param protocolSlot the slot opens its child as a protocol (no format probing there)
     * @param refs         whether children may be references
     */
    Arbitrary<BlockNode> node(int depth, boolean protocolSlot, boolean refs) {
        String key = depth + "/" + protocolSlot + "/" + refs;
        Arbitrary<BlockNode> a = memo.get(key);
        if (a == null) {
            a = build(depth, protocolSlot, refs);
            memo.put(key, a);
        }
        return a;
    }

    /**
     * Trees that shrink to their smallest failing subtree. Shrinking cannot turn a parent into
     * one of its children by itself (a different driver draws a fresh subtree), so a tree comes
     * with a number of levels to descend and a path to follow: generation mostly descends none,
     * and shrinking moves towards descending as far as the failure allows.
     */
    Arbitrary<BlockNode> hoisting(Arbitrary<BlockNode> trees) {
        Arbitrary<Integer> descend = Arbitraries.integers().between(0, 3 * maxDepth)
                .map(x -> maxDepth - Math.min(x, maxDepth));
        Arbitrary<List<Integer>> path = Arbitraries.integers().between(0, 3).list().ofSize(maxDepth);
        // descend and path first: jqwik then tries hoisting before it shrinks the tree itself
        return Combinators.combine(descend, path, trees).as((d, p, tree) -> hoist(tree, d, p));
    }

    /** The subtree reached by descending into inline children, path.get(i) choosing among them. */
    static BlockNode hoist(BlockNode node, int descend, List<Integer> path) {
        for (int i = 0; i < descend; i++) {
            List<BlockNode> children = new ArrayList<>();
            for (Value v : node.options().values()) {
                Repair.forEachInline(v, children::add);
            }
            if (children.isEmpty()) {
                break;
            }
            node = children.get(path.get(i) % children.size());
        }
        return node;
    }

    private Arbitrary<BlockNode> build(int depth, boolean protocolSlot, boolean refs) {
        List<Tuple2<Integer, Arbitrary<BlockNode>>> choices = new ArrayList<>();
        for (DriverSchema s : candidates(protocolSlot)) {
            if (depth >= maxDepth && needsChild(s)) {
                continue;
            }
            choices.add(Tuple.of(weight(s), nodeOf(s, depth, refs)));
        }
        return Arbitraries.frequencyOf(choices);
    }

    /** Every declared driver, in declaration order (file first: shrinking aims at it). */
    private List<DriverSchema> candidates(boolean protocolSlot) {
        List<DriverSchema> out = new ArrayList<>(Drivers.all());
        if (!blockdev && !protocolSlot) {
            out.add(Drivers.probe());
        }
        return out;
    }

    /** Drivers with children come more often, so trees grow; read off the schema, not a list. */
    static int weight(DriverSchema s) {
        int slots = 0;
        for (OptionSpec o : s.options()) {
            slots += childSlots(o.type());
        }
        return 1 + 3 * slots;
    }

    private static int childSlots(OptionType t) {
        if (t instanceof OptionType.ChildRef) {
            return 1;
        }
        if (t instanceof OptionType.ListOf l) {
            return childSlots(l.element());
        }
        if (t instanceof OptionType.Group g) {
            int n = 0;
            for (OptionSpec m : g.members()) {
                n += childSlots(m.type());
            }
            return n;
        }
        if (t instanceof OptionType.Alternate a) {
            return childSlots(a.group());
        }
        return 0;
    }

    /** Whether every node of the driver has a child (a required child option). */
    static boolean needsChild(DriverSchema s) {
        for (OptionSpec o : s.options()) {
            if (o.required() && requiresChild(o.type())) {
                return true;
            }
        }
        return false;
    }

    private static boolean requiresChild(OptionType t) {
        if (t instanceof OptionType.ChildRef) {
            return true;
        }
        if (t instanceof OptionType.ListOf l) {
            return requiresChild(l.element());
        }
        if (t instanceof OptionType.Group g) {
            for (OptionSpec m : g.members()) {
                if (m.required() && requiresChild(m.type())) {
                    return true;
                }
            }
        }
        return false;
    }

    private Arbitrary<BlockNode> nodeOf(DriverSchema s, int depth, boolean refs) {
        List<Arbitrary<Map.Entry<String, Value>>> entries = new ArrayList<>();
        for (OptionSpec o : s.options()) {
            if (o.inputOnly()) {
                continue; // rewritten before binding: a compiled graph never holds it
            }
            Arbitrary<Value> v = topValue(s, o, depth, refs);
            if (v != null) {
                entries.add(present(o, v));
            }
        }
        return Combinators.combine(entries).as(list -> {
            Map<String, Value> options = new LinkedHashMap<>();
            for (Map.Entry<String, Value> e : list) {
                if (e != null) {
                    options.put(e.getKey(), e.getValue());
                }
            }
            return BlockNodes.of(s.name(), options);
        });
    }

    /** The option's entry, or null (absent) for an optional option; absence is what shrinking aims at. */
    private static Arbitrary<Map.Entry<String, Value>> present(OptionSpec o, Arbitrary<Value> v) {
        Arbitrary<Map.Entry<String, Value>> entry = v.map(x -> Map.entry(o.name(), x));
        return o.required() ? entry : entry.injectNull(1 - OPTIONAL_PRESENCE);
    }

    /** Values of a node's own option; null when the option cannot appear at this depth. */
    private Arbitrary<Value> topValue(DriverSchema s, OptionSpec o, int depth, boolean refs) {
        if (o.name().equals("node-name")) {
            return Strings.nodeName().map(Value.Str::new);
        }
        if (o.name().equals("filename")) {
            // file-posix refuses an empty filename (block.c bdrv_open_common: "requires a file name")
            return Strings.nonEmpty().map(Value.Str::new);
        }
        return value(o, o.type(), depth, refs);
    }

    private Arbitrary<Value> value(OptionSpec spec, OptionType t, int depth, boolean refs) {
        if (t instanceof OptionType.Str) {
            return Strings.any().map(Value.Str::new);
        }
        if (t instanceof OptionType.Bool) {
            return Arbitraries.of(false, true).map(Value.Bool::new);
        }
        if (t instanceof OptionType.Num || t instanceof OptionType.Size) {
            return (blockdev ? Numbers.mostlyInt63() : Numbers.uint64()).map(Value.Int::new);
        }
        if (t instanceof OptionType.Enum e) {
            return Arbitraries.of(e.values()).map(Value.Str::new);
        }
        if (t instanceof OptionType.ChildRef c) {
            return child(c, depth, refs);
        }
        if (t instanceof OptionType.ListOf l) {
            return list(spec, l, depth, refs);
        }
        if (t instanceof OptionType.Group g) {
            return group(g, depth, refs);
        }
        if (t instanceof OptionType.Union u) {
            // one variant: its discriminator value and the members that value allows
            return Arbitraries.of(u.values()).flatMap(v -> {
                Arbitrary<Value> g = group(u.variant(v), depth, refs);
                return g == null ? Arbitraries.just(new Value.Obj(Map.of(u.discriminator(), new Value.Str(v))))
                        : g.map(obj -> {
                            Map<String, Value> m = new LinkedHashMap<>(((Value.Obj) obj).members());
                            m.put(u.discriminator(), new Value.Str(v));
                            return new Value.Obj(m);
                        });
            });
        }
        if (t instanceof OptionType.Alternate a) {
            Arbitrary<Value> scalar = value(spec, a.scalar(), depth, refs);
            Arbitrary<Value> group = group(a.group(), depth, refs);
            if (group == null) {
                return scalar;
            }
            return Arbitraries.frequencyOf(Tuple.of(1, scalar), Tuple.of(1, group));
        }
        throw new IllegalStateException("an option type the generator does not know: " + t);
    }

    /** A child: a node in place, a reference (in -blockdev sets), or null where allowed. Null past maxDepth. */
    private Arbitrary<Value> child(OptionType.ChildRef c, int depth, boolean refs) {
        if (depth >= maxDepth) {
            return null;
        }
        List<Tuple2<Integer, Arbitrary<Value>>> choices = new ArrayList<>();
        choices.add(Tuple.of(5, Arbitraries.lazy(() -> node(depth + 1, c.protocol(), refs))
                .map(n -> new Value.Node(new Child.Inline(n)))));
        if (refs) {
            choices.add(Tuple.of(2, Arbitraries.integers().between(0, 7)
                    .map(k -> new Value.Node(new Child.Ref(REF_PLACEHOLDER + k)))));
        }
        if (c.nullable()) {
            choices.add(Tuple.of(1, Arbitraries.just(new Value.Node(new Child.None()))));
        }
        return Arbitraries.frequencyOf(choices);
    }

    /**
     * A list. A required one (quorum's children) has at least one element; an optional one is
     * now and then empty, which JSON can write and dotted syntax cannot.
     */
    private Arbitrary<Value> list(OptionSpec spec, OptionType.ListOf l, int depth, boolean refs) {
        Arbitrary<Value> element = value(spec, l.element(), depth, refs);
        if (element == null) {
            return null;
        }
        Arbitrary<Value> nonEmpty = element.list().ofMinSize(1).ofMaxSize(3).map(Value.Arr::new);
        if (spec.required()) {
            return nonEmpty;
        }
        return Arbitraries.frequencyOf(Tuple.of(12, nonEmpty), Tuple.of(1, Arbitraries.just(new Value.Arr(List.of()))));
    }

    /**
     * A group with at least one member: QEMU has no empty group (an empty JSON object is
     * skipped like an absent option), so no compile produces one.
     */
    private Arbitrary<Value> group(OptionType.Group g, int depth, boolean refs) {
        List<Arbitrary<Map.Entry<String, Value>>> members = new ArrayList<>();
        for (OptionSpec m : g.members()) {
            Arbitrary<Value> v = value(m, m.type(), depth, refs);
            if (v == null) {
                if (m.required()) {
                    return null; // a required child past maxDepth: the group cannot appear here
                }
                continue;
            }
            Arbitrary<Map.Entry<String, Value>> entry = v.map(x -> Map.entry(m.name(), x));
            members.add(m.required() ? entry : entry.injectNull(0.5));
        }
        return Combinators.combine(members).as(list -> {
            Map<String, Value> out = new LinkedHashMap<>();
            for (Map.Entry<String, Value> e : list) {
                if (e != null) {
                    out.put(e.getKey(), e.getValue());
                }
            }
            return out;
        }).filter(m -> !m.isEmpty()).map(Value.Obj::new);
    }
}
