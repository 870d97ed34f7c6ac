package io.qbmc.bind;

import static io.qbmc.testing.Diags.assertNone;
import static io.qbmc.testing.Diags.assertOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.qbmc.diag.Code;
import io.qbmc.graph.QuorumNode;
import io.qbmc.graph.RawNode;
import io.qbmc.graph.Value;
import io.qbmc.testing.Marked;
import org.junit.jupiter.api.Test;

/**
 * json: filenames go through QemuOpts (qemu_opts_from_qdict_entry): numbers become their decimal
 * text, booleans on/off, and null or empty containers are skipped. Every case was checked with
 * {@code qemu-img info 'json:<case>'}.
 */
class LenientJsonTypingTest {
    private static final String RAW = "{\"driver\":\"raw\",\"file\":{\"driver\":\"file\",\"filename\":\"a.raw\"},";
    private static final String CHILD = "{\"driver\":\"file\",\"filename\":\"a.raw\"}";

    private static Bind bind(Marked m) {
        return Bind.json(m, Typing.LENIENT);
    }

    @Test
    void numberForABoolIsRefused() {
        // "read-only": 1 is the string "1" to QemuOpts
        Marked m = Marked.of(RAW + "\"read-only\":^1^}");
        assertOnly(bind(m).diags, Code.WRONG_TYPE, "Parameter 'read-only' expects 'on' or 'off'", m.span());
    }

    @Test
    void boolAndBoolWordsAreAccepted() {
        Bind b = bind(Marked.of(RAW + "\"read-only\":true,\"auto-read-only\":\"on\"}"));
        assertNone(b.diags);
        assertEquals(new Value.Bool(true), b.node.options().get("read-only"));
        assertEquals(new Value.Bool(true), b.node.options().get("auto-read-only"));
    }

    @Test
    void boolForANumberIsRefused() {
        // "vote-threshold": true is "on" to QemuOpts: "Parameter 'vote-threshold' expects a number"
        Marked m = Marked.of("{\"driver\":\"quorum\",\"vote-threshold\":^true^,\"children\":[" + CHILD + "]}");
        assertOnly(bind(m).diags, Code.WRONG_TYPE, "Parameter 'vote-threshold' expects a number", m.span());
    }

    @Test
    void integralFloatIsAnInteger() {
        // qemu-img prints "vote-threshold": 1 for 1.0 and "size": 512 for 512.0
        Bind b = bind(Marked.of("{\"driver\":\"quorum\",\"vote-threshold\":1.0,\"children\":[" + CHILD + "]}"));
        assertNone(b.diags);
        assertEquals(1L, ((QuorumNode) b.node).voteThreshold());
        assertEquals(512L, ((RawNode) bind(Marked.of(RAW + "\"size\":512.0}")).node).size());
    }

    @Test
    void exponentIsReadAsItsValue() {
        // "size": 5e2 reaches raw as 500 (then "Specified size is not multiple of 512")
        Bind b = bind(Marked.of(RAW + "\"size\":5e2}"));
        assertNone(b.diags);
        assertEquals(500L, ((RawNode) b.node).size());
    }

    @Test
    void fractionIsNotASize() {
        Marked m = Marked.of(RAW + "\"size\":^1.5^}");
        assertOnly(bind(m).diags, Code.WRONG_TYPE, "Parameter 'size' expects a non-negative number below 2^64", m.span());
    }

    @Test
    void negativeIsNotASize() {
        Marked m = Marked.of(RAW + "\"size\":^-512^}");
        assertOnly(bind(m).diags, Code.WRONG_TYPE, "Parameter 'size' expects a non-negative number below 2^64", m.span());
    }

    @Test
    void beyondInt64IsAFloatAndNotASize() {
        // 2^64 becomes a float string that qemu_strtosz refuses
        Marked m = Marked.of(RAW + "\"size\":^18446744073709551616^}");
        assertOnly(bind(m).diags, Code.WRONG_TYPE, "Parameter 'size' expects a non-negative number below 2^64", m.span());
    }

