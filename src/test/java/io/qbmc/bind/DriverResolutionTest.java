package io.qbmc.bind;

import static io.qbmc.testing.Diags.assertNone;
import static io.qbmc.testing.Diags.assertOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.graph.Child;
import io.qbmc.graph.FileNode;
import io.qbmc.graph.RawNode;
import io.qbmc.testing.Diags;
import io.qbmc.testing.Marked;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** Finding a node's driver (block.c bdrv_fill_options, bdrv_open_inherit), checked with qemu-img 7.2. */
class DriverResolutionTest {

    @Test
    void unknownDriver() {
        Marked m = Marked.of("driver=^rwa^,file.driver=file,file.filename=a.raw");
        Diagnostic d = Diags.only(Bind.imageOpts(m).diags);
        Diags.assertDiag(d, Code.UNKNOWN_DRIVER, "Unknown driver 'rwa'", m.span());
        assertEquals("did you mean 'raw'?", d.hint());
    }

    @Test
    void driverNamesAreCaseSensitive() {
        Marked m = Marked.of("driver=^RAW^,file.driver=file,file.filename=a.raw");
        assertOnly(Bind.imageOpts(m).diags, Code.UNKNOWN_DRIVER, "Unknown driver 'RAW'", m.span());
    }

    @Test
    void unknownDriverOfAChild() {
        // qemu-img reports only "Unknown driver 'bogus'"
        Marked m = Marked.of("driver=raw,file.driver=^bogus^,file.filename=a.raw");
        assertOnly(Bind.imageOpts(m).diags, Code.UNKNOWN_DRIVER, "Unknown driver 'bogus'", m.span());
    }

    @Test
    void noDriverButAFileIsProbed() {
        // qemu-img opens file.driver=file,file.filename=a.raw, probing the format
        Marked m = Marked.of("^file.driver=file,file.filename=a.raw^");
        Bind b = Bind.imageOpts(m);
        assertOnly(b.diags, Code.PROBED_FORMAT, "No driver given: QEMU will probe the image format", m.span());
        assertEquals("", b.node.driver());
    }

    @Test
    void noDriverAndNoFile() {
        Marked m = Marked.of("^filename=a.raw^");
        assertOnly(Bind.imageOpts(m).diags, Code.NO_DRIVER, "Must specify either driver or file", m.span());
    }

    @Test
    void protocolChildWithAFilenameIsAFile() {
        // qemu-img opens driver=raw,file.filename=a.raw: bdrv_find_protocol gives the file driver
        Bind b = Bind.imageOpts(Marked.of("driver=raw,file.filename=a.raw"));
        assertNone(b.diags);
        Child.Inline file = (Child.Inline) ((RawNode) b.node).file();
        assertEquals("a.raw", ((FileNode) file.node()).filename());
    }

    @Test
    void formatChildWithOnlyAFilenameHasNoDriver() {
        // quorum opens its children as images: qemu-img says "Must specify either driver or file"
        Marked m = Marked.of("driver=quorum,vote-threshold=1,^children.0.filename=a.raw^");
        assertOnly(Bind.imageOpts(m).diags, Code.NO_DRIVER, "Must specify either driver or file", m.span());
    }

    @Test
    void nonStringDriverInAJsonFilenameIsIgnored() {
        // qemu-img info 'json:{"driver":1,"file":{...}}' probes the format and opens a.raw
        Marked m = Marked.of("^{\"driver\":1,\"file\":{\"driver\":\"file\",\"filename\":\"a.raw\"}}^");
        Bind b = Bind.json(m, Typing.LENIENT);
        assertOnly(b.diags, Code.PROBED_FORMAT, "No driver given: QEMU will probe the image format", m.span());
        assertEquals("", b.node.driver());
    }

    @Test
    void driverGroupIsNotADriver() {
        Marked m = Marked.of("^driver^.x=raw,file.driver=file,file.filename=a.raw");
        Bind b = Bind.imageOpts(m);
        Diags.assertOne(b.diags.sorted(), Code.WRONG_TYPE, "Invalid parameter type for 'driver', expected: string", m.span());
        assertNull(b.node);
    }

    @Test
    @Disabled("BUG: -blockdev requires a driver (QAPI BlockdevOptions): qemu-storage-daemon --blockdev "
            + "'node-name=f,file.driver=file,file.filename=a.raw' fails with \"Parameter 'driver' is missing\"; "
            + "the Binder probes the format with warning QBMC-W005 and the node is valid")
    void blockdevNeedsADriver() {
        Marked m = Marked.of("^node-name=f,file.driver=file,file.filename=a.raw^");
        assertOnly(Bind.keyval(m).diags, Code.MISSING_OPTION, "Parameter 'driver' is missing", m.span());
    }

    @Test
    @Disabled("BUG: -blockdev children need a driver too: qemu-storage-daemon --blockdev "
            + "'{\"driver\":\"raw\",\"node-name\":\"f\",\"file\":{\"filename\":\"a.raw\"}}' fails with "
            + "\"Parameter 'file.driver' is missing\"; the Binder makes the child a file node")
    void blockdevChildNeedsADriver() {
        Marked m = Marked.of("{\"driver\":\"raw\",\"node-name\":\"f\",\"file\":^{\"filename\":\"a.raw\"}^}");
        assertOnly(Bind.json(m, Typing.STRICT).diags, Code.MISSING_OPTION, "Parameter 'file.driver' is missing", m.span());
    }
}
