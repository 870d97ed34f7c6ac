package io.qbmc.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.qbmc.testing.Marked;
import org.junit.jupiter.api.Test;

class TextTest {

    private static void assertSpan(Span expected, Span actual) {
        assertEquals(expected.source(), actual.source());
        assertEquals(expected.start(), actual.start(), "start");
        assertEquals(expected.end(), actual.end(), "end");
    }

    @Test
    void wholeSourceMapsOneToOne() {
        Source s = Source.of("driver=raw");
        Text t = Text.of(s);
        assertEquals("driver=raw", t.value());
        assertEquals(3, t.sourceOffset(3));
        assertEquals(10, t.sourceOffset(10));
    }

    @Test
    void sliceKeepsSourceOffsets() {
        Marked m = Marked.of("line1\n^driver^=raw");
        Text t = Text.slice(m.source(), 6, m.text().length());
        assertEquals("driver=raw", t.value());
        assertSpan(m.span(), t.span(0, 6));
    }

    @Test
    void subOfASliceKeepsSourceOffsets() {
        Marked m = Marked.of("xx driver=^raw^ yy");
        Text t = Text.slice(m.source(), 3, 13).sub(7, 10);
        assertEquals("raw", t.value());
        assertSpan(m.span(), t.span(0, 3));
        assertEquals(13, t.sourceOffset(3), "one past the end maps past the last character");
    }

    @Test
    void unescapedCommaMapsToTheFirstOfThePair() {
        // file.filename=x,,y.img : the value "x,y.img" has 7 characters, the source 8
        Marked m = Marked.of("file.filename=x^,,^y.img");
        Text all = Text.of(m.source());
        Text v = all.unescapeCommas(14, m.text().length());
        assertEquals("x,y.img", v.value());
        assertEquals(15, v.sourceOffset(1));
        assertEquals(17, v.sourceOffset(2), "the character after the pair maps past both commas");
        assertSpan(m.span(), v.span(1, 2));
    }

    @Test
    void spanOverAnEscapeCoversItWhole() {
        Marked m = Marked.of("a=^x,,y^,b=1");
        Text v = Text.of(m.source()).unescapeCommas(2, 6);
        assertEquals("x,y", v.value());
        assertSpan(m.span(), v.span(0, 3));
    }

    @Test
    void severalEscapesInARow() {
        // ",,,," is two literal commas
        Marked m = Marked.of("a=,,^,,^z");
        Text v = Text.of(m.source()).unescapeCommas(2, 7);
        assertEquals(",,z", v.value());
        assertSpan(m.span(), v.span(1, 2));
        assertEquals(6, v.sourceOffset(2));
    }

    @Test
    void mappedTextFollowsItsOffsetTable() {
        // the word  'a b'c  unquoted by a shell is "a bc"
        Marked m = Marked.of("x '^a^ b'c");
        Text w = Text.mapped(m.source(), "a bc", new int[] {3, 4, 5, 7}, 8);
        assertSpan(m.span(), w.span(0, 1));
        assertEquals(7, w.sourceOffset(3));
        assertEquals(8, w.sourceOffset(4));
    }

    @Test
    void spanReachesTheNextCharactersOffsetSoQuotesInsideAreCovered() {
        // documented contract: a range ends at the source offset of the character after it
        Marked inner = Marked.of("x '^a b'^c");
        Text w = Text.mapped(inner.source(), "a bc", new int[] {3, 4, 5, 7}, 8);
        assertSpan(inner.span(), w.span(0, 3));
        Marked whole = Marked.of("x '^a b'c^");
        Text w2 = Text.mapped(whole.source(), "a bc", new int[] {3, 4, 5, 7}, 8);
        assertSpan(whole.span(), w2.span(0, 4));
    }

    @Test
    void mappedTextMustMapEveryCharacter() {
        Source s = Source.of("abc");
        assertThrows(IllegalArgumentException.class, () -> Text.mapped(s, "abc", new int[] {0, 1}, 3));
    }

    @Test
    void subOfAMappedTextKeepsItsMapping() {
        Marked m = Marked.of("x '^a^ b'c");
        Text w = Text.mapped(m.source(), "a bc", new int[] {3, 4, 5, 7}, 8);
        Text a = w.sub(0, 1);
        assertEquals("a", a.value());
        assertSpan(m.span(), a.span(0, 1));
        assertEquals(4, a.sourceOffset(1), "past the end of a sub maps to the next character");
    }

    @Test
    void unescapeOnAMappedTextComposesBothMappings() {
        // a shell word 'a=x,,y' whose value is then unescaped
        Marked m = Marked.of("'a=x^,,^y'");
        Text word = Text.mapped(m.source(), "a=x,,y", new int[] {1, 2, 3, 4, 5, 6}, 7);
        Text v = word.unescapeCommas(2, 6);
        assertEquals("x,y", v.value());
        assertSpan(m.span(), v.span(1, 2));
    }

    @Test
    void supplementaryCharactersCountAsTwoUnits() {
        // U+1F600 in a filename: spans are UTF-16 offsets, so the key after it starts at 6
        Marked m = Marked.of("f=\uD83D\uDE00,,,^k^=1");
        Text v = Text.of(m.source()).unescapeCommas(2, 6);
        assertEquals("\uD83D\uDE00,", v.value());
        assertEquals(3, v.length());
        assertEquals(4, v.sourceOffset(2));
        assertEquals(7, m.span().start());
        assertEquals(8, m.span().column());
    }

    @Test
    void emptyRangeGivesAnEmptySpanAtItsPosition() {
        Source s = Source.of("a=,b");
        Span at = Text.of(s).span(2, 2);
        assertEquals(2, at.start());
        assertEquals(2, at.end());
    }
}