    @Test
    void uint64IntegersAreKept() {
        // qobject/json-parser.c: 2^63 to 2^64-1 are a uint64 QNum, which QemuOpts reads as its decimal text
        Bind b = bind(Marked.of(RAW + "\"size\":18446744073709551615}"));
        assertNone(b.diags);
        assertEquals(-1L, ((RawNode) b.node).size());
        b = bind(Marked.of(RAW + "\"offset\":9223372036854775808}"));
        assertNone(b.diags);
        assertEquals(Long.MIN_VALUE, ((RawNode) b.node).offset());
    }

    @Test
    void stringNumberIsParsedLikeDottedInput() {
        Bind b = bind(Marked.of(RAW + "\"size\":\"1k\"}"));
        assertNone(b.diags);
        assertEquals(1024L, ((RawNode) b.node).size());
    }

    @Test
    void nullIsSkipped() {
        // qemu-img accepts "size": null (and keeps it in the canonical name)
        Bind b = bind(Marked.of(RAW + "\"size\":null,\"detect-zeroes\":null}"));
        assertNone(b.diags);
        assertFalse(b.node.options().containsKey("size"));
        assertFalse(b.node.options().containsKey("detect-zeroes"));
    }

    @Test
    void emptyContainersAreSkipped() {
        Bind b = bind(Marked.of(RAW + "\"offset\":{},\"size\":[]}"));
        assertNone(b.diags);
        assertEquals(null, ((RawNode) b.node).offset());
    }

    @Test
    void nonEmptyContainerForAScalarIsAnUnknownOption() {
        // qemu-img: Block format 'raw' does not support the option 'offset.0'
        Marked m = Marked.of(RAW + "^\"offset\"^:[1]}");
        assertOnly(bind(m).diags, Code.UNKNOWN_OPTION, "Block format 'raw' does not support the option 'offset.0'", m.span());
    }

    @Test
    void objectForAScalarIsAnUnknownOption() {
        Marked m = Marked.of(RAW + "^\"offset\"^:{\"a\":1}}");
        assertOnly(bind(m).diags, Code.UNKNOWN_OPTION, "Block format 'raw' does not support the option 'offset.a'", m.span());
    }

    @Test
    void scalarForAGroupIsAnUnknownOption() {
        // qemu-img: Block format 'raw' does not support the option 'cache'
        Marked m = Marked.of(RAW + "^\"cache\"^:\"x\"}");
        assertOnly(bind(m).diags, Code.UNKNOWN_OPTION, "Block format 'raw' does not support the option 'cache'", m.span());
    }

    @Test
    void groupMembersAreTypedToo() {
        Marked m = Marked.of(RAW + "\"cache\":{\"direct\":^1^}}");
        assertOnly(bind(m).diags, Code.WRONG_TYPE, "Parameter 'cache.direct' expects 'on' or 'off'", m.span());
    }

    @Test
    void stringValuesStayStrings() {
        Bind b = bind(Marked.of("{\"driver\":\"file\",\"filename\":\"a.raw\",\"aio\":\"threads\"}"));
        assertNone(b.diags);
        assertEquals(new Value.Str("threads"), b.node.options().get("aio"));
    }

    @Test
    void childrenAsAnObjectWithNumericKeysIsAList() {
        // qemu-img accepts "children": {"0": {...}} and prints it as a list
        Bind b = bind(Marked.of("{\"driver\":\"quorum\",\"vote-threshold\":1,\"children\":{\"0\":" + CHILD + "}}"));
        assertNone(b.diags);
        assertEquals(1, ((QuorumNode) b.node).children().size());
    }

    @Test
    void emptyChildrenListHasNoChildren() {
        // qemu-img: Number of provided children must be 1 or more
        Marked m = Marked.of("^{\"driver\":\"quorum\",\"vote-threshold\":1,\"children\":[]}^");
        assertOnly(bind(m).diags, Code.QUORUM_NO_CHILDREN, "Number of provided children must be 1 or more", m.span());
    }
}
