package io.qbmc.roundtrip;

import static io.qbmc.testing.gen.Build.arr;
import static io.qbmc.testing.gen.Build.node;
import static io.qbmc.testing.gen.Build.none;
import static io.qbmc.testing.gen.Build.obj;
import static io.qbmc.testing.gen.Build.ref;
import static io.qbmc.testing.gen.Build.set;
import static io.qbmc.testing.gen.Build.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.api.OutputForm;
import io.qbmc.api.Qbmc;
import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Dialect;
import io.qbmc.diag.Code;
import io.qbmc.graph.BlockGraph;
import java.util.List;
import net.jqwik.api.Example;

/**
 * Round trips the generator reaches rarely or cannot state exactly: exact texts, the values a
 * form cannot hold, and what a -blockdev node must state that a child in place inherits.
 */
class RoundTripExamples {

    // ---- json: ----

    @Example
    void jsonKeepsQemusKeyOrderAndWritesBigNumbersAsStrings() {
        BlockGraph g = tree(node("raw", "offset", -1L, "size", 1024, "file", node("file", "filename", "a.raw")));
        String text = Qbmc.emit(g, OutputForm.JSON);
        // QDict bucket order (offset 180, driver 239, size 318, file 463); 2^64-1 above int64 as a string
        assertEquals("json:{\"offset\": \"18446744073709551615\", \"driver\": \"raw\", \"size\": 1024,"
                + " \"file\": {\"driver\": \"file\", \"filename\": \"a.raw\"}}", text);
        assertJson(g);
    }

    @Example
    void jsonEscapesNonAsciiAsQemuDoesAndReadsItBack() {
        BlockGraph g = tree(node("file", "filename", "😀\u007f\"\\\n,=é"));
        assertEquals("json:{\"driver\": \"file\", \"filename\": \"\\uD83D\\uDE00\\u007F\\\"\\\\\\n,=\\u00E9\"}",
                Qbmc.emit(g, OutputForm.JSON));
        assertJson(g);
    }

    @Example
    void jsonWritesNullAndEmptyListAndProbedFormat() {
        BlockGraph g = tree(node("", "file", node("qcow2", "file", node("file", "filename", "t.qcow2"), "backing", none()),
                "read-only", true));
        assertJson(g, Code.PROBED_FORMAT);
        assertJson(tree(node("blkdebug", "image", node("file", "filename", "a"), "take-child-perms", arr())));
    }

    @Example
    void jsonWritesBothShapesOfAnAlternate() {
        assertJson(tree(node("qcow2", "file", node("file", "filename", "a"), "overlap-check", "none")));
        assertJson(tree(node("qcow2", "file", node("file", "filename", "a"), "overlap-check",
                obj("template", "all", "inactive-l2", false))));
    }

    // ---- dotted ----

    @Example
    void dottedDoublesCommasEverywhereInAValue() {
        BlockGraph g = tree(node("file", "filename", ",a,,b,", "pr-manager", ""));
        assertEquals("driver=file,filename=,,a,,,,b,,,pr-manager=", Qbmc.emit(g, OutputForm.DOTTED));
        assertDotted(g);
    }

    @Example
    void dottedEndsWithACommaWhenTheLastValueEndsInWhitespace() {
        BlockGraph g = tree(node("file", "filename", "a \t"));
        assertEquals("driver=file,filename=a \t,", Qbmc.emit(g, OutputForm.DOTTED));
        assertDotted(g);
        assertEquals("driver=file,filename=a", Qbmc.emit(tree(node("file", "filename", "a")), OutputForm.DOTTED));
    }

    @Example
    void dottedKeepsTextThatMeansSomethingElsewhereLiteral() {
        assertDotted(tree(node("file", "filename", "json:{\"driver\":\"raw\"}")));
        assertDotted(tree(node("raw", "file", node("file", "filename", "driver=raw,file=x"))));
        assertDotted(tree(node("blkdebug", "image", node("file", "filename", "a"), "take-child-perms", arr("write", "resize"))));
    }

    @Example
    void dottedWritesNullAsAnEmptyBackingWithQemusDeprecationWarning() {
        BlockGraph g = tree(node("qcow2", "file", node("file", "filename", "t.qcow2"), "backing", none()));
        assertEquals("driver=qcow2,file.driver=file,file.filename=t.qcow2,backing=", Qbmc.emit(g, OutputForm.DOTTED));
        assertDotted(g, Code.DEPRECATED);
    }

    @Example
    void dottedRefusesAnEmptyListItCannotWrite() {
        BlockGraph g = tree(node("blkdebug", "image", node("file", "filename", "a"), "take-child-perms", arr()));
        Qbmc.UnsupportedFormException e = assertThrows(Qbmc.UnsupportedFormException.class,
                () -> Qbmc.emit(g, OutputForm.DOTTED));
        assertTrue(e.getMessage().contains("take-child-perms"), e.getMessage());
    }

    @Example
    void dottedWritesAllOfUint64() {
        assertDotted(tree(node("null-co", "size", -1L, "latency-ns", Long.MAX_VALUE)));
    }

    // ---- -blockdev ----

