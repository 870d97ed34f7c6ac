package io.qbmc.compile;

import static io.qbmc.testing.Diags.assertNone;
import static io.qbmc.testing.Diags.assertOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.graph.BlockNode;
import io.qbmc.testing.Diags;
import io.qbmc.testing.Marked;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pasted command lines: quotes and continuations are undone, and every diagnostic still points
 * into the text as pasted. The -drive error below is qemu-system-x86_64 7.2's for the same line.
 */
class CommandLineTest {

    private static List<Diagnostic> problems(CompileResult r) {
        return r.diagnostics().stream()
                .filter(d -> d.code() != Code.SKIPPED_FLAG && d.code() != Code.FRONTEND_KEY).toList();
    }

    @Test
    void quotedOptionsAcrossContinuationLines() {
        Marked m = Marked.named("cmdline.txt", "qemu-system-x86_64 \\\n"
                + "  -machine q35 -m 1G \\\n"
                + "  -blockdev '{\"driver\":\"file\",\"node-name\":\"f\",\"filename\":\"a.raw\"}' \\\n"
                + "  -blockdev \"driver=raw,node-name=r,file=f\" \\\n"
                + "  -drive 'file=b.raw,format=raw,if=none,^bogus^=1' \\\n"
                + "  -device virtio-blk,drive=r\n");
        CompileResult r = new Compiler(Dialect.IMAGE_OPTS).compile(m.source());
        Diagnostic d = Diags.only(problems(r));
        // qemu-system: -drive file=b.raw,format=raw,if=none,bogus=1: Block format 'raw' does not support the option 'bogus'
        Diags.assertDiag(d, Code.UNKNOWN_OPTION, "Block format 'raw' does not support the option 'bogus'", m.span());
        assertEquals(5, d.span().line());
        assertEquals(41, d.span().column());
        assertEquals("cmdline.txt:5:41", d.span().toString());
        assertEquals(List.of("f", "r"), r.graph().nodes().subList(0, 2).stream().map(BlockNode::nodeName).toList());
    }

    @Test
    void otherFlagsAreSkippedWithANote() {
        Marked m = Marked.of("qemu-system-x86_64 ^-m 1G^ -blockdev driver=file,node-name=f,filename=a.raw ^-S^");
        CompileResult r = new Compiler(Dialect.IMAGE_OPTS).compile(m.source());
        List<Diagnostic> notes = Diags.withCode(r.diagnostics(), Code.SKIPPED_FLAG);
        assertEquals(2, notes.size());
        Diags.assertDiag(notes.get(0), Code.SKIPPED_FLAG, "Flag '-m' skipped: it does not concern block devices", m.span(0));
        Diags.assertDiag(notes.get(1), Code.SKIPPED_FLAG, "Flag '-S' skipped: it does not concern block devices", m.span(1));
        assertTrue(r.valid());
    }

    @Test
    void doubleDashFlags() {
        CompileResult r = new Compiler(Dialect.IMAGE_OPTS).compile(Marked.of(
                "qemu-storage-daemon --blockdev driver=file,node-name=f,filename=a.raw --blockdev raw,node-name=r,file=f").source());
        assertNone(problems(r));
        assertEquals(2, r.graph().nodes().size());
    }

    @Test
    void driveInACommandLineUsesDriveRules() {
        Marked m = Marked.of("qemu-system-x86_64 -drive file=a.raw,format=raw,if=none,^readonly^=on,read-only=on");
        assertOnly(problems(new Compiler(Dialect.IMAGE_OPTS).compile(m.source())), Code.ALIAS_CONFLICT,
                "'read-only' and its alias 'readonly' can't be used at the same time", m.span());
    }

    @Test
    void blockdevInACommandLineUsesKeyvalRules() {
        Marked m = Marked.of("qemu-system-x86_64 -blockdev driver=file,node-name=f,filename=a.raw,^7up^=1");
        assertOnly(problems(new Compiler(Dialect.IMAGE_OPTS).compile(m.source())), Code.INVALID_KEY,
                "Invalid parameter '7up'", m.span());
    }

    @Test
    void qemuImgImageOpts() {
        Marked m = Marked.of("qemu-img info --image-opts 'driver=raw,file.driver=file,file.filename=a.raw,^bogus^=1'");
        assertOnly(problems(new Compiler(Dialect.IMAGE_OPTS).compile(m.source())), Code.UNKNOWN_OPTION,
                "Block format 'raw' does not support the option 'bogus'", m.span());
    }

    @Test
    void qemuImgJsonFilename() {
        Marked m = Marked.of("qemu-img info 'json:{\"driver\":\"raw\",\"file\":{\"driver\":\"file\",\"filename\":\"a.raw\"},^\"x\"^:1}'");
        assertOnly(problems(new Compiler(Dialect.IMAGE_OPTS).compile(m.source())), Code.UNKNOWN_OPTION,
                "Block format 'raw' does not support the option 'x'", m.span());
    }

    @Test
    void flagWithoutItsArgument() {
        Marked m = Marked.of("qemu-system-x86_64 ^-blockdev^");
        assertOnly(new Compiler(Dialect.IMAGE_OPTS).compile(m.source()).diagnostics(), Code.MISSING_FLAG_ARGUMENT,
                "Flag '-blockdev' needs an argument", m.span());
    }

