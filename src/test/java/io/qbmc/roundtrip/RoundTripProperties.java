package io.qbmc.roundtrip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.api.OutputForm;
import io.qbmc.api.Qbmc;
import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Dialect;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.diag.Severity;
import io.qbmc.emit.BlockdevEmitter;
import io.qbmc.graph.BlockGraph;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.Value;
import io.qbmc.testing.gen.GraphFacts;
import io.qbmc.testing.gen.Graphs;
import io.qbmc.testing.gen.Shuffle;
import io.qbmc.testing.gen.Strings;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/** The requirement: parsing the output of any emitter gives the same graph. */
class RoundTripProperties {

    @Provide
    Arbitrary<BlockGraph> trees() {
        return Graphs.trees();
    }

    @Provide
    Arbitrary<BlockGraph> blockdevInputs() {
        return Arbitraries.frequencyOf(Tuple.of(3, Graphs.blockdevSets()), Tuple.of(1, Graphs.trees()));
    }

    @Property(tries = 400)
    void jsonFilenameRoundTrips(@ForAll("trees") BlockGraph graph) {
        String text = Qbmc.emit(graph, OutputForm.JSON);
        CompileResult r = RoundTrip.compile(text, Dialect.IMAGE_OPTS);
        RoundTrip.assertDiagnostics(r, text, RoundTrip.times(Code.PROBED_FORMAT, GraphFacts.probed(graph)));
        assertEquals(graph, r.graph(), text);
    }

    /**
     * Dotted syntax cannot write an empty list, and one line cannot hold a line break; the emitter
     * must refuse exactly those graphs rather than drop the option or break the line.
     */
    @Property(tries = 400)
    void dottedRoundTrips(@ForAll("trees") BlockGraph graph) {
        boolean inexpressible = GraphFacts.emptyLists(graph) > 0 || GraphFacts.lineBreaks(graph) > 0;
        Statistics.collect(inexpressible ? "refused" : "round trip");
        if (inexpressible) {
            assertThrows(Qbmc.UnsupportedFormException.class, () -> Qbmc.emit(graph, OutputForm.DOTTED));
            return;
        }
        String text = Qbmc.emit(graph, OutputForm.DOTTED);
        CompileResult r = RoundTrip.compile(text, Dialect.IMAGE_OPTS);
        List<Code> expected = new ArrayList<>(RoundTrip.times(Code.PROBED_FORMAT, GraphFacts.probed(graph)));
        expected.addAll(RoundTrip.times(Code.DEPRECATED, GraphFacts.nullChildren(graph)));
        RoundTrip.assertDiagnostics(r, text, expected);
        assertEquals(graph, r.graph(), text);
    }

    /**
     * -blockdev output, as one JSON array and as one node per line, reads back as the same
     * nodes; see {@link BlockdevEquivalence} for what "the same" allows. -blockdev cannot write
     * integers of 2^63 or more, nor leave a format to probing; the emitter must refuse exactly
     * those graphs. Trees come too, for unnamed top nodes.
     */
    @Property(tries = 300)
    void blockdevRoundTrips(@ForAll("blockdevInputs") BlockGraph graph) {
        boolean inexpressible = GraphFacts.beyondInt63(graph) > 0 || GraphFacts.probed(graph) > 0
                || GraphFacts.notInQapi(graph) > 0;
        Statistics.collect(inexpressible ? "refused" : "round trip");
        if (inexpressible) {
            assertThrows(Qbmc.UnsupportedFormException.class, () -> Qbmc.emit(graph, OutputForm.BLOCKDEV));
            return;
        }
        String text = Qbmc.emit(graph, OutputForm.BLOCKDEV);
        CompileResult r = RoundTrip.compile(text, Dialect.BLOCKDEV);
        RoundTrip.assertDiagnostics(r, text, List.of());
        BlockdevEquivalence.assertEquivalent(graph, r.graph(), text);

        String lines = String.join("\n", BlockdevEmitter.nodes(graph));
        CompileResult perLine = RoundTrip.compile(lines, Dialect.BLOCKDEV);
        RoundTrip.assertDiagnostics(perLine, lines, List.of());
        assertEquals(r.graph(), perLine.graph(), lines);
    }

    @Provide
    Arbitrary<BlockGraph> anyGraph() {
        return Arbitraries.oneOf(Graphs.trees(), Graphs.blockdevSets());
    }

