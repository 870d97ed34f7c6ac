package io.qbmc.compile;

import static io.qbmc.testing.Diags.assertNone;
import static io.qbmc.testing.Diags.assertOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.RawNode;
import io.qbmc.testing.Diags;
import io.qbmc.testing.Marked;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sets of -blockdev nodes: a JSON array, or one node per line (keyval or JSON). Verdicts from
 * qemu-storage-daemon 7.2 with one --blockdev per node.
 */
class BlockdevSetTest {

    private static List<String> names(CompileResult r) {
        return r.graph().nodes().stream().map(BlockNode::nodeName).toList();
    }

    @Test
    void oneNodePerLine() {
        CompileResult r = Compile.blockdev(Marked.of("driver=file,node-name=f,filename=a.raw\ndriver=raw,node-name=r,file=f\n"));
        assertNone(r.diagnostics());
        assertEquals(List.of("f", "r"), names(r));
        assertEquals(new Child.Ref("f"), ((RawNode) r.graph().nodes().get(1)).file());
    }

    @Test
    void blankLinesAndIndentationAreIgnored() {
        CompileResult r = Compile.blockdev(Marked.of("\n  driver=file,node-name=f,filename=a.raw\n\n\t driver=raw,node-name=r,file=f  \n"));
        assertNone(r.diagnostics());
        assertEquals(List.of("f", "r"), names(r));
    }

    @Test
    void crlfLineEnds() {
        CompileResult r = Compile.blockdev(Marked.of("driver=file,node-name=f,filename=a.raw\r\ndriver=raw,node-name=r,file=f\r\n"));
        assertNone(r.diagnostics());
        assertEquals(List.of("f", "r"), names(r));
    }

    @Test
    void jsonAndKeyvalLinesMix() {
        CompileResult r = Compile.blockdev(Marked.of("{\"driver\":\"file\",\"node-name\":\"f\",\"filename\":\"a.raw\"}\n"
                + "driver=raw,node-name=r,file=f"));
        assertNone(r.diagnostics());
        assertEquals(List.of("f", "r"), names(r));
    }

    @Test
    void jsonArray() {
        CompileResult r = Compile.imageOpts(Marked.of("[{\"driver\":\"file\",\"node-name\":\"f\",\"filename\":\"a.raw\"},"
                + "{\"driver\":\"raw\",\"node-name\":\"r\",\"file\":\"f\"}]"));
        assertNone(r.diagnostics());
        assertEquals(List.of("f", "r"), names(r));
    }

    @Test
    void nonObjectInTheArray() {
        Marked m = Marked.of("[{\"driver\":\"file\",\"node-name\":\"f\",\"filename\":\"a.raw\"}, ^3^]");
        assertOnly(Compile.imageOpts(m).diagnostics(), Code.NOT_AN_OBJECT, "Invalid JSON object given", m.span());
    }

    @Test
    void diagnosticsPointAtTheirLine() {
        Marked m = Marked.of("driver=file,node-name=f,filename=a.raw\n\n   {\"driver\":\"raw\",\"node-name\":\"r\",\"file\":\"f\",^\"x\"^:1}");
        Diagnostic d = Diags.only(Compile.blockdev(m).diagnostics());
        // qemu-storage-daemon --blockdev '{...,"x":1}': Parameter 'x' is unexpected
        Diags.assertDiag(d, Code.UNKNOWN_OPTION, "Parameter 'x' is unexpected", m.span());
        assertEquals(3, d.span().line());
        assertEquals(47, d.span().column());
    }

    @Test
    void everyNodeNeedsANodeName() {
        // qemu-storage-daemon --blockdev driver=file,filename=a.raw: 'node-name' must be specified for the root node
        Marked m = Marked.of("driver=file,node-name=f,filename=a.raw\n  ^driver=raw,file=f^");
        assertOnly(Compile.blockdev(m).diagnostics(), Code.BLOCKDEV_NODE_NAME, "'node-name' must be specified for the root node", m.span());
    }

