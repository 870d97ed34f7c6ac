package io.qbmc.compile;

import static io.qbmc.testing.Diags.assertNone;
import static io.qbmc.testing.Diags.assertOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qbmc.diag.Code;
import io.qbmc.graph.Child;
import io.qbmc.graph.FileNode;
import io.qbmc.graph.RawNode;
import io.qbmc.testing.Marked;
import org.junit.jupiter.api.Test;

/** The json: pseudo-protocol (block.c parse_json_filename), checked with qemu-img info 'json:...'. */
class JsonFilenameTest {

    @Test
    void jsonFilename() {
        CompileResult r = Compile.imageOpts(Marked.of("json:{\"driver\":\"raw\",\"file\":{\"driver\":\"file\",\"filename\":\"a.raw\"}}"));
        assertNone(r.diagnostics());
        RawNode raw = (RawNode) r.graph().nodes().get(0);
        assertEquals("a.raw", ((FileNode) ((Child.Inline) raw.file()).node()).filename());
    }

    @Test
    void whitespaceAfterThePrefix() {
        assertNone(Compile.imageOpts(Marked.of("json:  \n{\"driver\":\"file\",\"filename\":\"a.raw\"}")).diagnostics());
    }

    @Test
    void singleQuotes() {
        assertNone(Compile.imageOpts(Marked.of("json:{'driver':'raw','file':{'driver':'file','filename':'a.raw'}}")).diagnostics());
    }

    @Test
    void notAnObject() {
        // qemu-img info 'json:[]': Invalid JSON object given
        Marked m = Marked.of("json:^[]^");
        assertOnly(Compile.imageOpts(m).diagnostics(), Code.NOT_AN_OBJECT, "Invalid JSON object given", m.span());
    }

    @Test
    void stringIsNotAnObject() {
        Marked m = Marked.of("json:^\"x\"^");
        assertOnly(Compile.imageOpts(m).diagnostics(), Code.NOT_AN_OBJECT, "Invalid JSON object given", m.span());
    }

    @Test
    void nothingAfterThePrefix() {
        Marked m = Marked.of("json:\u2038");
        assertOnly(Compile.imageOpts(m).diagnostics(), Code.JSON_SYNTAX,
                "Could not parse the JSON options: Expecting a JSON value", m.span());
    }

    @Test
    void syntaxErrorsCarryThePrefix() {
        Marked m = Marked.of("json:{\"driver\":\"raw\",^}^");
        assertOnly(Compile.imageOpts(m).diagnostics(), Code.JSON_SYNTAX,
                "Could not parse the JSON options: JSON parse error, expecting value", m.span());
    }

    @Test
    void bareWordAfterThePrefix() {
        // qemu-img info json:x.raw: JSON parse error, invalid keyword 'x'
        Marked m = Marked.of("json:^x^.raw");
        assertOnly(Compile.imageOpts(m).diagnostics(), Code.JSON_SYNTAX,
                "Could not parse the JSON options: JSON parse error, invalid keyword 'x'", m.span());
    }

    @Test
    void nestedJsonInAnOptionIsALiteralPath() {
        // file.filename=json:{...} is a path, not parsed (qemu-img: Could not open 'json:{...}': No such file)
        CompileResult r = Compile.imageOpts(Marked.of("driver=raw,file.driver=file,file.filename=json:{\"a\":1}"));
        assertNone(r.diagnostics());
        RawNode raw = (RawNode) r.graph().nodes().get(0);
        assertEquals("json:{\"a\":1}", ((FileNode) ((Child.Inline) raw.file()).node()).filename());
    }

    @Test
    void emptyJsonObject() {
        // qemu-img info 'json:{}': Must specify either driver or file
        Marked m = Marked.of("^json:{}^");
        assertOnly(Compile.imageOpts(m).diagnostics(), Code.NO_DRIVER, "Must specify either driver or file", m.span());
    }
}
