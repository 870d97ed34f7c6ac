package io.qbmc.roundtrip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qbmc.api.OutputForm;
import io.qbmc.api.Qbmc;
import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Dialect;
import io.qbmc.diag.Code;
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
}
