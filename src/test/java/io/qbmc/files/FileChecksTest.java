package io.qbmc.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Compiler;
import io.qbmc.compile.Dialect;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.diag.Diagnostics;
import io.qbmc.source.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate --check-files: what only the files can tell. */
class FileChecksTest {
    @TempDir
    Path dir;

    private List<Diagnostic> check(String spec) {
        CompileResult r = new Compiler(Dialect.IMAGE_OPTS).compile(Source.of(spec));
        assertTrue(r.valid(), r.diagnostics()::toString);
        Diagnostics d = new Diagnostics();
        FileChecks.run(r.graph(), r.origins(), r.descriptors(), d);
        return d.sorted();
    }

    private List<Diagnostic> checkDescriptor(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        CompileResult r = new Compiler(Dialect.IMAGE_OPTS).compile(new Source(p.toString(), text, p));
        assertTrue(r.valid(), r.diagnostics()::toString);
        Diagnostics d = new Diagnostics();
        FileChecks.run(r.graph(), r.origins(), r.descriptors(), d);
        return d.sorted();
    }

    private static String qbm(String image, String bitmap, long granularity, String extra) {
        return "{\"QBM\": {\"version\": 1, \"image\": {\"file\": \"" + image + "\", \"format\": \"raw\"" + extra
                + "}, \"bitmaps\": [{\"name\": \"b\", \"file\": \"" + bitmap + "\", \"granularity\": " + granularity
                + "}]}}\n";
    }

    @Test
    void aMissingImageIsReportedWithQemusWords() {
        String missing = dir.resolve("none.img").toString();
        List<Diagnostic> d = check("driver=raw,file.driver=file,file.filename=" + missing);
        assertEquals(Code.FILE_MISMATCH, d.get(0).code());
        assertEquals("Could not open '" + missing + "': No such file or directory", d.get(0).message());
    }

    @Test
    void aBitmapOfTheRightSizeWithCleanTailBitsPasses() throws IOException {
        Files.write(dir.resolve("d.img"), new byte[9 * 512]);
        // 9 sectors at 512 bytes: 9 bits, 2 bytes, the top 7 bits of byte 1 must be zero
        Files.write(dir.resolve("b.bm"), new byte[] {(byte) 0xff, 0x01});
        assertEquals(List.of(), checkDescriptor("s.qbm", qbm("d.img", "b.bm", 512, "")));
    }

    @Test
    void bitsPastTheEndOfTheImageAreCorruption() throws IOException {
        Files.write(dir.resolve("d.img"), new byte[9 * 512]);
        Files.write(dir.resolve("b.bm"), new byte[] {0, 0x02});
        List<Diagnostic> d = checkDescriptor("s.qbm", qbm("d.img", "b.bm", 512, ""));
        assertEquals(1, d.size(), d::toString);
        assertTrue(d.get(0).message().endsWith("has bits set past the end of the image"), d::toString);
    }

    @Test
    void aBitmapOfTheWrongSizeIsReported() throws IOException {
        Files.write(dir.resolve("d.img"), new byte[65536 * 10]);
        Files.write(dir.resolve("b.bm"), new byte[3]);
        List<Diagnostic> d = checkDescriptor("s.qbm", qbm("d.img", "b.bm", 65536, ""));
        assertEquals(1, d.size(), d::toString);
        assertTrue(d.get(0).message().contains("has 3 bytes; an image of 655360 bytes at granularity 65536 needs 2"),
                d::toString);
    }

    @Test
    void aBitmapLeftInUseIsInconsistent() throws IOException {
        Files.write(dir.resolve("d.img"), new byte[65536]);
        Files.write(dir.resolve("b.bm"), new byte[1]);
        String text = qbm("d.img", "b.bm", 65536, "").replace("\"granularity\": 65536", "\"granularity\": 65536, \"in-use\": true");
        List<Diagnostic> d = checkDescriptor("s.qbm", text);
        assertEquals(List.of(Code.BITMAP_IN_USE), d.stream().map(Diagnostic::code).toList());
        assertTrue(d.get(0).hint().contains("clear"), d::toString);
    }

    @Test
    void aStatedSizeMustMatchTheImage() throws IOException {
        Files.write(dir.resolve("d.img"), new byte[65536]);
        Files.write(dir.resolve("b.bm"), new byte[2]);
        List<Diagnostic> d = checkDescriptor("s.qbm", qbm("d.img", "b.bm", 4096, ", \"size\": 131072"));
        assertTrue(d.stream().anyMatch(x -> x.message().equals(
                "The configuration says the image has 131072 bytes, but it has 65536")), d::toString);
    }

    private static String twoBitmaps(String a, String b) {
        return "{\"QBM\": {\"version\": 1, \"image\": {\"file\": \"d.img\", \"format\": \"raw\"}, \"bitmaps\": ["
                + "{\"name\": \"a\", \"file\": \"" + a + "\", \"granularity\": 65536},"
                + "{\"name\": \"b\", \"file\": \"" + b + "\", \"granularity\": 65536}]}}\n";
    }

    @Test
    void twoBitmapsInOneFileThroughAHardLinkAreOneFile() throws IOException {
        Files.write(dir.resolve("d.img"), new byte[65536]);
        Files.write(dir.resolve("a.bm"), new byte[1]);
        Files.createLink(dir.resolve("b.bm"), dir.resolve("a.bm"));
        List<Diagnostic> d = checkDescriptor("s.qbm", twoBitmaps("a.bm", "b.bm"));
        assertEquals(List.of(Code.SHARED_FILE), d.stream().map(Diagnostic::code).toList(), d::toString);
        assertTrue(d.get(0).message().contains("bitmap 'b'") && d.get(0).message().contains("bitmap 'a'"), d::toString);
        assertEquals("\"b.bm\"", d.get(0).span().text());
    }

