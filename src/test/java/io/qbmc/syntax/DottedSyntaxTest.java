package io.qbmc.syntax;

import static io.qbmc.testing.Diags.assertSpan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.source.Text;
import io.qbmc.syntax.DottedSyntax.ImpliedValue;
import io.qbmc.testing.Marked;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting dotted strings into items; meanings are the readers' business. */
class DottedSyntaxTest {

    private static List<DottedItem> parse(Marked m, ImpliedValue implied) {
        return DottedSyntax.parse(Text.of(m.source()), implied);
    }

    @Test
    void keyValueItemsWithSpans() {
        Marked m = Marked.of("^driver^=^raw^,^file.filename^=^a.img^");
        List<DottedItem> items = parse(m, null);
        assertEquals(2, items.size());
        DottedItem first = items.get(0);
        assertEquals("driver", first.key());
        assertEquals("raw", first.value());
        assertSpan(m.span(0), first.keySpan());
        assertSpan(m.span(1), first.valueSpan());
        DottedItem second = items.get(1);
        assertEquals("file.filename", second.key());
        assertEquals("a.img", second.value());
        assertSpan(m.span(2), second.keySpan());
        assertSpan(m.span(3), second.valueSpan());
    }

    @Test
    void itemSpanCoversKeyAndValue() {
        Marked m = Marked.of("a=1,^bb=22^,c=3");
        assertSpan(m.span(), parse(m, null).get(1).span());
    }

    @Test
    void doubledCommaIsOneCommaInAValue() {
        Marked m = Marked.of("file.filename=^x,,y.img^,driver=raw");
        List<DottedItem> items = parse(m, null);
        assertEquals(2, items.size());
        assertEquals("x,y.img", items.get(0).value());
        assertSpan(m.span(), items.get(0).valueSpan());
        assertEquals("driver", items.get(1).key());
    }

    @Test
    void oddRunOfCommasEndsTheValueAfterTheEscapedPairs() {
        // "a=b,,,c=d": value "b," then the item c=d
        List<DottedItem> items = parse(Marked.of("a=b,,,c=d"), null);
        assertEquals(2, items.size());
        assertEquals("b,", items.get(0).value());
        assertEquals("c", items.get(1).key());
        assertEquals("d", items.get(1).value());
    }

    @Test
    void bareKeyHasNoValue() {
        Marked m = Marked.of("^read-only^,a=1");
        DottedItem item = parse(m, null).get(0);
        assertTrue(item.isBare());
        assertFalse(item.isEmpty());
        assertEquals("read-only", item.key());
        assertNull(item.value());
        assertSpan(m.span(), item.span());
    }

    @Test
    void emptyValueIsNotBare() {
        Marked m = Marked.of("backing=\u2038,a=1");
        DottedItem item = parse(m, null).get(0);
        assertFalse(item.isBare());
        assertEquals("", item.value());
        assertSpan(m.span(), item.valueSpan());
    }

    @Test
    void emptyKeyBeforeEquals() {
        Marked m = Marked.of("\u2038=^val^");
        DottedItem item = parse(m, null).get(0);
        assertEquals("", item.key());
        assertEquals("val", item.value());
        assertSpan(m.span(0), item.keySpan());
        assertSpan(m.span(1), item.valueSpan());
    }

    @Test
    void emptyItemBetweenCommasInKeyPosition() {
        // QemuOpts: in key position a comma always ends the key, so "a,,b=c" is a, "", b=c
        Marked m = Marked.of("a,\u2038,b=c");
        List<DottedItem> items = parse(m, null);
        assertEquals(3, items.size());
        assertEquals("a", items.get(0).key());
        assertTrue(items.get(0).isBare());
        assertTrue(items.get(1).isEmpty());
        assertSpan(m.span(), items.get(1).span());
        assertEquals("b", items.get(2).key());
    }

    @Test
    void leadingCommaIsAnEmptyItem() {
        Marked m = Marked.of("\u2038,a=1");
        List<DottedItem> items = parse(m, null);
        assertEquals(2, items.size());
        assertTrue(items.get(0).isEmpty());
        assertSpan(m.span(), items.get(0).span());
    }

    @Test
    void oneTrailingCommaAddsNothing() {
        assertEquals(1, parse(Marked.of("a=1,"), null).size());
    }

    @Test
    void emptyStringHasNoItems() {
        assertEquals(0, parse(Marked.of(""), null).size());
    }

    @Test
    void qemuOptsImpliedValueTakesEscapes() {
        // util/qemu-option.c get_opt_value: the implied value is read like any value
        Marked m = Marked.of("^x,,y.img^,driver=raw");
        List<DottedItem> items = parse(m, ImpliedValue.QEMU_OPTS_VALUE);
        assertEquals(2, items.size());
        assertTrue(items.get(0).implied());
        assertEquals("x,y.img", items.get(0).value());
        assertSpan(m.span(), items.get(0).valueSpan());
        assertEquals("driver", items.get(1).key());
    }

    @Test
    void qemuOptsImpliedValueMayBeEmpty() {
        Marked m = Marked.of("\u2038,driver=raw");
        List<DottedItem> items = parse(m, ImpliedValue.QEMU_OPTS_VALUE);
        assertTrue(items.get(0).implied());
        assertEquals("", items.get(0).value());
        assertSpan(m.span(), items.get(0).valueSpan());
    }

    @Test
    void keyvalImpliedValueStopsAtTheFirstComma() {
        // util/keyval.c: the implied value is [^=,]+, no ",," escape
        Marked m = Marked.of("^val^,\u2038,ue");
        List<DottedItem> items = parse(m, ImpliedValue.KEYVAL_WORD);
        assertEquals("val", items.get(0).value());
        assertSpan(m.span(0), items.get(0).valueSpan());
        assertTrue(items.get(1).isEmpty());
        assertSpan(m.span(1), items.get(1).span());
        assertEquals("ue", items.get(2).key());
        assertTrue(items.get(2).isBare());
    }

    @Test
    void noImpliedValueWhenTheFirstItemHasAnEquals() {
        List<DottedItem> items = parse(Marked.of("driver=raw,x"), ImpliedValue.KEYVAL_WORD);
        assertFalse(items.get(0).implied());
        assertEquals("driver", items.get(0).key());
    }

    @Test
    void spansAreUtf16OffsetsAfterSupplementaryCharacters() {
        // ANTLR counts code points; spans must count UTF-16 units
        Marked m = Marked.of("f=\uD83D\uDE00\uD83D\uDE00,^key^=^v^");
        List<DottedItem> items = parse(m, null);
        assertEquals("\uD83D\uDE00\uD83D\uDE00", items.get(0).value());
        assertSpan(m.span(0), items.get(1).keySpan());
        assertSpan(m.span(1), items.get(1).valueSpan());
        assertEquals(8, items.get(1).keySpan().column());
    }

    @Test
    void valueTextMapsBackThroughEscapes() {
        Marked m = Marked.of("a=x,,^y^");
        DottedItem item = parse(m, null).get(0);
        Text v = item.valueText();
        assertEquals("x,y", v.value());
        assertSpan(m.span(), v.span(2, 3));
    }

    @Test
    void equalsInsideAValueIsKept() {
        List<DottedItem> items = parse(Marked.of("a=b=c,d=e"), null);
        assertEquals("b=c", items.get(0).value());
        assertEquals("d", items.get(1).key());
    }
}
