package io.qbmc.report;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.diag.Severity;
import io.qbmc.source.Span;

/**
 * A diagnostic detached from its source: every report format reads these, and a batch of
 * thousands of files keeps only them, not the texts.
 *
 * @param line      1-based, or -1 when unknown
 * @param column    1-based in UTF-16 units, or -1 when only the line is known
 * @param length    length of the span in UTF-16 units (0 when unknown)
 * @param endLine   1-based line where the span ends
 * @param endColumn 1-based column just past the span's end (exclusive), or -1
 * @param rendered  the human rendering, with source line and carets
 */
public record Finding(Code code, String message, String hint, int line, int column, int length, int endLine,
        int endColumn, String rendered) {

    public Severity severity() {
        return code.severity();
    }

    public static Finding of(Diagnostic d) {
        Span s = d.span();
        int line = s.isKnown() ? s.line() : -1;
        int column = s.hasOffsets() ? s.column() : -1;
        int endLine = line;
        int endColumn = -1;
        if (s.hasOffsets()) {
            endLine = s.source().lineOf(s.end());
            endColumn = s.source().columnOf(s.end());
        }
        return new Finding(d.code(), d.message(), d.hint(), line, column, s.length(), endLine, endColumn,
                HumanRenderer.render(d));
    }
}
