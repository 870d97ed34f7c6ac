package io.qbmc.source;

/**
 * A string to parse together with the way back to the source it came from. Unquoting a shell
 * word, unescaping ",," or stripping "json:" changes offsets; a Text remembers, for each of its
 * characters, the source offset, so a parser working on the cooked string still reports spans
 * in the user's text.
 */
public final class Text {
    private final Source source;
    private final String value;
    private final int base;
    private final int[] offsets;
    private final int endOffset;

    private Text(Source source, String value, int base, int[] offsets, int endOffset) {
        this.source = source;
        this.value = value;
        this.base = base;
        this.offsets = offsets;
        this.endOffset = endOffset;
    }

    /** The whole source, one to one. */
    public static Text of(Source source) {
        return new Text(source, source.text(), 0, null, source.length());
    }

    /** A range of the source, one to one. */
    public static Text slice(Source source, int start, int end) {
        return new Text(source, source.text().substring(start, end), start, null, end);
    }

    /** A cooked string; offsets[i] is the source offset of value.charAt(i). */
    public static Text mapped(Source source, String value, int[] offsets, int endOffset) {
        if (offsets.length != value.length()) {
            throw new IllegalArgumentException("offset map length differs from text length");
        }
        return new Text(source, value, 0, offsets, endOffset);
    }

    public Source source() {
        return source;
    }

    public String value() {
        return value;
    }

    public int length() {
        return value.length();
    }

    /** Source offset of local index i; i == length() maps just past the last character. */
    public int sourceOffset(int i) {
        if (offsets == null) {
            return base + i;
        }
        if (i >= offsets.length) {
            return endOffset;
        }
        return offsets[i];
    }

    /**
     * Span in the source of the local range [start, end): from the first character's offset to
     * the offset of the character after the range, so escapes inside it are covered whole.
     */
    public Span span(int start, int end) {
        int s = sourceOffset(start);
        int e = end > start ? sourceOffset(end) : s;
        return Span.of(source, s, Math.max(s, e));
    }

    /** A sub-range of this text, keeping the mapping. */
    public Text sub(int start, int end) {
        if (offsets == null) {
            return new Text(source, value.substring(start, end), base + start, null, base + end);
        }
        int[] part = new int[end - start];
        System.arraycopy(offsets, start, part, 0, end - start);
        int after = end < offsets.length ? offsets[end] : endOffset;
        return new Text(source, value.substring(start, end), 0, part, after);
    }

    /**
     * Removes the escape of ",," in a dotted value: local range [start, end) of this text becomes
     * a Text whose characters map to the first comma of each pair.
     */
    public Text unescapeCommas(int start, int end) {
        StringBuilder out = new StringBuilder(end - start);
        int[] map = new int[end - start];
        int n = 0;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            map[n++] = sourceOffset(i);
            out.append(c);
            if (c == ',' && i + 1 < end && value.charAt(i + 1) == ',') {
                i++;
            }
        }
        int[] trimmed = new int[n];
        System.arraycopy(map, 0, trimmed, 0, n);
        return new Text(source, out.toString(), 0, trimmed, sourceOffset(end));
    }
}
