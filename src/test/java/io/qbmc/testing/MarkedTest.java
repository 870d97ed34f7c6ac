package io.qbmc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MarkedTest {
    @Test
    void oneSpan() {
        Marked m = Marked.of("driver=raw,^bogus^=1");
        assertEquals("driver=raw,bogus=1", m.text());
        assertEquals(11, m.span().start());
        assertEquals(16, m.span().end());
        assertEquals("bogus", m.span().text());
    }

    @Test
    void doubledCaretIsLiteral() {
        Marked m = Marked.of("a=^^,^b^=^^x");
        assertEquals("a=^,b=^x", m.text());
        assertEquals("b", m.span().text());
        assertEquals(4, m.span().start());
    }

    @Test
    void pointMarksAnEmptySpan() {
        Marked m = Marked.of("json:{\u2038");
        assertEquals("json:{", m.text());
        assertEquals(6, m.span().start());
        assertEquals(6, m.span().end());
    }

    @Test
    void severalSpansInOrder() {
        Marked m = Marked.of("^a^=1,^b^=2");
        assertEquals(2, m.spanCount());
        assertEquals("a", m.span(0).text());
        assertEquals("b", m.span(1).text());
        assertThrows(IllegalStateException.class, m::span);
    }

    @Test
    void unclosedMarkIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Marked.of("a=^1"));
    }
}
