package io.qbmc.check;

import static io.qbmc.testing.Diags.assertNone;
import static io.qbmc.testing.Diags.assertOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.testing.Diags;
import io.qbmc.testing.Marked;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The qbm filter's bitmaps follow QEMU's persistent-bitmap rules. Each message was produced by
 * {@code qemu-img bitmap --add [-g G] IMG NAME} 7.2 on a qcow2 image of the size given
 * (blockdev.c / block/qcow2-bitmap.c check_constraints_on_bitmap / block/dirty-bitmap.c).
 */
class QbmRuleTest {
    private final QbmRule rule = new QbmRule();

    /** A qbm over a raw image of a known size (a null-co file), with the given bitmap options. */
    private static Marked qbm(String size, String bitmaps) {
        return Marked.of("driver=qbm,image.driver=raw,image.file.driver=null-co,image.file.size=" + size + "," + bitmaps);
    }

    private static String bitmap(int i, String name, String granularity) {
        return "bitmaps." + i + ".name=" + name + ",bitmaps." + i + ".file.driver=file,bitmaps." + i
                + ".file.filename=b" + i + ".bmp" + (granularity == null ? "" : ",bitmaps." + i + ".granularity=" + granularity);
    }

    @Test
    void validBitmaps() {
        assertNone(RuleRun.run(rule, qbm("1G", bitmap(0, "b0", "64k") + "," + bitmap(1, "b1", null))));
    }

    @Test
    void granularityBelow512() {
        // qemu-img bitmap --add -g 256: "Granularity must be power of 2 and at least 512"
        Marked m = qbm("1G", bitmap(0, "b0", "^256^"));
        assertOnly(RuleRun.run(rule, m), Code.BITMAP_GRANULARITY, "Granularity must be power of 2 and at least 512", m.span());
    }

    @Test
    void granularityNotAPowerOfTwo() {
        Marked m = qbm("1G", bitmap(0, "b0", "^1000^"));
        assertOnly(RuleRun.run(rule, m), Code.BITMAP_GRANULARITY, "Granularity must be power of 2 and at least 512", m.span());
    }

    @Test
    void smallestAndLargestGranularity() {
        assertNone(RuleRun.run(rule, qbm("1G", bitmap(0, "b0", "512") + "," + bitmap(1, "b1", "2G"))));
    }

    @Test
    void granularityAbove2G() {
        // check_constraints_on_bitmap: "Granularity exceeds maximum (2147483648 bytes)"
        Marked m = qbm("1G", bitmap(0, "b0", "^4G^"));
        assertOnly(RuleRun.run(rule, m), Code.BITMAP_GRANULARITY, "Granularity exceeds maximum (2147483648 bytes)", m.span());
    }

    @Test
    void emptyName() {
        // qemu-img bitmap --add IMG '': "Bitmap name cannot be empty"
        Marked m = Marked.of("driver=qbm,image.driver=raw,image.file.driver=null-co,"
                + "bitmaps.0.name=\u2038,bitmaps.0.file.driver=file,bitmaps.0.file.filename=b0.bmp");
        assertOnly(RuleRun.run(rule, m), Code.BITMAP_NAME, "Bitmap name cannot be empty", m.span());
    }

    @Test
    void nameOf1023BytesIsAccepted() {
        assertNone(RuleRun.run(rule, qbm("1G", bitmap(0, "a".repeat(1023), null))));
    }

    @Test
    void nameOf1024BytesIsTooLong() {
        // qemu-img bitmap --add with 1024 'a': "Name length exceeds maximum (1023 characters)"
        Marked m = qbm("1G", bitmap(0, "^" + "a".repeat(1024) + "^", null));
        assertOnly(RuleRun.run(rule, m), Code.BITMAP_NAME, "Name length exceeds maximum (1023 characters)", m.span());
    }

    @Test
    void nameLengthCountsUtf8Bytes() {
        // 512 'é' are 512 UTF-16 units but 1024 bytes: strlen() counts bytes
        Marked m = qbm("1G", bitmap(0, "^" + "é".repeat(512) + "^", null));
        Diagnostic d = Diags.only(RuleRun.run(rule, m));
        Diags.assertDiag(d, Code.BITMAP_NAME, "Name length exceeds maximum (1023 characters)", m.span());
    }

    @Test
    void duplicateName() {
        // block/dirty-bitmap.c: "Bitmap already exists: b0"
        Marked m = qbm("1G", bitmap(0, "b0", null) + "," + bitmap(1, "^b0^", null));
        assertOnly(RuleRun.run(rule, m), Code.DUPLICATE_BITMAP, "Bitmap already exists: b0", m.span());
    }

    @Test
    void namesAreCaseSensitive() {
        assertNone(RuleRun.run(rule, qbm("1G", bitmap(0, "b0", null) + "," + bitmap(1, "B0", null))));
    }

    @Test
    void sizeLimitAtTheBoundary() {
        // at most 512 MiB x granularity: 256 GiB at 512 bytes ...
        assertNone(RuleRun.run(rule, qbm("256G", bitmap(0, "b0", "512"))));
    }

    @Test
    void sizeLimitJustAboveTheBoundary() {
        // ... and not 256 GiB + 512 bytes, with QEMU's words
        Marked m = qbm("274877907456", bitmap(0, "b0", "^512^"));
        Diagnostic d = Diags.only(RuleRun.run(rule, m));
        Diags.assertDiag(d, Code.BITMAP_TOO_LARGE, "Too much space will be occupied by the bitmap. Use larger granularity", m.span());
        assertEquals("an image of 274877907456 bytes needs a granularity of at least 1024 (at most 512 MiB x granularity)",
                d.hint());
    }

    @Test
    void sizeLimitWithTheDefaultGranularity() {
        // 64 KiB covers up to 512 MiB * 64 KiB = 32 TiB; 64 TiB needs 128 KiB
        assertNone(RuleRun.run(rule, qbm("32T", bitmap(0, "b0", null))));
        List<Diagnostic> ds = RuleRun.run(rule, qbm("64T", bitmap(0, "b0", null)));
        assertEquals(1, ds.size());
        assertEquals("an image of 70368744177664 bytes needs a granularity of at least 131072 (at most 512 MiB x granularity)",
                ds.get(0).hint());
    }

    @Test
    void noSizeCheckWhenTheImageSizeIsUnknown() {
        Marked m = Marked.of("driver=qbm,image.driver=raw,image.file.driver=file,image.file.filename=disk.raw,"
                + bitmap(0, "b0", "512"));
        assertNone(RuleRun.run(rule, m));
    }

    @Test
    void rawSizeWindowIsTheImageSize() {
        Marked m = Marked.of("driver=qbm,image.driver=raw,image.size=3T,image.file.driver=file,image.file.filename=d,"
                + "bitmaps.0.name=b0,bitmaps.0.file.driver=file,bitmaps.0.file.filename=b0.bmp,bitmaps.0.granularity=^512^");
        assertOnly(RuleRun.run(rule, m), Code.BITMAP_TOO_LARGE,
                "Too much space will be occupied by the bitmap. Use larger granularity", m.span());
    }
}
