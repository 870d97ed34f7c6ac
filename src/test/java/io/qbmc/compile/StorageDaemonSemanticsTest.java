package io.qbmc.compile;

import static io.qbmc.testing.Diags.assertNone;
import static io.qbmc.testing.Diags.assertOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.testing.Marked;
import org.junit.jupiter.api.Test;

/**
 * What the -blockdev differential suite against qemu-storage-daemon 7.2 found; each verdict and
 * message below is the daemon's (io.qbmc.differential.blockdev).
 */
class StorageDaemonSemanticsTest {
    private static final String LUKS = " --blockdev driver=file,node-name=f,filename=l.luks"
            + " --blockdev driver=luks,node-name=l,file=f,key-secret=sec0";

    @Test
    void anObjectAfterTheNodeThatUsesItIsNotFoundByTheStorageDaemon() {
        // qemu-storage-daemon: --blockdev driver=luks,...: No secret with id 'sec0'
        Marked m = Marked.of("qemu-storage-daemon --blockdev driver=file,node-name=f,filename=l.luks"
                + " --blockdev driver=luks,node-name=l,file=f,key-secret=^sec0^ --object secret,id=sec0,data=x");
        Diagnostic d = io.qbmc.testing.Diags.only(Compile.blockdev(m).diagnostics());
        io.qbmc.testing.Diags.assertDiag(d, Code.UNKNOWN_OBJECT, "No secret with id 'sec0'", m.span());
        assertTrue(d.hint().contains("command-line order"), d.hint());
    }

    @Test
    void anObjectBeforeTheNodeIsFound() {
        assertNone(Compile.blockdev(Marked.of("qemu-storage-daemon --object secret,id=sec0,data=x" + LUKS)).diagnostics());
    }

    @Test
    void qemuSystemCreatesObjectsFirstWhereverTheyAreWritten() {
        // vl.c creates every -object before the first -blockdev
        assertNone(Compile.blockdev(Marked.of("qemu-system-x86_64" + LUKS + " -object secret,id=sec0,data=x")).diagnostics());
    }

    @Test
    void aSecondObjectWithTheSameIdIsRefused() {
        Marked m = Marked.of("qemu-storage-daemon --object secret,id=sec0,data=x --object ^secret,id=sec0,data=y^" + LUKS);
        assertOnly(Compile.blockdev(m).diagnostics(), Code.DUPLICATE_OBJECT_ID,
                "attempt to add duplicate property 'sec0' to object (type 'container')", m.span());
    }

    @Test
    void keyvalSizesInBlockdevAreIntegers() {
        // qemu-storage-daemon: Parameter 'l2-cache-size' expects integer
        Marked m = Marked.of("driver=file,node-name=f,filename=q.qcow2\ndriver=qcow2,node-name=q,file=f,l2-cache-size=^1M^");
        assertOnly(Compile.blockdev(m).diagnostics(), Code.WRONG_TYPE, "Parameter 'l2-cache-size' expects integer", m.span());
        assertNone(Compile.blockdev(Marked.of("driver=file,node-name=f,filename=q.qcow2\n"
                + "driver=qcow2,node-name=q,file=f,l2-cache-size=0x100000")).diagnostics());
        // --image-opts keeps QemuOpts sizes
        assertNone(Compile.imageOpts(Marked.of("driver=qcow2,l2-cache-size=1M,file.driver=file,file.filename=q.qcow2"))
                .diagnostics());
    }

    @Test
    void keyvalIntegersFollowStrtoll() {
        assertEquals(0, Compile.blockdev(Marked.of("driver=raw,node-name=r,offset=010,file.driver=file,file.filename=a"))
                .diagnostics().stream().filter(Diagnostic::isError).count());
        Marked m = Marked.of("driver=raw,node-name=r,offset=^9223372036854775808^,file.driver=file,file.filename=a");
        assertOnly(Compile.blockdev(m).diagnostics(), Code.WRONG_TYPE, "Parameter 'offset' expects integer", m.span());
        // then raw reads it again as a QemuOpts size
        Marked negative = Marked.of("driver=raw,node-name=r,offset=^-1^,file.driver=file,file.filename=a");
        assertOnly(Compile.blockdev(negative).diagnostics(), Code.WRONG_TYPE,
                "Parameter 'offset' expects a non-negative number below 2^64", negative.span());
    }

    @Test
    void forceShareOnAReadWriteBlockdevNodeIsAnError() {
        // qemu-storage-daemon: force-share=on can only be used with read-only images
        Marked m = Marked.of("driver=file,node-name=f,filename=a.raw,force-share=^on^");
        assertOnly(Compile.blockdev(m).diagnostics(), Code.DRIVER_CONSTRAINT,
                "force-share=on can only be used with read-only images", m.span());
        assertNone(Compile.blockdev(Marked.of("driver=file,node-name=f,filename=a.raw,force-share=on,read-only=on"))
                .diagnostics());
        // an inline child inherits read-only=on
        assertNone(Compile.blockdev(Marked.of("driver=raw,node-name=r,read-only=on,force-share=on,file.driver=file,"
                + "file.filename=a.raw")).diagnostics());
    }
}
