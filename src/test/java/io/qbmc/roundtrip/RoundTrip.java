package io.qbmc.roundtrip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Compiler;
import io.qbmc.compile.Dialect;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.source.Source;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** Compiling emitted text and reading the outcome, with failures that show the text. */
final class RoundTrip {
    private RoundTrip() {
    }

    static CompileResult compile(String text, Dialect dialect) {
        return new Compiler(dialect).compile(Source.of(text));
    }

    /**
     * Asserts the compile has no error and exactly the expected warnings and notes: a valid
     * round trip may warn about what QEMU itself warns about, and nothing else.
     */
    static void assertDiagnostics(CompileResult r, String text, List<Code> expected) {
        List<Code> actual = new ArrayList<>();
        for (Diagnostic d : r.diagnostics()) {
            actual.add(d.code());
        }
        List<Code> want = new ArrayList<>(expected);
        Collections.sort(actual);
        Collections.sort(want);
        assertEquals(want, actual, () -> "diagnostics of\n" + text + "\n" + describe(r));
        assertNotNull(r.graph(), () -> "no graph for\n" + text);
    }

    static String describe(CompileResult r) {
        return r.diagnostics().stream().map(Diagnostic::toString).collect(Collectors.joining("\n"));
    }

    static List<Code> times(Code code, long n) {
        return Collections.nCopies((int) n, code);
    }
}