    @Example
    void blockdevWritesOutWhatAChildInheritedInPlace() {
        BlockGraph g = tree(node("raw", "read-only", true, "cache", obj("direct", true),
                "file", node("file", "filename", "a.raw", "aio", "native")));
        assertEquals("[{\"driver\":\"file\",\"node-name\":\"qbmc-n0\",\"cache\":{\"direct\":true},\"read-only\":true,"
                + "\"discard\":\"unmap\",\"filename\":\"a.raw\",\"aio\":\"native\"},"
                + "{\"driver\":\"raw\",\"node-name\":\"qbmc-n1\",\"cache\":{\"direct\":true},\"read-only\":true,"
                + "\"file\":\"qbmc-n0\"}]", Qbmc.emit(g, OutputForm.BLOCKDEV));
        assertBlockdev(g);
    }

    @Example
    void blockdevOpensABackingChildReadOnlyAsQemuDoesInPlace() {
        BlockGraph g = tree(node("qcow2", "file", node("file", "filename", "t.qcow2"),
                "backing", node("file", "filename", "b.raw")));
        String text = Qbmc.emit(g, OutputForm.BLOCKDEV);
        assertTrue(text.contains("{\"driver\":\"file\",\"node-name\":\"qbmc-n1\",\"read-only\":true,"
                + "\"auto-read-only\":false,\"discard\":\"unmap\",\"filename\":\"b.raw\"}"), text);
        assertBlockdev(g);
    }

    @Example
    void blockdevKeepsWhatAChildSetsItself() {
        BlockGraph g = tree(node("raw", "read-only", true, "force-share", true, "discard", "off",
                "file", node("file", "filename", "a", "read-only", true, "force-share", false, "discard", "ignore")));
        String text = Qbmc.emit(g, OutputForm.BLOCKDEV);
        assertTrue(text.startsWith("[{\"driver\":\"file\",\"node-name\":\"qbmc-n0\",\"read-only\":true,"
                + "\"discard\":\"ignore\",\"force-share\":false,\"filename\":\"a\"}"), text);
        assertBlockdev(g);
    }

    @Example
    void blockdevAvoidsNamesTheGraphAlreadyUses() {
        BlockGraph g = set(node("file", "node-name", "qbmc-n0", "filename", "a"),
                node("raw", "node-name", "qbmc-n2", "file", node("file", "filename", "b")),
                node("quorum", "node-name", "q", "vote-threshold", 2,
                        "children", arr(ref("qbmc-n0"), ref("qbmc-n2"), node("null-co"))));
        String text = Qbmc.emit(g, OutputForm.BLOCKDEV);
        assertTrue(text.contains("\"node-name\":\"qbmc-n1\",\"discard\":\"unmap\",\"filename\":\"b\""), text);
        assertTrue(text.contains("{\"driver\":\"null-co\",\"node-name\":\"qbmc-n3\""), text);
        assertBlockdev(g);
    }

    @Example
    void blockdevRefersToANodeNamedInsideAnEarlierNode() {
        BlockGraph g = set(node("raw", "node-name", "top", "file", node("file", "node-name", "inner", "filename", "a")),
                node("copy-on-read", "node-name", "cor", "file", ref("inner")));
        assertBlockdev(g);
    }

    @Example
    void blockdevWritesNullAndEmptyLists() {
        assertBlockdev(tree(node("qcow2", "node-name", "t", "file", node("file", "filename", "t.qcow2"),
                "backing", none())));
        assertBlockdev(tree(node("blkdebug", "node-name", "d", "image", node("file", "filename", "a"),
                "take-child-perms", arr())));
    }

    @Example
    void blockdevRefusesWhatItCannotExpress() {
        BlockGraph big = tree(node("null-co", "node-name", "n", "size", Long.MIN_VALUE));
        Qbmc.UnsupportedFormException e = assertThrows(Qbmc.UnsupportedFormException.class,
                () -> Qbmc.emit(big, OutputForm.BLOCKDEV));
        assertTrue(e.getMessage().contains("9223372036854775808"), e.getMessage());
        assertBlockdev(tree(node("null-co", "node-name", "n", "size", Long.MAX_VALUE)));

        BlockGraph probed = tree(node("", "node-name", "p", "file", node("file", "filename", "a")));
        assertThrows(Qbmc.UnsupportedFormException.class, () -> Qbmc.emit(probed, OutputForm.BLOCKDEV));
    }

    // ---- tree ----

    @Example
    void treeShowsReferencesAndProbedFormats() {
        BlockGraph g = set(node("file", "node-name", "f", "filename", "a"),
                node("", "node-name", "p", "file", ref("f")));
        assertEquals("file [f]\n└── filename: \"a\"\n(format probed) [p]\n└── file: -> f\n",
                Qbmc.emit(g, OutputForm.TREE));
    }

    // ---- helpers ----

    private static void assertJson(BlockGraph g, Code... warnings) {
        String text = Qbmc.emit(g, OutputForm.JSON);
        CompileResult r = RoundTrip.compile(text, Dialect.IMAGE_OPTS);
        RoundTrip.assertDiagnostics(r, text, List.of(warnings));
        assertEquals(g, r.graph(), text);
    }

    private static void assertDotted(BlockGraph g, Code... warnings) {
        String text = Qbmc.emit(g, OutputForm.DOTTED);
        CompileResult r = RoundTrip.compile(text, Dialect.IMAGE_OPTS);
        RoundTrip.assertDiagnostics(r, text, List.of(warnings));
        assertEquals(g, r.graph(), text);
    }

    private static void assertBlockdev(BlockGraph g) {
        String text = Qbmc.emit(g, OutputForm.BLOCKDEV);
        CompileResult r = RoundTrip.compile(text, Dialect.BLOCKDEV);
        RoundTrip.assertDiagnostics(r, text, List.of());
        BlockdevEquivalence.assertEquivalent(g, r.graph(), text);
    }
}