    @Test
    void jsonNodeWithoutNodeName() {
        Marked m = Marked.of("^{\"driver\":\"file\",\"filename\":\"a.raw\"}^");
        assertOnly(Compile.blockdev(m).diagnostics(), Code.BLOCKDEV_NODE_NAME, "'node-name' must be specified for the root node", m.span());
    }

    @Test
    void keyvalRulesApply() {
        // keyval has no short-form booleans: qemu-storage-daemon says "Expected '=' after parameter 'read-only'"
        Marked m = Marked.of("driver=file,node-name=f,filename=a.raw,^read-only^");
        assertOnly(Compile.blockdev(m).diagnostics(), Code.EXPECTED_EQUALS, "Expected '=' after parameter 'read-only'", m.span());
    }

    @Test
    void keyvalHelpIsRefused() {
        Marked m = Marked.of("driver=file,node-name=f,filename=a.raw,^help^");
        assertOnly(Compile.blockdev(m).diagnostics(), Code.EXPECTED_EQUALS, "Help is not available for this option", m.span());
    }

    @Test
    void impliedDriver() {
        // -blockdev's implied key is driver: "file,node-name=f,filename=a.raw"
        CompileResult r = Compile.blockdev(Marked.of("file,node-name=f,filename=a.raw"));
        assertNone(r.diagnostics());
        assertEquals("file", r.graph().nodes().get(0).driver());
    }

    @Test
    void twoValuesOnOneJsonLine() {
        Marked m = Marked.of("{\"driver\":\"file\",\"node-name\":\"f\",\"filename\":\"a.raw\"} ^{^\"x\":1}");
        assertOnly(Compile.imageOpts(m).diagnostics(), Code.JSON_SYNTAX, "Expecting at most one JSON value", m.span());
    }

    @Test
    void jsonNodesAreNotFlattened() {
        // qemu-storage-daemon --blockdev '{...,"file.driver":"file",...}': QAPI sees a member named
        // "file.driver" ("Parameter 'file' is missing" comes first there, as file is required)
        Marked m = Marked.of("{\"driver\":\"raw\",^\"file.driver\"^:\"file\",^\"file.filename\"^:\"a.raw\",\"node-name\":\"n1\"}");
        List<Diagnostic> unexpected = Diags.withCode(Compile.blockdev(m).diagnostics(), Code.UNKNOWN_OPTION);
        assertEquals(2, unexpected.size(), Diags.render(unexpected));
        Diags.assertDiag(unexpected.get(0), Code.UNKNOWN_OPTION, "Parameter 'file.driver' is unexpected", m.span(0));
        Diags.assertDiag(unexpected.get(1), Code.UNKNOWN_OPTION, "Parameter 'file.filename' is unexpected", m.span(1));
        assertEquals("QAPI JSON is not flattened: nest it as \"file\": {\"driver\": ...}", unexpected.get(0).hint());
    }

    @Test
    void dottedKeysInsideNestedJsonAreNamedByTheirQapiPath() {
        Marked m = Marked.of("{\"driver\":\"raw\",\"file\":{\"driver\":\"file\",\"filename\":\"a.raw\",^\"cache.direct\"^:true},\"node-name\":\"n1\"}");
        assertOnly(Compile.blockdev(m).diagnostics(), Code.UNKNOWN_OPTION, "Parameter 'file.cache.direct' is unexpected", m.span());
        Marked list = Marked.of("{\"driver\":\"quorum\",\"children\":[{\"driver\":\"file\",\"filename\":\"a.raw\",^\"x.y\"^:1}],"
                + "\"vote-threshold\":1,\"node-name\":\"n1\"}");
        assertOnly(Compile.blockdev(list).diagnostics(), Code.UNKNOWN_OPTION, "Parameter 'children[0].x.y' is unexpected", list.span());
    }

