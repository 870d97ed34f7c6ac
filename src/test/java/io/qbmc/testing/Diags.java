package io.qbmc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.diag.Diagnostics;
import io.qbmc.report.HumanRenderer;
import io.qbmc.source.Span;
import java.util.ArrayList;
import java.util.List;

/** Assertions on diagnostics: exact code, exact message, exact span. */
public final class Diags {
    private Diags() {
    }

    /** The one diagnostic in the list; fails showing all of them otherwise. */
    public static Diagnostic only(List<Diagnostic> ds) {
        if (ds.size() != 1) {
            fail("expected exactly one diagnostic, got " + ds.size() + ":\n" + render(ds));
        }
        return ds.get(0);
    }

    public static Diagnostic only(Diagnostics ds) {
        return only(ds.sorted());
    }

    /** The one diagnostic with this code; fails when there is none or several. */
    public static Diagnostic one(List<Diagnostic> ds, Code code) {
        List<Diagnostic> with = withCode(ds, code);
        if (with.size() != 1) {
            fail("expected exactly one " + code + " (" + code.id() + "), got " + with.size() + ":\n" + render(ds));
        }
        return with.get(0);
    }

    public static Diagnostic one(Diagnostics ds, Code code) {
        return one(ds.sorted(), code);
    }

    public static List<Diagnostic> withCode(List<Diagnostic> ds, Code code) {
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : ds) {
            if (d.code() == code) {
                out.add(d);
            }
        }
        return out;
    }

    /** Exactly this diagnostic and no other. */
    public static void assertOnly(List<Diagnostic> ds, Code code, String message, Span span) {
        assertDiag(only(ds), code, message, span);
    }

    public static void assertOnly(Diagnostics ds, Code code, String message, Span span) {
        assertOnly(ds.sorted(), code, message, span);
    }

    /** The list holds exactly one diagnostic with this code, with this message and span. */
    public static Diagnostic assertOne(List<Diagnostic> ds, Code code, String message, Span span) {
        Diagnostic d = one(ds, code);
        assertDiag(d, code, message, span);
        return d;
    }

    public static Diagnostic assertOne(Diagnostics ds, Code code, String message, Span span) {
        return assertOne(ds.sorted(), code, message, span);
    }

    public static void assertDiag(Diagnostic d, Code code, String message, Span span) {
        assertEquals(code, d.code(), () -> "code of " + d);
        assertEquals(message, d.message(), () -> "message of " + d);
        assertSpan(span, d.span(), d);
    }

    /** Same source and the same offsets. */
    public static void assertSpan(Span expected, Span actual, Object what) {
        if (expected.source() != actual.source() || expected.start() != actual.start()
                || expected.end() != actual.end() || expected.knownLine() != actual.knownLine()) {
            fail("span of " + what + ": expected " + describe(expected) + " but was " + describe(actual));
        }
    }

    public static void assertSpan(Span expected, Span actual) {
        assertSpan(expected, actual, "value");
    }

    public static void assertNone(List<Diagnostic> ds) {
        if (!ds.isEmpty()) {
            fail("expected no diagnostics, got:\n" + render(ds));
        }
    }

    public static void assertNone(Diagnostics ds) {
        assertNone(ds.sorted());
    }

    public static void assertNoErrors(List<Diagnostic> ds) {
        for (Diagnostic d : ds) {
            if (d.isError()) {
                fail("expected no errors, got:\n" + render(ds));
            }
        }
    }

    public static void assertNoErrors(Diagnostics ds) {
        assertNoErrors(ds.sorted());
    }

    public static String describe(Span s) {
        if (!s.hasOffsets()) {
            return s.toString();
        }
        String text = s.source().text();
        return "[" + s.start() + "," + s.end() + ") "
                + text.substring(0, s.start()) + "^" + text.substring(s.start(), s.end()) + "^"
                + text.substring(s.end());
    }

    public static String render(List<Diagnostic> ds) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : ds) {
            out.append(HumanRenderer.render(d));
        }
        return out.toString();
    }
}