    @Test
    void aBitmapSymlinkedToAnotherBitmapOrTheImageIsThatFile() throws IOException {
        Files.write(dir.resolve("d.img"), new byte[65536]);
        Files.write(dir.resolve("a.bm"), new byte[1]);
        Files.createSymbolicLink(dir.resolve("b.bm"), Path.of("a.bm"));
        Files.createSymbolicLink(dir.resolve("c.bm"), Path.of("d.img"));
        assertEquals(List.of(Code.SHARED_FILE), checkDescriptor("s.qbm", twoBitmaps("a.bm", "b.bm")).stream()
                .map(Diagnostic::code).toList());
        List<Diagnostic> d = checkDescriptor("t.qbm", twoBitmaps("a.bm", "c.bm"));
        assertTrue(d.stream().anyMatch(x -> x.code() == Code.SHARED_FILE && x.message().contains("the image")),
                d::toString);
    }

    @Test
    void aBitmapSymlinkedToTheDescriptorIsTheDescriptorNotAWrongSize() throws IOException {
        Files.write(dir.resolve("d.img"), new byte[65536]);
        Files.createSymbolicLink(dir.resolve("b.bm"), Path.of("s.qbm"));
        List<Diagnostic> d = checkDescriptor("s.qbm", qbm("d.img", "b.bm", 65536, ""));
        assertEquals(List.of(Code.SHARED_FILE), d.stream().map(Diagnostic::code).toList(), d::toString);
        assertEquals("Bitmap 'b' is stored in the descriptor itself", d.get(0).message());
    }

    @Test
    void aMissingFileOfADescriptorIsLookedForBesideTheDescriptor() throws IOException {
        Files.write(dir.resolve("d.img"), new byte[65536]);
        List<Diagnostic> d = checkDescriptor("s.qbm", qbm("d.img", "gone.bm", 65536, ""));
        assertEquals(1, d.size(), d::toString);
        assertTrue(d.get(0).hint().contains("start at the descriptor's folder, " + dir.toAbsolutePath()), d::toString);
        List<Diagnostic> plain = check("driver=raw,file.driver=file,file.filename=gone.img");
        assertTrue(plain.get(0).hint().contains("relative paths start at the working folder"), plain::toString);
    }

    private static boolean haveQemuImg() {
        return Files.isExecutable(Path.of("/usr/bin/qemu-img"));
    }

    private void qemuImg(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/qemu-img"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
    }

    @Test
    void aJsonBackingFileNameIsCompiledAndItsProblemsShownInItsOwnText() throws Exception {
        assumeTrue(haveQemuImg(), "qemu-img not installed");
        String backing = "json:{\"driver\":\"qcow2\",\"file\":{\"driver\":\"file\",\"filename\":\"base.qcow2\"},\"bogus\":1}";
        qemuImg("create", "-q", "-f", "qcow2", "-u", "-b", backing, "-F", "qcow2", "top.qcow2", "1M");
        List<Diagnostic> d = check("driver=qcow2,file.driver=file,file.filename=" + dir.resolve("top.qcow2"));
        assertEquals(1, d.size(), d::toString);
        assertEquals("Block format 'qcow2' does not support the option 'bogus'", d.get(0).message());
        assertEquals(backing, d.get(0).span().source().text());
        assertEquals("\"bogus\"", d.get(0).span().text());
    }

    @Test
    void aMissingPlainBackingFileIsReported() throws Exception {
        assumeTrue(haveQemuImg(), "qemu-img not installed");
        qemuImg("create", "-q", "-f", "qcow2", "-u", "-b", "gone.qcow2", "-F", "qcow2", "top.qcow2", "1M");
        List<Diagnostic> d = check("driver=qcow2,file.driver=file,file.filename=" + dir.resolve("top.qcow2"));
        assertEquals(1, d.size(), d::toString);
        assertTrue(d.get(0).message().startsWith("Backing file 'gone.qcow2' of "), d::toString);
    }

    @Test
    void aProtocolBackingFileNameIsParsedByItsDriver() throws Exception {
        assumeTrue(haveQemuImg(), "qemu-img not installed");
        // block.c: a backing name with a protocol prefix is kept as it is and opened as a filename argument
        qemuImg("create", "-q", "-f", "qcow2", "-u", "-b", "nbd:localhost", "-F", "raw", "top.qcow2", "1M");
        List<Diagnostic> d = check("driver=qcow2,file.driver=file,file.filename=" + dir.resolve("top.qcow2"));
        assertEquals(1, d.size(), d::toString);
        assertEquals("error parsing address 'localhost'", d.get(0).message());
        assertEquals("nbd:localhost", d.get(0).span().source().text());
    }

    @Test
    void aWellFormedProtocolBackingFileNameIsNotLookedForOnDisk() throws Exception {
        assumeTrue(haveQemuImg(), "qemu-img not installed");
        qemuImg("create", "-q", "-f", "qcow2", "-u", "-b", "nbd://localhost/base", "-F", "raw", "top.qcow2", "1M");
        List<Diagnostic> d = check("driver=qcow2,file.driver=file,file.filename=" + dir.resolve("top.qcow2"));
        assertEquals(List.of(), d);
    }
}