    @Test
    void pastedJsonBlockdevIsNotFlattenedEither() {
        Marked m = Marked.of("qemu-system-x86_64 -blockdev '{\"driver\":\"file\",\"filename\":\"a.raw\",\"node-name\":\"f\",^\"cache.direct\"^:false}'");
        assertOnly(Compile.blockdev(m).diagnostics(), Code.UNKNOWN_OPTION, "Parameter 'cache.direct' is unexpected", m.span());
    }

    @Test
    void jsonFilenamesStillFlattenDottedKeys() {
        // the json: pseudo-protocol runs qdict_flatten and crumples: there a dotted key is nested
        CompileResult r = Compile.imageOpts(Marked.of("json:{\"driver\":\"raw\",\"file.driver\":\"file\",\"file.filename\":\"a.raw\"}"));
        assertNone(r.diagnostics());
    }

    @Test
    void unknownOptionsUseQapiWording() {
        // qemu-storage-daemon --blockdev ...: "Parameter 'bogus' is unexpected", not QemuOpts' wording
        Marked m = Marked.of("driver=raw,^bogus^=1,file.driver=file,file.filename=a.raw,node-name=n");
        assertOnly(Compile.blockdev(m).diagnostics(), Code.UNKNOWN_OPTION, "Parameter 'bogus' is unexpected", m.span());
        // the path from the top node; an unknown group is named, not its first key
        Marked inline = Marked.of("driver=raw,file.driver=file,file.filename=a.raw,file.cache.^bogus^=1,node-name=n");
        assertOnly(Compile.blockdev(inline).diagnostics(), Code.UNKNOWN_OPTION, "Parameter 'file.cache.bogus' is unexpected",
                inline.span());
        Marked group = Marked.of("driver=raw,^bogus^.x=1,file.driver=file,file.filename=a.raw,node-name=n");
        assertOnly(Compile.blockdev(group).diagnostics(), Code.UNKNOWN_OPTION, "Parameter 'bogus' is unexpected",
                group.span());
        Marked list = Marked.of("driver=quorum,children.0.driver=file,children.0.filename=a.raw,children.0.^bogus^=1,"
                + "vote-threshold=1,node-name=n");
        assertOnly(Compile.blockdev(list).diagnostics(), Code.UNKNOWN_OPTION, "Parameter 'children.0.bogus' is unexpected",
                list.span());
        Marked json = Marked.of("{\"driver\":\"quorum\",\"children\":[{\"driver\":\"file\",\"filename\":\"a.raw\",^\"x\"^:1}],"
                + "\"vote-threshold\":1,\"node-name\":\"n\"}");
        assertOnly(Compile.blockdev(json).diagnostics(), Code.UNKNOWN_OPTION, "Parameter 'children[0].x' is unexpected",
                json.span());
    }

    @Test
    void missingMembersUseQapiWording() {
        Marked m = Marked.of("^driver=raw,node-name=r^");
        assertOnly(Compile.blockdev(m).diagnostics(), Code.MISSING_OPTION, "Parameter 'file' is missing", m.span());
        Marked inline = Marked.of("driver=raw,node-name=r,^file.driver=raw^");
        assertOnly(Compile.blockdev(inline).diagnostics(), Code.MISSING_OPTION, "Parameter 'file.file' is missing",
                inline.span());
    }

    @Test
    void aKeyvalErrorIsTheOnlyOneForItsNode() {
        // keyval_parse fails; QEMU says nothing of the reference 'x' or of quorum's children
        Marked m = Marked.of("driver=raw,file=x,^file.driver^=file,node-name=n");
        assertOnly(Compile.blockdev(m).diagnostics(), Code.INCONSISTENT_KEY, "Parameters 'file.*' used inconsistently", m.span());
        Marked gap = Marked.of("driver=quorum,^children.0=a,children.2=b^,vote-threshold=1,node-name=n");
        assertOnly(Compile.blockdev(gap).diagnostics(), Code.LIST_INDEX, "Parameter 'children.1' missing", gap.span());
    }
}