    /** The tree is a function of the graph, and shows every node by its driver. */
    @Property(tries = 200)
    void treeIsDeterministicAndMentionsEveryDriver(@ForAll("anyGraph") BlockGraph graph) {
        String text = Qbmc.emit(graph, OutputForm.TREE);
        assertEquals(text, Qbmc.emit(graph, OutputForm.TREE));
        assertEquals(text, Qbmc.emit(Shuffle.reversed(graph), OutputForm.TREE), "map order leaked into the tree");
        for (BlockNode n : GraphFacts.nodes(graph)) {
            String driver = n.driver().isEmpty() ? "(format probed)" : n.driver();
            String label = n.nodeName() == null ? driver : driver + " [" + n.nodeName() + "]";
            assertTrue(text.contains(label), () -> "no '" + label + "' in\n" + text);
        }
        for (Value v : GraphFacts.values(graph)) {
            if (v instanceof Value.Node n && n.child() instanceof Child.Ref r) {
                assertTrue(text.contains("-> " + r.nodeName()), () -> "no reference to " + r.nodeName() + " in\n" + text);
            }
        }
    }

    /**
     * Every emitter is a function of the graph: the same text twice, and the same text for an
     * equal graph whose maps were built in another order. Refusals are deterministic too.
     */
    @Property(tries = 200)
    void emittingIsDeterministic(@ForAll("anyGraph") BlockGraph graph) {
        BlockGraph shuffled = Shuffle.reversed(graph);
        assertEquals(graph, shuffled);
        for (OutputForm form : OutputForm.values()) {
            String once = emitOrRefusal(graph, form);
            assertEquals(once, emitOrRefusal(graph, form), form.word());
            assertEquals(once, emitOrRefusal(shuffled, form), form.word() + ": map order leaked into the output");
        }
    }

    /**
     * Compiling never throws, whatever the dialect, for emitted text and for text broken by a
     * cut, a deletion or an insertion: diagnostics report what is wrong.
     */
    @Property(tries = 200)
    void compilingGeneratedTextNeverThrows(@ForAll("anyGraph") BlockGraph graph,
            @ForAll @IntRange(min = 0, max = 10_000) int at, @ForAll @IntRange(min = 0, max = 8) int length,
            @ForAll("pieces") String insertion) {
        for (OutputForm form : OutputForm.values()) {
            String text = emitOrRefusal(graph, form);
            int i = at % (text.length() + 1);
            int j = Math.min(text.length(), i + length);
            List<String> variants = List.of(text, text.substring(0, i), text.substring(0, i) + text.substring(j),
                    text.substring(0, i) + insertion + text.substring(i));
            for (String variant : variants) {
                for (Dialect dialect : Dialect.values()) {
                    CompileResult r = RoundTrip.compile(variant, dialect);
                    assertTrue(r.graph() != null || !r.valid(), () -> "valid without a graph: " + variant);
                }
            }
        }
    }

    @Provide
    Arbitrary<String> pieces() {
        return Strings.any();
    }

    /** A valid graph's round trip through any form reports at most warnings, never an error. */
    @Property(tries = 200)
    void roundTripDiagnosticsAreAtMostWarnings(@ForAll("anyGraph") BlockGraph graph) {
        boolean tree = graph.roots().size() == 1 && graph.nodes().size() == 1;
        List<OutputForm> forms = tree ? List.of(OutputForm.JSON, OutputForm.DOTTED, OutputForm.BLOCKDEV)
                : List.of(OutputForm.BLOCKDEV);
        for (OutputForm form : forms) {
            String text;
            try {
                text = Qbmc.emit(graph, form);
            } catch (Qbmc.UnsupportedFormException refused) {
                continue; // what a form cannot hold is covered by the round-trip properties
            }
            CompileResult r = RoundTrip.compile(text, form == OutputForm.BLOCKDEV ? Dialect.BLOCKDEV : Dialect.IMAGE_OPTS);
            assertNotNull(r.graph(), () -> form.word() + ": no graph for\n" + text);
            for (Diagnostic d : r.diagnostics()) {
                assertNotEquals(Severity.ERROR, d.severity(), () -> form.word() + ": " + d + "\n" + text);
            }
        }
    }

    private static String emitOrRefusal(BlockGraph graph, OutputForm form) {
        try {
            return Qbmc.emit(graph, form);
        } catch (Qbmc.UnsupportedFormException refused) {
            return "refused: " + refused.getMessage() + " / " + refused.hint();
        }
    }
}
