package io.qbmc.qbm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(Files.readString(Path.of("examples/two-bitmaps.qbm")),
                Files.readString(dir.resolve("two-bitmaps.qbm")));
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
}
