package io.qbmc.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SourceTest {
    @Test
    void singleLineColumnsAreOneBased() {
        Source s = Source.of("driver=raw");
        assertEquals(1, s.lineOf(0));
        assertEquals(1, s.columnOf(0));
        assertEquals(8, s.columnOf(7));
        assertEquals(1, s.lineCount());
    }

    @Test
    void lineStartsAfterEachNewline() {
        Source s = Source.of("a=1\nbb=2\n\nc=3");
        assertEquals(4, s.lineCount());
        assertEquals(1, s.lineOf(3), "the newline itself belongs to its line");
        assertEquals(4, s.columnOf(3));
        assertEquals(2, s.lineOf(4));
        assertEquals(1, s.columnOf(4));
        assertEquals(3, s.lineOf(9));
        assertEquals(4, s.lineOf(10));
        assertEquals(3, s.columnOf(12));
    }

    @Test
    void lineTextDropsTheTerminatorIncludingCarriageReturn() {
        Source s = Source.of("a=1\r\nb=2\n");
        assertEquals("a=1", s.lineText(1));
        assertEquals("b=2", s.lineText(2));
        assertEquals("", s.lineText(3));
        assertEquals("", s.lineText(0));
        assertEquals("", s.lineText(4));
    }

    @Test
    void columnsCountUtf16UnitsNotCodePoints() {
        // U+1F600 is two UTF-16 units; the 'x' after it is at column 4, not 3
        Source s = Source.of("a\uD83D\uDE00x");
        assertEquals(4, s.columnOf(3));
        assertEquals('x', s.text().charAt(3));
    }

    @Test
    void columnsCountNonAsciiBmpAsOneUnit() {
        Source s = Source.of("é=1,x=2");
        assertEquals(5, s.columnOf(4));
    }

    @Test
    void offsetsOutsideTheTextAreClamped() {
        Source s = Source.of("ab\ncd");
        assertEquals(1, s.lineOf(-5));
        assertEquals(1, s.columnOf(-5));
        assertEquals(2, s.lineOf(99));
        assertEquals(3, s.columnOf(99));
    }

    @Test
    void endOfTextIsAfterTheLastCharacter() {
        Source s = Source.of("ab\n");
        assertEquals(2, s.lineOf(3));
        assertEquals(1, s.columnOf(3));
    }

    @Test
    void nameIsKept() {
        assertEquals("specs.txt", new Source("specs.txt", "x").name());
        assertEquals("<input>", Source.of("x").name());
    }
}
