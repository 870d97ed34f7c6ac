package io.qbmc.compile;

import static io.qbmc.testing.Diags.assertNone;
import static io.qbmc.testing.Diags.assertOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.source.Source;
import io.qbmc.source.Span;
import io.qbmc.testing.Diags;
import io.qbmc.testing.Marked;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recognising the input form and the whole-input limits. */
class CompilerTest {

    @Test
    void dottedDefaultsToImageOpts() {
        // QemuOpts: a bare word is a flag (keyval would refuse it)
        Marked m = Marked.of("driver=raw,file.driver=file,file.filename=a.raw,^read-only^");
        assertOnly(Compile.imageOpts(m).diagnostics(), Code.SHORT_BOOLEAN, "short-form boolean option 'read-only' deprecated", m.span());
    }

    @Test
    void blockdevDialectReadsKeyval() {
        Marked m = Marked.of("driver=file,node-name=f,filename=a.raw,^read-only^");
        assertOnly(Compile.blockdev(m).diagnostics(), Code.EXPECTED_EQUALS, "Expected '=' after parameter 'read-only'", m.span());
    }

    @Test
    void braceMeansABlockdevNodeWhateverTheDialect() {
        CompileResult r = Compile.imageOpts(Marked.of("{\"driver\":\"file\",\"node-name\":\"f\",\"filename\":\"a.raw\"}"));
        assertNone(r.diagnostics());
        assertEquals("f", r.graph().nodes().get(0).nodeName());
    }

    @Test
    void aFilesSurroundingWhitespaceIsIgnoredButSpansStayInTheSource() {
        Marked m = Marked.of("\n\n   driver=raw,file.driver=file,file.filename=a.raw,^bogus^=1\n");
        Source file = new Source("spec.opts", m.text(), java.nio.file.Path.of("spec.opts"));
        Diagnostic d = Diags.only(new Compiler(Dialect.IMAGE_OPTS).compile(file).diagnostics());
        assertEquals(Code.UNKNOWN_OPTION, d.code());
        assertEquals("Block format 'raw' does not support the option 'bogus'", d.message());
        assertEquals(m.span().start(), d.span().start());
        assertEquals(m.span().end(), d.span().end());
        assertEquals(3, d.span().line());
    }

    @Test
    void aSpecArgumentIsTakenVerbatimAsQemuImgTakesIt() {
        // qemu-img info --image-opts ' driver=raw,...': "Block format ... does not support the option ' driver'"
        Marked m = Marked.of("^ driver^=raw,file.driver=file,file.filename=a.raw");
        CompileResult r = Compile.imageOpts(m);
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.message().contains("' driver'")), r.diagnostics()::toString);
    }

    @Test
    void emptyInput() {
        Marked m = Marked.of("  \u2038");
        CompileResult r = Compile.imageOpts(m);
        assertNull(r.graph());
        assertOnly(r.diagnostics(), Code.EMPTY_INPUT, "Nothing to compile: the input is empty", m.span());
    }

    @Test
    void inputLimit() {
        Source s = Source.of("driver=raw,file.filename=" + "x".repeat(100));
        CompileResult r = new Compiler(Dialect.IMAGE_OPTS, 50).compile(s);
        assertNull(r.graph());
        assertOnly(r.diagnostics(), Code.INPUT_LIMIT, "Input is 125 characters; the limit is 50", Span.of(s, 0, 0));
    }

    @Test
    void rangeOfASource() {
        Marked m = Marked.of("driver=raw,file.driver=file,file.filename=a.raw\ndriver=raw,^x^=1,file.driver=file,file.filename=a.raw\n");
        int start = m.text().indexOf('\n') + 1;
        CompileResult r = new Compiler(Dialect.IMAGE_OPTS).compile(m.source(), start, m.text().length() - 1);
        assertOnly(r.diagnostics(), Code.UNKNOWN_OPTION, "Block format 'raw' does not support the option 'x'", m.span());
    }

    @Test
    void diagnosticsAreSortedByPosition() {
        Marked m = Marked.of("driver=raw,^b^=1,file.driver=file,file.filename=a.raw,^a^=2");
        List<Diagnostic> ds = Compile.imageOpts(m).diagnostics();
        assertEquals(2, ds.size());
        Diags.assertSpan(m.span(0), ds.get(0).span());
        Diags.assertSpan(m.span(1), ds.get(1).span());
    }

    @Test
    void validMeansNoErrors() {
        CompileResult r = Compile.imageOpts(Marked.of("driver=raw,file.driver=file,file.filename=a.raw,read-only"));
        assertTrue(r.valid());
        assertEquals(0, r.errors());
        assertEquals(1, r.warnings());
    }
}
