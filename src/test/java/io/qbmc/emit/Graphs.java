package io.qbmc.emit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Compiler;
import io.qbmc.compile.Dialect;
import io.qbmc.graph.BlockGraph;
import io.qbmc.graph.BlockNode;
import io.qbmc.source.Source;

/** Graphs compiled from text, for emitter tests; the input must be valid. */
final class Graphs {
    private Graphs() {
    }

    static BlockGraph graph(String text, Dialect dialect) {
        CompileResult r = new Compiler(dialect).compile(Source.of(text));
        assertTrue(r.valid(), () -> "input is not valid: " + r.diagnostics());
        return r.graph();
    }

    static BlockGraph graph(String text) {
        return graph(text, Dialect.IMAGE_OPTS);
    }

    static BlockNode node(String text) {
        return graph(text).nodes().get(0);
    }

    /** A graph whose references name nodes defined elsewhere (only unknown-reference errors). */
    static BlockGraph withOpenReferences(String text) {
        CompileResult r = new Compiler(Dialect.IMAGE_OPTS).compile(Source.of(text));
        assertTrue(r.diagnostics().stream().allMatch(d -> !d.isError() || d.code() == io.qbmc.diag.Code.UNKNOWN_REFERENCE),
                () -> "unexpected errors: " + r.diagnostics());
        return r.graph();
    }
}