    @Test
    void unterminatedQuote() {
        Marked m = Marked.of("qemu-system-x86_64 -blockdev driver=file,node-name=f,filename=a.raw -drive ^'file=a.raw^");
        Diags.assertOne(new Compiler(Dialect.IMAGE_OPTS).compile(m.source()).diagnostics(), Code.SHELL_SYNTAX,
                "Unterminated single quote", m.span());
    }

    @Test
    void objectWithoutId() {
        Marked m = Marked.of("qemu-system-x86_64 -object ^secret,data=x^ -blockdev driver=file,node-name=f,filename=a.raw");
        assertOnly(problems(new Compiler(Dialect.IMAGE_OPTS).compile(m.source())), Code.MISSING_OPTION,
                "Parameter 'id' is missing", m.span());
    }

    @Test
    void commandLineWithoutBlockDevices() {
        Marked m = Marked.of("^qemu-system-x86_64 -m 1G^");
        assertOnly(problems(new Compiler(Dialect.IMAGE_OPTS).compile(m.source())), Code.EMPTY_INPUT,
                "Nothing to compile: the input holds no block device", m.span());
    }

    // ---- qemu-img image names with a protocol prefix: verdicts and messages of qemu-img 7.2 ----

    @Test
    void anImageNameWithAProtocolPrefixIsCompiled() {
        // qemu-img info -U -f raw nbd://h/e: address resolution failed for h:10809 (the configuration passed)
        CompileResult r = new Compiler(Dialect.IMAGE_OPTS).compile(Marked.of("qemu-img info -U -f raw nbd://h/e").source());
        assertNone(problems(r));
        BlockNode raw = r.graph().nodes().get(0);
        assertEquals("raw", raw.driver());
        BlockNode nbd = ((io.qbmc.graph.Child.Inline) ((io.qbmc.graph.Value.Node) raw.options().get("file")).child()).node();
        assertEquals("nbd", nbd.driver());
        assertEquals(new io.qbmc.graph.Value.Str("e"), nbd.options().get("export"));
    }

    @Test
    void anImageNameWithAnUnknownProtocol() {
        // qemu-img: Could not open 'bogus:x': Unknown protocol 'bogus'
        Marked m = Marked.of("qemu-img info ^bogus:x^");
        assertOnly(problems(new Compiler(Dialect.IMAGE_OPTS).compile(m.source())), Code.PROTOCOL_FILENAME,
                "Unknown protocol 'bogus'", m.span());
    }

    @Test
    void anImageNameTheProtocolRefuses() {
        // qemu-img: Could not open 'nbd:localhost': error parsing address 'localhost'
        Marked m = Marked.of("qemu-img info ^nbd:localhost^");
        assertOnly(problems(new Compiler(Dialect.IMAGE_OPTS).compile(m.source())), Code.PROTOCOL_FILENAME,
                "error parsing address 'localhost'", m.span());
    }

    @Test
    void aFilenameArgumentOnItsOwn() {
        // Compiler.compileFilename: what qemu-img opens for an image name, and QEMU for a backing file name
        CompileResult r = new Compiler(Dialect.IMAGE_OPTS).compileFilename(Marked.of("file:a.raw").source());
        assertEquals(List.of(Code.PROBED_FORMAT), r.diagnostics().stream().map(Diagnostic::code).toList());
        BlockNode file = ((io.qbmc.graph.Child.Inline) ((io.qbmc.graph.Value.Node) r.graph().nodes().get(0).options()
                .get("file")).child()).node();
        assertEquals(new io.qbmc.graph.Value.Str("a.raw"), file.options().get("filename"));
    }

    @Test
    void libvirtLogLinesStartWithTheEnvironment() {
        Marked m = Marked.of("^LC_ALL=C^ ^PATH=/usr/bin^ HOME=/var/lib/libvirt/qemu/domain-1-vm QEMU_AUDIO_DRV=none "
                + "/usr/bin/qemu-system-x86_64 -name guest=vm -drive file=a.raw,format=raw,if=none,^bogus^=1");
        CompileResult r = new Compiler(Dialect.IMAGE_OPTS).compile(m.source());
        List<Diagnostic> notes = Diags.withCode(r.diagnostics(), Code.SKIPPED_FLAG);
        assertEquals(5, notes.size(), Diags.render(notes));
        Diags.assertDiag(notes.get(0), Code.SKIPPED_FLAG, "Environment variable 'LC_ALL' skipped", m.span(0));
        Diags.assertDiag(notes.get(1), Code.SKIPPED_FLAG, "Environment variable 'PATH' skipped", m.span(1));
        assertOnly(problems(r), Code.UNKNOWN_OPTION, "Block format 'raw' does not support the option 'bogus'", m.span(2));
    }

    @Test
    void theEnvironmentAloneDoesNotMakeACommandLine() {
        assertTrue(CommandLine.looksLike("LC_ALL=C qemu-img info a.raw"));
        assertTrue(CommandLine.looksLike("LC_ALL=C\n  /usr/bin/qemu-system-x86_64 -drive file=a.raw"));
        // option strings: keys are lower case, and a second option brings a comma
        assertFalse(CommandLine.looksLike("driver=raw,file.filename=x"));
        assertFalse(CommandLine.looksLike("filename=a qemu.img"));
        assertFalse(CommandLine.looksLike("driver=raw"));
        // a flag after the environment, with no program: not what a shell or libvirt writes
        assertFalse(CommandLine.looksLike("LC_ALL=C -drive file=a.raw"));
        assertFalse(CommandLine.looksLike("LC_ALL=C"));
        assertFalse(CommandLine.looksLike("LC_ALL=C true"));
    }
}
