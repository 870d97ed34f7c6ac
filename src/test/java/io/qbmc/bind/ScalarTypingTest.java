package io.qbmc.bind;

import static io.qbmc.testing.Diags.assertNone;
import static io.qbmc.testing.Diags.assertOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.graph.FileNode;
import io.qbmc.graph.RawNode;
import io.qbmc.graph.Value;
import io.qbmc.testing.Diags;
import io.qbmc.testing.Marked;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Typing of dotted values as QemuOpts absorbs them (qemu_opt_parse). Messages are qemu-img 7.2's
 * for {@code --image-opts 'driver=raw,file.driver=file,file.filename=a.raw,<case>'}.
 */
class ScalarTypingTest {
    private static final String RAW = "driver=raw,file.driver=file,file.filename=a.raw,";

    @ParameterizedTest(name = "read-only={0} is true")
    @ValueSource(strings = {"on", "yes", "true", "y"})
    void trueWords(String word) {
        Bind b = Bind.imageOpts(Marked.of(RAW + "read-only=" + word));
        assertNone(b.diags);
        assertEquals(new Value.Bool(true), b.node.options().get("read-only"));
    }

    @ParameterizedTest(name = "read-only={0} is false")
    @ValueSource(strings = {"off", "no", "false", "n"})
    void falseWords(String word) {
        Bind b = Bind.imageOpts(Marked.of(RAW + "read-only=" + word));
        assertNone(b.diags);
        assertEquals(new Value.Bool(false), b.node.options().get("read-only"));
    }

    @ParameterizedTest(name = "read-only={0} is refused")
    @ValueSource(strings = {"ON", "On", "1", "offer", "Y"})
    void otherWordsAreRefused(String word) {
        Marked m = Marked.of(RAW + "read-only=^" + word + "^");
        Bind b = Bind.imageOpts(m);
        assertOnly(b.diags, Code.WRONG_TYPE, "Parameter 'read-only' expects 'on' or 'off'", m.span());
    }

    @Test
    void emptyBoolIsRefused() {
        Marked m = Marked.of(RAW + "read-only=\u2038");
        assertOnly(Bind.imageOpts(m).diags, Code.WRONG_TYPE, "Parameter 'read-only' expects 'on' or 'off'", m.span());
    }

    @Test
    void nestedBoolNamesItsPath() {
        Marked m = Marked.of(RAW + "cache.direct=^maybe^");
        assertOnly(Bind.imageOpts(m).diags, Code.WRONG_TYPE, "Parameter 'cache.direct' expects 'on' or 'off'", m.span());
    }

    @Test
    void numberInHex() {
        Bind b = Bind.imageOpts(Marked.of("driver=file,filename=a.raw,aio-max-batch=0x2a"));
        assertNone(b.diags);
        assertEquals(new Value.Int(42), ((FileNode) b.node).extra().get("aio-max-batch"));
    }

    @Test
    void minusOneWraps() {
        Bind b = Bind.imageOpts(Marked.of("driver=file,filename=a.raw,aio-max-batch=-1"));
        assertNone(b.diags);
        assertEquals(new Value.Int(-1L), ((FileNode) b.node).extra().get("aio-max-batch"));
        assertEquals("18446744073709551615", b.node.options().get("aio-max-batch").toString());
    }

    @ParameterizedTest(name = "aio-max-batch={0}")
    @ValueSource(strings = {"08", "3.14", "1k"})
    void notANumber(String text) {
        Marked m = Marked.of("driver=file,filename=a.raw,aio-max-batch=^" + text + "^");
        assertOnly(Bind.imageOpts(m).diags, Code.WRONG_TYPE, "Parameter 'aio-max-batch' expects a number", m.span());
    }

    @Test
    void numberTooLarge() {
        Marked m = Marked.of("driver=file,filename=a.raw,aio-max-batch=^18446744073709551616^");
        assertOnly(Bind.imageOpts(m).diags, Code.OUT_OF_RANGE,
                "Value '18446744073709551616' is too large for parameter 'aio-max-batch'", m.span());
    }

    @Test
    void sizeWithSuffix() {
        Bind b = Bind.imageOpts(Marked.of(RAW + "size=1.5k,offset=0x200"));
        assertNone(b.diags);
        RawNode raw = (RawNode) b.node;
        assertEquals(1536L, raw.size());
        assertEquals(512L, raw.offset());
    }

    @Test
    void badSize() {
        Marked m = Marked.of(RAW + "offset=^16Gi^");
        Diagnostic d = Diags.only(Bind.imageOpts(m).diags.sorted());
        Diags.assertDiag(d, Code.WRONG_TYPE, "Parameter 'offset' expects a non-negative number below 2^64", m.span());
        // qemu-img prints the same two-line hint
        assertEquals("Optional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, peta- and exabytes, respectively.",
                d.hint());
    }

    @Test
    void negativeSize() {
        Marked m = Marked.of(RAW + "offset=^-1^");
        assertOnly(Bind.imageOpts(m).diags, Code.WRONG_TYPE,
                "Parameter 'offset' expects a non-negative number below 2^64", m.span());
    }

    @Test
    void sizeOutOfRange() {
        Marked m = Marked.of(RAW + "offset=^16777216T^");
        assertOnly(Bind.imageOpts(m).diags, Code.OUT_OF_RANGE,
                "Value '16777216T' is out of range for parameter 'offset'", m.span());
    }

    @Test
    void hexSizeWithSuffixIsDeprecated() {
        // qemu-img: "warning: Using a multiplier suffix on hex numbers is deprecated: 0x10k"
        Marked m = Marked.of(RAW + "offset=^0x10k^");
        Bind b = Bind.imageOpts(m);
        assertOnly(b.diags, Code.DEPRECATED, "Using a multiplier suffix on hex numbers is deprecated: 0x10k", m.span());
        assertEquals(16384L, ((RawNode) b.node).offset());
    }

    @Test
    void stringOptionTakesAnything() {
        Bind b = Bind.imageOpts(Marked.of("driver=file,filename=x,,y =z"));
        assertNone(b.diags);
        assertEquals("x,y =z", ((FileNode) b.node).filename());
    }

    @Test
    void bareFlagIsTypedFromItsImpliedOn() {
        Marked m = Marked.of(RAW + "^read-only^");
        Bind b = Bind.imageOpts(m);
        assertOnly(b.diags, Code.SHORT_BOOLEAN, "short-form boolean option 'read-only' deprecated", m.span());
        assertEquals(new Value.Bool(true), b.node.options().get("read-only"));
    }

    @Test
    void bareFlagOnANumberIsRefusedAtTheKey() {
        // "aio-max-batch" alone is aio-max-batch=on: qemu-img says it expects a number
        Marked m = Marked.of("driver=file,filename=a.raw,^aio-max-batch^");
        Bind b = Bind.imageOpts(m);
        Diags.assertOne(b.diags, Code.WRONG_TYPE, "Parameter 'aio-max-batch' expects a number", m.span());
    }
}
