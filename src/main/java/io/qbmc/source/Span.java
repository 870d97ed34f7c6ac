package io.qbmc.source;

/**
 * Where something came from: a range of UTF-16 offsets in a {@link Source}. A span from a source
 * that only knows lines (HOCON) has {@code start < 0} and carries its line directly, and the key
 * path written there, which stands in for the column.
 */
public record Span(Source source, int start, int end, int knownLine, String keyPath) {

    public static final Span NONE = new Span(null, -1, -1, -1, null);

    public Span(Source source, int start, int end, int knownLine) {
        this(source, start, end, knownLine, null);
    }

    public Span {
        if (start >= 0 && end < start) {
            throw new IllegalArgumentException("span end " + end + " before start " + start);
        }
    }

    public static Span of(Source source, int start, int end) {
        return new Span(source, start, end, -1);
    }

    public static Span line(Source source, int line) {
        return new Span(source, -1, -1, line, null);
    }

    /** A line-only position that names the key written there ("file.image.filename"). */
    public static Span line(Source source, int line, String keyPath) {
        return new Span(source, -1, -1, line, keyPath);
    }

    public boolean isKnown() {
        return source != null && (start >= 0 || knownLine > 0);
    }

    public boolean hasOffsets() {
        return source != null && start >= 0;
    }

    public int length() {
        return hasOffsets() ? end - start : 0;
    }

    /** 1-based line, or -1. */
    public int line() {
        if (hasOffsets()) {
            return source.lineOf(start);
        }
        return knownLine;
    }

    /** 1-based column in UTF-16 units, or -1 when only the line is known. */
    public int column() {
        return hasOffsets() ? source.columnOf(start) : -1;
    }

    /** The smallest span covering both; either may be unknown. */
    public Span to(Span other) {
        if (!hasOffsets()) {
            return other;
        }
        if (!other.hasOffsets() || other.source != source) {
            return this;
        }
        return of(source, Math.min(start, other.start), Math.max(end, other.end));
    }

    public String text() {
        return hasOffsets() ? source.text().substring(start, end) : "";
    }

    @Override
    public String toString() {
        if (!isKnown()) {
            return "<unknown>";
        }
        return source.name() + ":" + line() + (hasOffsets() ? ":" + column() : keyPath != null ? " (" + keyPath + ")" : "");
    }
}
