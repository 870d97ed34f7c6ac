package io.qbmc.roundtrip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qbmc.api.OutputForm;
import io.qbmc.api.Qbmc;
import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Dialect;
import io.qbmc.diag.Code;
import io.qbmc.emit.BlockdevEmitter;
import io.qbmc.graph.BlockGraph;
import io.qbmc.testing.gen.GraphFacts;
import io.qbmc.testing.gen.Graphs;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The requirement: parsing the output of any emitter gives the same graph. */
class RoundTripProperties {

    @Provide
    Arbitrary<BlockGraph> trees() {
        return Graphs.trees();
    }

    @Provide
    Arbitrary<BlockGraph> blockdevSets() {
        return Graphs.blockdevSets();
    }

    @Property(tries = 400)
    void jsonFilenameRoundTrips(@ForAll("trees") BlockGraph graph) {
        String text = Qbmc.emit(graph, OutputForm.JSON);
        CompileResult r = RoundTrip.compile(text, Dialect.IMAGE_OPTS);
        RoundTrip.assertDiagnostics(r, text, RoundTrip.times(Code.PROBED_FORMAT, GraphFacts.probed(graph)));
        assertEquals(graph, r.graph(), text);
    }

    /**
     * Dotted syntax cannot write an empty list; the emitter must refuse exactly those graphs
     * rather than drop the option.
     */
    @Property(tries = 400)
    void dottedRoundTrips(@ForAll("trees") BlockGraph graph) {
        if (GraphFacts.emptyLists(graph) > 0) {
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
     * nodes; see {@link BlockdevEquivalence} for what "the same" allows. -blockdev JSON cannot
     * write integers of 2^63 or more; the emitter must refuse exactly those sets.
     */
    @Property(tries = 300)
    void blockdevRoundTrips(@ForAll("blockdevSets") BlockGraph graph) {
        if (GraphFacts.beyondInt63(graph) > 0) {
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
}
