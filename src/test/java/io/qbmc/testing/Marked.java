package io.qbmc.testing;

import io.qbmc.source.Source;
import io.qbmc.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * An input with its expected spans marked in place, so a test states a position by pointing at
 * it rather than by counting offsets.
 *
 * <ul>
 *   <li>{@code ^text^} marks a span around {@code text}; several spans may be marked, in order;</li>
 *   <li>{@code ^^} is one literal caret;</li>
 *   <li>{@code ‸} (U+2038) marks an empty span at that position (an end of input, say).</li>
 * </ul>
 *
 * <pre>{@code
 * Marked m = Marked.of("driver=raw,^bogus^=1");
 * m.text();   // "driver=raw,bogus=1"
 * m.span();   // offsets [11, 16) in m.source()
 * }</pre>
 */
public final class Marked {
    /** Marks an empty span. */
    public static final char POINT = '\u2038';

    private final Source source;
    private final List<int[]> ranges;

    private Marked(Source source, List<int[]> ranges) {
        this.source = source;
        this.ranges = ranges;
    }

    public static Marked of(String marked) {
        return named("<input>", marked);
    }

    /** As {@link #of} with a source name, for inputs read from a file. */
    public static Marked named(String name, String marked) {
        StringBuilder text = new StringBuilder(marked.length());
        List<int[]> ranges = new ArrayList<>();
        int open = -1;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == '^' && i + 1 < marked.length() && marked.charAt(i + 1) == '^') {
                text.append('^');
                i++;
            } else if (c == '^') {
                if (open < 0) {
                    open = text.length();
                } else {
                    ranges.add(new int[] {open, text.length()});
                    open = -1;
                }
            } else if (c == POINT) {
                ranges.add(new int[] {text.length(), text.length()});
            } else {
                text.append(c);
            }
        }
        if (open >= 0) {
            throw new IllegalArgumentException("unclosed ^ mark in: " + marked);
        }
        return new Marked(new Source(name, text.toString()), ranges);
    }

    public String text() {
        return source.text();
    }

    public Source source() {
        return source;
    }

    /** The one marked span; fails when there are none or several. */
    public Span span() {
        if (ranges.size() != 1) {
            throw new IllegalStateException("expected exactly one marked span, found " + ranges.size());
        }
        return span(0);
    }

    /** The i-th marked span, in order of appearance. */
    public Span span(int i) {
        int[] r = ranges.get(i);
        return Span.of(source, r[0], r[1]);
    }

    public int spanCount() {
        return ranges.size();
    }

    @Override
    public String toString() {
        return source.text();
    }
}
