package io.qbmc.qbm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qbmc.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** qbmc compile: what it writes, and what it refuses to touch. */
class CompileStackTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run qbmc(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void theExampleCompilesToItsDescriptorAndSizedZeroBitmaps() throws IOException {
        Run r = qbmc("compile", "@examples/two-bitmaps.conf", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        // the example is the descriptor translate --to qbm writes; compile's bitmaps are new and
        // get random generations (docs/qbm-spec.md §3.2), the rest is the same
        String written = Files.readString(dir.resolve("two-bitmaps.qbm"));
        java.util.regex.Matcher g = java.util.regex.Pattern.compile("\"generation\": ([0-9]+)").matcher(written);
        int n = 0;
        while (g.find()) {
            long value = Long.parseLong(g.group(1));
            assertTrue(value >= 1 && value < (1L << 53), written);
            n++;
        }
        assertEquals(2, n, written);
        assertEquals(Files.readString(Path.of("examples/two-bitmaps.qbm")),
                written.replaceAll("\"generation\": [0-9]+", "\"generation\": 0"));
        // 20 GiB: 327680 bits at 64 KiB = 40960 bytes; 20480 bits at 1 MiB = 2560 bytes
        assertEquals(40960, Files.size(dir.resolve("daily.bitmap")));
        assertEquals(2560, Files.size(dir.resolve("weekly.bitmap")));
        byte[] bits = Files.readAllBytes(dir.resolve("daily.bitmap"));
        for (byte b : bits) {
            assertEquals(0, b);
        }
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "no temporary files are left behind");
        }
    }

    @Test
    void nothingExistingIsOverwrittenWithoutForce() throws IOException {
        Files.writeString(dir.resolve("daily.bitmap"), "precious");
        Run r = qbmc("compile", "@examples/two-bitmaps.conf", "--out", dir.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("QBMC-E049"), r.err());
        assertEquals("precious", Files.readString(dir.resolve("daily.bitmap")));
        assertFalse(Files.exists(dir.resolve("two-bitmaps.qbm")), "nothing is written when anything is refused");
        assertFalse(Files.exists(dir.resolve("weekly.bitmap")));

        Run forced = qbmc("compile", "@examples/two-bitmaps.conf", "--out", dir.toString(), "--force");
        assertEquals(0, forced.code(), forced.err());
        assertEquals(40960, Files.size(dir.resolve("daily.bitmap")));
    }

    @Test
    void pathsLeavingTheOutputFolderNeedAllowOutside() throws IOException {
        String spec = "driver=qbm,size=1M,image.driver=raw,image.file.driver=file,image.file.filename=../disk.img,"
                + "bitmaps.0.name=a,bitmaps.0.file.driver=file,bitmaps.0.file.filename=/tmp/a.bitmap";
        Run r = qbmc("compile", spec, "--out", dir.toString(), "--name", "s");
        assertEquals(1, r.code());
        assertEquals(2, r.err().split("QBMC-E048", -1).length - 1, r.err());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void theImageSizeComesFromTheImageWhenTheConfigurationOmitsIt() throws IOException {
        Files.write(dir.resolve("disk.img"), new byte[3 * 65536 + 1]);
        String spec = "driver=qbm,image.driver=raw,image.file.driver=file,image.file.filename=disk.img,"
                + "bitmaps.0.name=a,bitmaps.0.file.driver=file,bitmaps.0.file.filename=a.bitmap";
        Run r = qbmc("compile", spec, "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        // 4 bits (the last cluster is partial) fit in one byte
        assertEquals(1, Files.size(dir.resolve("a.bitmap")));
        assertTrue(Files.exists(dir.resolve("disk.qbm")), "named after the image by default");
    }

    @Test
    void anUnknownImageSizeIsAnErrorNotAGuess() {
        String spec = "driver=qbm,image.driver=raw,image.file.driver=file,image.file.filename=missing.img,"
                + "bitmaps.0.name=a,bitmaps.0.file.driver=file,bitmaps.0.file.filename=a.bitmap";
        Run r = qbmc("compile", spec, "--out", dir.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("QBMC-E046"), r.err());
    }

    private static final String ONE_BITMAP = "driver=qbm,image.driver=raw,image.file.driver=file,"
            + "image.file.filename=disk.img,bitmaps.0.name=a,bitmaps.0.file.driver=file,bitmaps.0.file.filename=";

    @Test
    void aNameEndingInQbmIsNotGivenASecondExtension() throws IOException {
        Path out = Files.createDirectory(dir.resolve("out"));
        Files.write(out.resolve("disk.img"), new byte[65536]);
        Run r = qbmc("compile", ONE_BITMAP + "a.bitmap", "--out", out.toString(), "--name", "vm1.qbm");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out.resolve("vm1.qbm")), r.err());
        assertFalse(Files.exists(out.resolve("vm1.qbm.qbm")));
        Run dotOnly = qbmc("compile", ONE_BITMAP + "b.bitmap", "--out", out.toString(), "--name", ".qbm");
        assertEquals(2, dotOnly.code(), dotOnly.err());
    }

    @Test
    void theNameIsAFileNameInDirNotAPath() throws IOException {
        Path out = Files.createDirectory(dir.resolve("out"));
        Files.write(out.resolve("disk.img"), new byte[65536]);
        for (String name : new String[] {"../x", dir.resolve("abs").toString(), "sub/x", "..", ".", ""}) {
            Run r = qbmc("compile", ONE_BITMAP + "a.bitmap", "--out", out.toString(), "--name", name);
            assertEquals(2, r.code(), name + ": " + r.err());
            assertTrue(r.err().contains("is not a plain file name") && r.err().contains("--name vm1"), r.err());
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList(), "nothing is written beside DIR");
        }
        try (var files = Files.list(out)) {
            assertEquals(1, files.count(), "nor in it");
        }
    }

    @Test
    void aStatedSizeThatIsNotTheImagesIsRefused() throws IOException {
        Files.write(dir.resolve("disk.img"), new byte[4 * 65536]);
        Run r = qbmc("compile", "driver=qbm,size=64k," + ONE_BITMAP.substring("driver=qbm,".length()) + "a.bitmap",
                "--out", dir.toString(), "--name", "s");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("QBMC-E046") && r.err().contains("says the image has 65536 bytes, but disk.img"
                + " has 262144") && r.err().contains("drop size ="), r.err());
        assertFalse(Files.exists(dir.resolve("a.bitmap")));
        assertFalse(Files.exists(dir.resolve("s.qbm")));

        Run same = qbmc("compile", "driver=qbm,size=256k," + ONE_BITMAP.substring("driver=qbm,".length())
                + "a.bitmap", "--out", dir.toString(), "--name", "s");
        assertEquals(0, same.code(), same.err());
    }

    private static String twoBitmaps(String image, String a, String b) {
        return "driver=qbm,size=64k,image.driver=raw,image.file.driver=file,image.file.filename=" + image
                + ",bitmaps.0.name=a,bitmaps.0.file.driver=file,bitmaps.0.file.filename=" + a
                + ",bitmaps.1.name=b,bitmaps.1.file.driver=file,bitmaps.1.file.filename=" + b;
    }

    @Test
    void forceNeverZeroesTheImageThroughALink() throws IOException {
        Path out = Files.createDirectory(dir.resolve("out"));
        byte[] data = new byte[65536];
        java.util.Arrays.fill(data, (byte) 0x5a);
        Files.write(out.resolve("real.img"), data);
        Files.createSymbolicLink(out.resolve("disk.img"), Path.of("real.img"));
        Run r = qbmc("compile", ONE_BITMAP + "real.img", "--out", out.toString(), "--name", "s", "--force");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("QBMC-E029") && r.err().contains("is the same file as the image"), r.err());
        assertTrue(java.util.Arrays.equals(data, Files.readAllBytes(out.resolve("real.img"))), "the image is intact");
        assertFalse(Files.exists(out.resolve("s.qbm")));

        Files.createLink(out.resolve("hard.bitmap"), out.resolve("real.img"));
        Run hard = qbmc("compile", ONE_BITMAP + "hard.bitmap", "--out", out.toString(), "--name", "s", "--force");
        assertEquals(1, hard.code(), hard.err());
        assertTrue(hard.err().contains("QBMC-E029"), hard.err());
        assertTrue(java.util.Arrays.equals(data, Files.readAllBytes(out.resolve("real.img"))));
    }

    @Test
    void twoFilesOfTheStackThroughAFolderLinkAreOneFile() throws IOException {
        Path out = Files.createDirectory(dir.resolve("out"));
        Files.write(out.resolve("disk.img"), new byte[65536]);
        Files.createSymbolicLink(out.resolve("same"), Path.of("."));
        Run r = qbmc("compile", twoBitmaps("disk.img", "a.bitmap", "same/a.bitmap"), "--out", out.toString(),
                "--name", "s");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("QBMC-E029") && r.err().contains("same/a.bitmap is the same file as bitmap file"),
                r.err());
        Run d = qbmc("compile", ONE_BITMAP + "same/s.qbm", "--out", out.toString(), "--name", "s");
        assertEquals(1, d.code(), d.err());
        assertTrue(d.err().contains("is the same file as descriptor"), d.err());
        try (var files = Files.list(out)) {
            assertEquals(2, files.count(), "nothing written");
        }
    }

    @Test
    void aLinkInsideDirDoesNotLeadOutOfIt() throws IOException {
        Path out = Files.createDirectory(dir.resolve("out"));
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Files.write(out.resolve("disk.img"), new byte[65536]);
        Files.createSymbolicLink(out.resolve("link"), elsewhere);
        Run r = qbmc("compile", ONE_BITMAP + "link/x.bitmap", "--out", out.toString(), "--name", "s");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("QBMC-E048") && r.err().contains("through a link"), r.err());
        try (var files = Files.list(elsewhere)) {
            assertEquals(0, files.count());
        }
        assertFalse(Files.exists(out.resolve("s.qbm")));
        Run allowed = qbmc("compile", ONE_BITMAP + "link/x.bitmap", "--out", out.toString(), "--name", "s",
                "--allow-outside");
        assertEquals(0, allowed.code(), allowed.err());
        assertTrue(Files.exists(elsewhere.resolve("x.bitmap")));
    }

    @Test
    void aFileWhereAFolderMustBeIsReportedBeforeAnythingIsWritten() throws IOException {
        Path out = Files.createDirectory(dir.resolve("out"));
        Files.write(out.resolve("disk.img"), new byte[65536]);
        Files.writeString(out.resolve("f"), "was here");
        Run r = qbmc("compile", twoBitmaps("disk.img", "a.bitmap", "f/x.bitmap"), "--out", out.toString(),
                "--name", "s");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("QBMC-E050") && r.err().contains(out.toAbsolutePath().resolve("f")
                + " is a file, not a folder"), r.err());
        assertFalse(r.err().contains("appeared"), r.err());
        assertFalse(Files.exists(out.resolve("a.bitmap")), "nothing written when a target is refused");
    }

    @Test
    void aPathWithDotDotInsideDirIsReadLexicallyAsTheDescriptorReadsIt() throws IOException {
        Path out = dir.resolve("out");
        Run r = qbmc("compile", "driver=qbm,size=64k," + ONE_BITMAP.substring("driver=qbm,".length())
                + "sub/../ok.bitmap", "--out", out.toString(), "--name", "s");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, Files.size(out.resolve("ok.bitmap")));
        assertFalse(Files.exists(out.resolve("sub")));
        Run check = qbmc("validate", "--check-files", out.resolve("s.qbm").toString());
        String report = check.out() + check.err();
        assertTrue(report.contains("disk.img") && !report.contains("ok.bitmap"), report);
    }

    @Test
    void aWriteThatFailsWhileStagingLeavesDirAsItWas() throws IOException {
        // /proc takes no new files, not even from root: the second bitmap cannot be staged
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.write(out.resolve("keep.bitmap"), new byte[] {7});
        Run r = qbmc("compile", "driver=qbm,size=64k," + twoBitmaps("disk.img", "new/a.bitmap", "/proc/qbmc.bitmap")
                .substring("driver=qbm,size=64k,".length()) + ",bitmaps.2.name=c,bitmaps.2.file.driver=file,"
                + "bitmaps.2.file.filename=keep.bitmap", "--out", out.toString(), "--name", "s", "--force",
                "--allow-outside");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("the files this run created are removed"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        try (var files = Files.walk(out)) {
            assertEquals(List.of(out, out.resolve("keep.bitmap")), files.sorted().toList());
        }
        assertEquals(7, Files.readAllBytes(out.resolve("keep.bitmap"))[0], "a file to be replaced is as it was");
    }

    @Test
    void aWriteThatFailsAfterSomeFilesTookTheirNamesRemovesThem() throws IOException {
        Path out = dir.resolve("out");
        Path image = Files.createDirectories(out.resolve("img")).resolve("disk.img");
        Files.write(image, new byte[] {1});
        // a link to the image made after planning: the last bitmap must not replace it
        Files.createLink(out.resolve("late.bitmap"), image);
        io.qbmc.files.StackFiles.Plan plan = new io.qbmc.files.StackFiles.Plan(out.resolve("s.qbm"), "{}",
                List.of(new io.qbmc.files.StackFiles.BitmapFile(out.resolve("new/a.bitmap"), 1),
                        new io.qbmc.files.StackFiles.BitmapFile(out.resolve("late.bitmap"), 1)), 512, image);
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> io.qbmc.files.StackFiles.write(plan, true));
        assertTrue(e.getMessage().contains("is now the image"), e::getMessage);
        try (var files = Files.walk(out)) {
            assertEquals(List.of(out, out.resolve("img"), image, out.resolve("late.bitmap")), files.sorted().toList());
        }
        assertEquals(1, Files.readAllBytes(image)[0]);
    }

    @Test
    void aRefusalNamesTheFileAndLineOfThePathItRefuses() throws IOException {
        Path out = Files.createDirectory(dir.resolve("out"));
        Files.write(out.resolve("daily.bitmap"), new byte[1]);
        Path conf = dir.resolve("q.conf");
        Files.writeString(conf, "driver = raw\nfile {\n  driver = qbm\n  size = 64k\n"
                + "  image { driver = raw, file { driver = file, filename = disk.img } }\n"
                + "  bitmaps = [ { name = daily, file { driver = file, filename = daily.bitmap } } ]\n}\n");
        Run r = qbmc("compile", "@" + conf, "--out", out.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("q.conf:6:") && r.err().contains("QBMC-E049"), r.err());
    }
}
