package io.qbmc.roundtrip;

import static io.qbmc.testing.gen.Build.node;
import static io.qbmc.testing.gen.Build.ref;
import static io.qbmc.testing.gen.Build.set;
import static io.qbmc.testing.gen.Build.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.api.OutputForm;
import io.qbmc.api.Qbmc;
import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Dialect;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.Value;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Bugs outside the emitters that the round-trip properties found or met, each reproduced with
 * its shrunk input and QEMU 7.2's verdict (qemu-img info / qemu-storage-daemon, as in
 * /work/shared/reference/qemu-oracle.md). Each asserts what QEMU does, so it passes once the
 * bug is fixed: then remove @Disabled.
 */
class KnownBugsTest {

    @Test
    void dottedValueContainingQemuIsNotACommandLine() {
        String shrunk = "driver=rbd,pool=,image=,snapshot=/var/lib/libvirt/qemu/";
        CompileResult r = RoundTrip.compile(shrunk, Dialect.IMAGE_OPTS);
        assertEquals(tree(node("rbd", "pool", "", "image", "", "snapshot", "/var/lib/libvirt/qemu/")), r.graph(),
                RoundTrip.describe(r));
        assertTrue(r.diagnostics().isEmpty(), RoundTrip.describe(r));
    }

    @Test
    void dottedValueContainingAFlagIsNotACommandLine() {
        String shrunk = "driver=file,filename= -drive ,aio=threads";
        CompileResult r = RoundTrip.compile(shrunk, Dialect.IMAGE_OPTS);
        assertEquals(tree(node("file", "filename", " -drive ", "aio", "threads")), r.graph(), RoundTrip.describe(r));
        assertTrue(r.diagnostics().isEmpty(), RoundTrip.describe(r));
    }

    @Test
    void inheritedForceShareNeedsAReadOnlyChild() {
        CompileResult r = RoundTrip.compile("json:{\"driver\":\"raw\",\"read-only\":true,\"force-share\":true,"
                + "\"file\":{\"driver\":\"file\",\"filename\":\"a.raw\",\"read-only\":false}}", Dialect.IMAGE_OPTS);
        // the child asks for read-write explicitly: QEMU refuses, so it is an error, not a warning
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.code() == Code.DRIVER_CONSTRAINT
                && d.message().startsWith("force-share=on can only be used with read-only images")),
                RoundTrip.describe(r));
    }

    @Test
    void detectZeroesUnmapOnAChildNeedsNoExplicitDiscard() {
        CompileResult r = RoundTrip.compile("json:{\"driver\":\"raw\",\"file\":{\"driver\":\"file\","
                + "\"filename\":\"a.raw\",\"detect-zeroes\":\"unmap\"}}", Dialect.IMAGE_OPTS);
        assertTrue(r.valid(), RoundTrip.describe(r));
    }

    @Test
    void forceShareOnABackingChildIsReadOnlyByDefault() {
        CompileResult r = RoundTrip.compile("{\"driver\":\"qcow2\",\"node-name\":\"t\",\"file\":{\"driver\":\"file\","
                + "\"filename\":\"top.qcow2\"},\"backing\":{\"driver\":\"raw\",\"force-share\":true,"
                + "\"file\":{\"driver\":\"file\",\"filename\":\"a.raw\"}}}", Dialect.BLOCKDEV);
        assertTrue(r.diagnostics().isEmpty(), RoundTrip.describe(r));
    }

    @Test
    void blockdevNodeNeedsADriver() {
        CompileResult r = RoundTrip.compile("[{\"node-name\":\"a\",\"file\":{\"driver\":\"file\",\"filename\":\"a.raw\"}}]",
                Dialect.BLOCKDEV);
        assertFalse(r.valid(), RoundTrip.describe(r));
    }

    @Test
    void emptyFilenameIsRefused() {
        CompileResult r = RoundTrip.compile("driver=file,filename=", Dialect.IMAGE_OPTS);
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.isError()
                && d.message().equals("The 'file' block driver requires a file name")), RoundTrip.describe(r));
    }

    @Test
    void quorumWithAnEmptyChildrenListIsRefused() {
        CompileResult r = RoundTrip.compile("json:{\"driver\":\"quorum\",\"children\":[],\"vote-threshold\":1}",
                Dialect.IMAGE_OPTS);
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.code() == Code.QUORUM_NO_CHILDREN), RoundTrip.describe(r));
    }

    @Test
    void blockdevIntegerAboveInt64IsRefused() {
        CompileResult r = RoundTrip.compile("[{\"driver\":\"null-co\",\"node-name\":\"a\",\"size\":9223372036854775808}]",
                Dialect.BLOCKDEV);
        List<Diagnostic> errors = r.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertFalse(errors.isEmpty(), RoundTrip.describe(r));
    }

    @Test
    void inliningAReferenceKeepsTheNodesOwnDefaults() {
        String text = Qbmc.emit(set(node("file", "node-name", "f", "filename", "a.raw"),
                node("raw", "node-name", "r", "read-only", true, "file", ref("f"))), OutputForm.JSON);
        CompileResult r = RoundTrip.compile(text, Dialect.IMAGE_OPTS);
        BlockNode raw = r.graph().nodes().get(0);
        BlockNode file = ((Child.Inline) ((Value.Node) raw.options().get("file")).child()).node();
        assertEquals(new Value.Bool(false), file.options().get("read-only"), text);
        assertEquals(new Value.Str("ignore"), file.options().get("discard"), text);
    }

    @Test
    void commandLineWithoutBlockDevicesIsNotValid() {
        for (String text : List.of("/var/lib/libvirt/qemu/json:{\"driver\": \"file\", \"filename\": \"a\"}",
                "qemu-system-x86_64 -m 1G")) {
            CompileResult r = RoundTrip.compile(text, Dialect.IMAGE_OPTS);
            assertFalse(r.valid() && r.graph() == null, text + "\n" + RoundTrip.describe(r));
        }
    }
}
