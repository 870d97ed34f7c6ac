package io.qbmc.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpanTest {
    private final Source src = new Source("spec", "driver=raw,\nfile.filename=a.raw");

    @Test
    void positionOfASpanIsItsStart() {
        Span s = Span.of(src, 12, 16);
        assertEquals(2, s.line());
        assertEquals(1, s.column());
        assertEquals(4, s.length());
        assertEquals("file", s.text());
        assertEquals("spec:2:1", s.toString());
    }

    @Test
    void endBeforeStartIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Span.of(src, 5, 4));
    }

    @Test
    void emptySpanIsAllowed() {
        Span s = Span.of(src, 7, 7);
        assertTrue(s.hasOffsets());
        assertEquals(0, s.length());
        assertEquals("", s.text());
        assertEquals(8, s.column());
    }

    @Test
    void noneIsUnknown() {
        assertFalse(Span.NONE.isKnown());
        assertFalse(Span.NONE.hasOffsets());
        assertEquals(-1, Span.NONE.line());
        assertEquals(-1, Span.NONE.column());
        assertEquals(0, Span.NONE.length());
        assertEquals("", Span.NONE.text());
        assertEquals("<unknown>", Span.NONE.toString());
    }

    @Test
    void lineOnlySpanHasALineButNoColumn() {
        Span s = Span.line(src, 2);
        assertTrue(s.isKnown());
        assertFalse(s.hasOffsets());
        assertEquals(2, s.line());
        assertEquals(-1, s.column());
        assertEquals("spec:2", s.toString());
    }

    @Test
    void toCoversBothInEitherOrder() {
        Span a = Span.of(src, 0, 6);
        Span b = Span.of(src, 7, 10);
        Span ab = a.to(b);
        assertEquals(0, ab.start());
        assertEquals(10, ab.end());
        Span ba = b.to(a);
        assertEquals(0, ba.start());
        assertEquals(10, ba.end());
    }

    @Test
    void toWithAnUnknownSpanKeepsTheKnownOne() {
        Span a = Span.of(src, 0, 6);
        assertSame(a, a.to(Span.NONE));
        assertSame(a, Span.NONE.to(a));
    }

    @Test
    void toAcrossSourcesKeepsTheFirst() {
        Span a = Span.of(src, 0, 6);
        Span other = Span.of(Source.of("driver=raw"), 0, 3);
        assertSame(a, a.to(other));
    }
}
