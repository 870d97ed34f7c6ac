package io.qbmc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.source.Source;
import io.qbmc.source.Span;
import io.qbmc.testing.Marked;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonReportDiagnosticsTest {

    /** The diagnostics array of the JSON reports, as validate --format json and --lines write it. */
    private static String array(List<Diagnostic> ds) {
        StringBuilder out = new StringBuilder();
        JsonReport.diagnostics(ds.stream().map(Finding::of).toList(), out);
        return out.toString();
    }

    @Test
    void oneDiagnostic() {
        Marked m = Marked.of("a=1\nb=\"^x^\"");
        Diagnostic d = new Diagnostic(Code.SHORT_BOOLEAN, "it's \"x\"", m.span(), "use é");
        assertEquals("[{\"code\":\"QBMC-W002\",\"severity\":\"warning\",\"message\":\"it's \\\"x\\\"\",\"line\":2,"
                + "\"column\":4,\"length\":1,\"hint\":\"use \\u00E9\",\"file\":null,\"uri\":null,\"keyPath\":null}]", array(List.of(d)));
    }

    @Test
    void unknownPositionAndNoHintAreNull() {
        Diagnostic d = new Diagnostic(Code.UNSUPPORTED_FORM, "m", Span.NONE, null);
        assertEquals("[{\"code\":\"QBMC-E041\",\"severity\":\"error\",\"message\":\"m\",\"line\":null,\"column\":null,"
                + "\"length\":null,\"hint\":null,\"file\":null,\"uri\":null,\"keyPath\":null}]", array(List.of(d)));
    }

    @Test
    void lineOnlyPosition() {
        Diagnostic d = new Diagnostic(Code.INVALID_KEY, "m", Span.line(Source.of("a\nb"), 2), null);
        assertEquals("[{\"code\":\"QBMC-E001\",\"severity\":\"error\",\"message\":\"m\",\"line\":2,\"column\":null,"
                + "\"length\":null,\"hint\":null,\"file\":null,\"uri\":null,\"keyPath\":null}]", array(List.of(d)));
    }

    @Test
    void severalAreCommaSeparated() {
        Diagnostic d = new Diagnostic(Code.SKIPPED_FLAG, "n", Span.NONE, null);
        String one = array(List.of(d));
        assertEquals("[" + one.substring(1, one.length() - 1) + "," + one.substring(1), array(List.of(d, d)));
        assertEquals("[]", array(List.of()));
    }
}
