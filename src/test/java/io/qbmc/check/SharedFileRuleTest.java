package io.qbmc.check;

import static io.qbmc.testing.Diags.assertNone;
import static io.qbmc.testing.Diags.assertOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qbmc.compile.Dialect;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.testing.Diags;
import io.qbmc.testing.Marked;
import org.junit.jupiter.api.Test;

/**
 * One file opened twice. In a qbm stack that corrupts data and is an error; elsewhere QEMU's OFD
 * image locking refuses the second read-write open at run time, so it is a warning (qemu-img info,
 * which opens read-only, accepts it).
 */
class SharedFileRuleTest {
    private final SharedFileRule rule = new SharedFileRule();

    @Test
    void differentFiles() {
        assertNone(RuleRun.run(rule, Marked.of("driver=qbm,image.driver=raw,image.file.driver=file,image.file.filename=d.raw,"
                + "bitmaps.0.name=b0,bitmaps.0.file.driver=file,bitmaps.0.file.filename=b0.bmp")));
    }

    @Test
    void imageUsedAsABitmapFile() {
        Marked m = Marked.of("driver=qbm,image.driver=raw,image.file.driver=file,image.file.filename=d.raw,"
                + "bitmaps.0.name=b0,bitmaps.0.file.driver=file,bitmaps.0.file.filename=^d.raw^");
        Diagnostic d = Diags.only(RuleRun.run(rule, m));
        Diags.assertDiag(d, Code.SHARED_FILE, "File 'd.raw' is used twice in a qbm stack", m.span());
        assertEquals("also opened at <input>:1:72; the image and every bitmap need their own file", d.hint());
    }

    @Test
    void twoBitmapsInOneFileAfterNormalising() {
        Marked m = Marked.of("driver=qbm,image.driver=raw,image.file.driver=file,image.file.filename=d.raw,"
                + "bitmaps.0.name=b0,bitmaps.0.file.driver=file,bitmaps.0.file.filename=b.bmp,"
                + "bitmaps.1.name=b1,bitmaps.1.file.driver=file,bitmaps.1.file.filename=^./b.bmp^");
        assertOnly(RuleRun.run(rule, m), Code.SHARED_FILE, "File 'b.bmp' is used twice in a qbm stack", m.span());
    }

    @Test
    void outsideQbmItIsAWarning() {
        Marked m = Marked.of("driver=quorum,vote-threshold=1,children.0.driver=file,children.0.filename=a.raw,"
                + "children.1.driver=file,children.1.filename=^dir/../a.raw^");
        assertOnly(RuleRun.run(rule, m), Code.SHARED_FILE_WARNING, "File 'a.raw' is opened twice", m.span());
    }

    @Test
    void hostDeviceCountsAsAFile() {
        Marked m = Marked.of("driver=quorum,vote-threshold=1,children.0.driver=file,children.0.filename=a.raw,"
                + "children.1.driver=host_device,children.1.filename=^a.raw^");
        assertOnly(RuleRun.run(rule, m), Code.SHARED_FILE_WARNING, "File 'a.raw' is opened twice", m.span());
    }

    @Test
    void followsReferencesInABlockdevSet() {
        Marked m = Marked.of("driver=file,node-name=f,filename=d.raw\n"
                + "driver=file,node-name=bf,filename=^d.raw^\n"
                + "driver=qbm,node-name=q,image.driver=raw,image.file=f,bitmaps.0.name=b0,bitmaps.0.file=bf");
        assertOnly(RuleRun.run(rule, m, Dialect.BLOCKDEV), Code.SHARED_FILE, "File 'd.raw' is used twice in a qbm stack", m.span());
    }

    @Test
    void separateTopNodesAreSeparateStacks() {
        // two -blockdev trees that share nothing may name the same file: each root is checked alone
        assertNone(RuleRun.run(rule, Marked.of("driver=file,node-name=f,filename=a.raw\ndriver=file,node-name=g,filename=a.raw"),
                Dialect.BLOCKDEV));
    }
}
