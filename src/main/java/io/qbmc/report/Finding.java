package io.qbmc.report;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.diag.Severity;
import io.qbmc.source.Source;
import io.qbmc.source.Span;
import java.nio.file.Path;

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
 * @param file      the file the span is in, as the user or the including file named it, when it
 *                  is not the input itself (an included HOCON file, a referenced descriptor);
 *                  else null: line and column then count in the input
 * @param uri       that file relative to the working folder with '/' separators (an absolute
 *                  file: URI outside it), as FileResult's uri; null when file is null or is not a
 *                  file on disk
 * @param keyPath   the key the diagnostic is about ("file.bitmaps.0.granularity"), when the
 *                  source knows lines but not columns (HOCON); else null
 */
public record Finding(Code code, String message, String hint, int line, int column, int length, int endLine,
        int endColumn, String rendered, String file, String uri, String keyPath) {

    /** A finding in the input itself. */
    public Finding(Code code, String message, String hint, int line, int column, int length, int endLine,
            int endColumn, String rendered) {
        this(code, message, hint, line, column, length, endLine, endColumn, rendered, null, null, null);
    }

    public Severity severity() {
        return code.severity();
    }

    /** A diagnostic with no known input (its span is taken as in the input). */
    public static Finding of(Diagnostic d) {
        return of(d, null);
    }

    /**
     * @param input the source that was validated: a span in another source (an included or
     *              referenced file) keeps that file's name and URI
     */
    public static Finding of(Diagnostic d, Source input) {
        Span s = d.span();
        int line = s.isKnown() ? s.line() : -1;
        int column = s.hasOffsets() ? s.column() : -1;
        int endLine = line;
        int endColumn = -1;
        if (s.hasOffsets()) {
            endLine = s.source().lineOf(s.end());
            endColumn = s.source().columnOf(s.end());
        }
        String file = null;
        String uri = null;
        if (input != null && s.isKnown() && !same(s.source(), input)) {
            file = s.source().name();
            uri = s.source().file() == null ? null : uriOf(s.source().file());
        }
        return new Finding(d.code(), d.message(), d.hint(), line, column, s.length(), endLine, endColumn,
                HumanRenderer.render(d), file, uri, s.keyPath());
    }

    private static boolean same(Source a, Source b) {
        if (a == b) {
            return true;
        }
        if (a.file() != null && b.file() != null) {
            return a.file().toAbsolutePath().normalize().equals(b.file().toAbsolutePath().normalize());
        }
        return a.file() == null && b.file() == null && a.name().equals(b.name());
    }

    /** A file's path relative to the working folder with '/' separators, or its file: URI outside it. */
    public static String uriOf(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        if (abs.startsWith(cwd)) {
            return cwd.relativize(abs).toString().replace('\\', '/');
        }
        return abs.toUri().toString();
    }

    /** Where the finding is, for people: its own file, else the input's path. */
    String path(FileResult r) {
        return file != null ? file : r.path();
    }

    /** Its file's URI: its own file's, else the input's; null when neither is a file. */
    String uri(FileResult r) {
        return file != null ? uri : r.uri();
    }
}
