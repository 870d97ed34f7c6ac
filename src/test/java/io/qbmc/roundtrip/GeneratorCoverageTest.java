package io.qbmc.roundtrip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.graph.BlockGraph;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.Value;
import io.qbmc.schema.DriverSchema;
import io.qbmc.schema.Drivers;
import io.qbmc.schema.OptionSpec;
import io.qbmc.schema.OptionType;
import io.qbmc.testing.gen.GraphFacts;
import io.qbmc.testing.gen.Graphs;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import net.jqwik.api.Example;

/**
 * The generator reaches what the schemas declare: every driver, every option of every driver
 * (group members included), both shapes of an alternate, and the values that stress the forms.
 * A sample of two thousand graphs, large enough that a miss means the generator lost something.
 */
class GeneratorCoverageTest {
    private static final java.util.List<BlockGraph> SAMPLE = Stream.concat(
            Graphs.trees().sampleStream().limit(1200), Graphs.blockdevSets().sampleStream().limit(800)).toList();

    @Example
    void everyDeclaredOptionOfEveryDriverAppears() {
        Set<String> declared = new TreeSet<>();
        java.util.List<DriverSchema> schemas = new ArrayList<>(Drivers.all());
        schemas.add(Drivers.probe());
        for (DriverSchema s : schemas) {
            for (OptionSpec o : s.options()) {
                if (o.inputOnly()) {
                    continue; // rewritten before binding, never in a graph
                }
                declared(s.name() + ":" + o.name(), o.type(), declared);
            }
        }
        Set<String> seen = new TreeSet<>();
        for (BlockGraph g : SAMPLE) {
            for (BlockNode n : GraphFacts.nodes(g)) {
                seen.add(n.driver() + ":");
                n.options().forEach((k, v) -> seen(n.driver() + ":" + k, v, seen));
            }
        }
        for (DriverSchema s : schemas) {
            assertTrue(seen.contains(s.name() + ":"), "driver never generated: '" + s.name() + "'");
        }
        Set<String> missing = new TreeSet<>(declared);
        missing.removeAll(seen);
        assertEquals(Set.of(), missing, "options never generated");
    }

    @Example
    void valuesThatStressTheFormsAppear() {
        check("an explicit null child", v -> v instanceof Value.Node n && n.child() instanceof Child.None);
        check("a reference", v -> v instanceof Value.Node n && n.child() instanceof Child.Ref);
        check("an empty list", v -> v instanceof Value.Arr a && a.items().isEmpty());
        check("an integer of 2^63 or more", v -> v instanceof Value.Int i && i.bits() < 0);
        check("zero", v -> v instanceof Value.Int i && i.bits() == 0);
        check("an empty string", v -> v instanceof Value.Str s && s.value().isEmpty());
        check("a comma", v -> v instanceof Value.Str s && s.value().contains(","));
        check("a quote and a backslash", v -> v instanceof Value.Str s && s.value().contains("\"")
                && s.value().contains("\\"));
        check("a character beyond the BMP", v -> v instanceof Value.Str s
                && s.value().codePoints().anyMatch(Character::isSupplementaryCodePoint));
        check("trailing whitespace", v -> v instanceof Value.Str s && !s.value().isEmpty()
                && Character.isWhitespace(s.value().charAt(s.value().length() - 1)));
        check("a quorum with blkverify=on", v -> v instanceof Value.Node n && n.child() instanceof Child.Inline i
                && i.node().options().get("blkverify") instanceof Value.Bool b && b.value());
    }

    private static void check(String what, Predicate<Value> p) {
        assertTrue(SAMPLE.stream().anyMatch(g -> GraphFacts.count(g, p) > 0), "never generated: " + what);
    }

    /** Paths of declared options: "raw:size", "qcow2:cache.direct", "qbm:bitmaps.name", alternates twice. */
    private static void declared(String path, OptionType t, Set<String> into) {
        into.add(path);
        if (t instanceof OptionType.ListOf l) {
            declared(path, l.element(), into);
        } else if (t instanceof OptionType.Group g) {
            for (OptionSpec m : g.members()) {
                declared(path + "." + m.name(), m.type(), into);
            }
        } else if (t instanceof OptionType.Alternate a) {
            into.add(path + "=scalar");
            declared(path, a.group(), into);
        }
    }

    private static void seen(String path, Value v, Set<String> into) {
        into.add(path);
        if (v instanceof Value.Arr a) {
            a.items().forEach(x -> seen(path, x, into));
        } else if (v instanceof Value.Obj o) {
            o.members().forEach((k, x) -> seen(path + "." + k, x, into));
        } else if (v instanceof Value.Str) {
            into.add(path + "=scalar");
        }
    }
}
