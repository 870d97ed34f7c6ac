package io.qbmc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.runtime.Stacks;
import io.qbmc.runtime.fault.ChildJvm;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** qbmc bitmap, io, backup and restore as users run them: output, exit codes, and the README's walk-through. */
class RuntimeCommandsTest {
    @TempDir
    Path dir;
    String qbm;

    @BeforeEach
    void stack() throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("disk.img").toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        Files.writeString(dir.resolve("stack.conf"), "driver = qbm\nmode = deferred\n"
                + "image { driver = raw, file { driver = file, filename = disk.img } }\n"
                + "bitmaps = [ { name = daily, granularity = 64k, file { driver = file, filename = daily.bitmap } } ]\n");
        Cli.Run r = Cli.run("compile", "@" + dir.resolve("stack.conf"), "--out", dir.toString());
        assertEquals(0, r.exit(), r::toString);
        qbm = dir.resolve("stack.qbm").toString();
    }

    /** The generation bitmap info reports for 'daily'. */
    private long generation() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"name\":\"daily\".*?\"generation\":(\\d+)")
                .matcher(ok("bitmap", "info", qbm, "--format", "json").out());
        assertTrue(m.find(), "bitmap info shows daily's generation");
        return Long.parseLong(m.group(1));
    }

    /** A stack compiled again over the old one has new, zeroed bitmaps: an old chain must not go on from them. */
    @Test
    void aChainDoesNotContinueOverARecompiledStack() throws Exception {
        String ch = dir.resolve("ch").toString();
        ok("backup", qbm, "--bitmap", "daily", "--target", ch, "--full");
        ok("io", qbm, "write", "-P", "0xaa", "1M", "4k");
        long before = generation();
        ok("compile", "@" + dir.resolve("stack.conf"), "--out", dir.toString(), "--force");
        assertNotEquals(before, generation());
        Cli.Run r = fails(1, "backup", qbm, "--bitmap", "daily", "--target", ch);
        assertTrue(r.err().startsWith("error[QBMC-E058]: Bitmap 'daily' was cleared, disabled or recreated"), r::toString);
    }

    private static Cli.Run ok(String... args) {
        Cli.Run r = Cli.run(args);
        assertEquals(0, r.exit(), r::toString);
        assertEquals("", r.err(), r::toString);
        return r;
    }

    private static Cli.Run fails(int exit, String... args) {
        Cli.Run r = Cli.run(args);
        assertEquals(exit, r.exit(), r::toString);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r::toString);
        return r;
    }

    /** A stack given as options has no generation: a full of one stack, then an incremental of another, was accepted. */
    @Test
    void anIncrementalFromAStackWithoutADescriptorIsRefused() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("y.img").toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        String y = "driver=qbm,mode=synchronous,image.driver=raw,image.file.driver=file,image.file.filename="
                + dir.resolve("y.img") + ",bitmaps.0.name=daily,bitmaps.0.granularity=64k,bitmaps.0.file.driver=file,"
                + "bitmaps.0.file.filename=" + dir.resolve("daily.bitmap");
        String ch = dir.resolve("ch").toString();
        ok("backup", qbm, "--bitmap", "daily", "--target", ch, "--full");
        ok("io", y, "write", "-P", "0x33", "1M", "4k");
        Cli.Run r = fails(1, "backup", y, "--bitmap", "daily", "--target", ch);
        assertTrue(r.err().startsWith("error[QBMC-E054]: An incremental backup needs a stack opened through its QBM"
                + " descriptor"), r::toString);
        assertTrue(r.err().contains("hint: compile a descriptor (qbmc compile) and back up through it"), r::toString);
        assertFalse(Files.exists(dir.resolve("ch/0001")));
        // a full backup of it is still allowed
        ok("backup", y, "--bitmap", "daily", "--target", dir.resolve("ych").toString(), "--full");
    }

    /**
     * An options stack may name a descriptor's own bitmap file. Its full backup must leave the bits
     * there: the descriptor's chain, whose generation it cannot move, still needs them.
     */
    @Test
    void aFullBackupWithoutADescriptorKeepsTheBits() throws Exception {
        String ch = dir.resolve("ch").toString();
        ok("backup", qbm, "--bitmap", "daily", "--target", ch, "--full");
        ok("io", qbm, "write", "-P", "0x44", "2M", "4k");
        String same = "driver=qbm,mode=synchronous,image.driver=raw,image.file.driver=file,image.file.filename="
                + dir.resolve("disk.img") + ",bitmaps.0.name=daily,bitmaps.0.granularity=64k,bitmaps.0.file.driver=file,"
                + "bitmaps.0.file.filename=" + dir.resolve("daily.bitmap");
        ok("backup", same, "--bitmap", "daily", "--target", dir.resolve("other").toString(), "--full");
        assertEquals("[{\"offset\":2097152,\"length\":65536}]\n",
                ok("bitmap", "extents", qbm, "--bitmap", "daily", "--format", "json").out());
        ok("backup", qbm, "--bitmap", "daily", "--target", ch);
        ok("restore", ch, "--to", dir.resolve("r.img").toString());
        assertArrayEquals(Files.readAllBytes(dir.resolve("disk.img")), Files.readAllBytes(dir.resolve("r.img")));
    }

    @Test
    void forceShareOnAWriteIsAOneLineUsageError() {
        Cli.Run r = fails(2, "io", qbm, "write", "-U", "0", "4k");
        assertEquals("error: -U (--force-share) applies to read only: a writer always takes its locks\n"
                + "  hint: drop -U to write: qbmc io STACK write [-P PATTERN] OFFSET LENGTH\n", r.err(), r::toString);
        assertEquals("", r.out());
    }

    @Test
    void theWalkThroughOfTheReadme() throws Exception {
        assertEquals("added bitmap 'weekly' (granularity 1048576, file " + dir.resolve("weekly.bitmap") + ")\n",
                ok("bitmap", "--add", "-g", "1M", qbm, "weekly").out());
        assertEquals("wrote 131072/131072 bytes at offset 1048576\n", ok("io", qbm, "write", "-P", "0xab", "1M", "128k").out());
        assertEquals("read 131072/131072 bytes at offset 1048576\n", ok("io", qbm, "read", "-P", "0xab", "1M", "128k").out());
        assertEquals("[{\"offset\":1048576,\"length\":131072}]\n",
                ok("bitmap", "extents", qbm, "--bitmap", "daily", "--format", "json").out());
        assertEquals("[{\"offset\":1048576,\"length\":1048576}]\n",
                ok("bitmap", "extents", qbm, "--bitmap", "weekly", "--format", "json").out());
        String full = ok("backup", qbm, "--bitmap", "daily", "--target", dir.resolve("chain").toString(), "--full").out();
        assertEquals("link 0000 (full): 1 extent, 131072 bytes in " + dir.resolve("chain/0000") + "\n", full);

        // a writer killed after its write: the deferred bitmaps stay in use, and are inconsistent
        try (ChildJvm child = ChildJvm.start(Main.class, "io", qbm, "write", "-P", "0x11", "10M", "4k", "--abort")) {
            assertEquals("wrote 4096/4096 bytes at offset 10485760", child.readLine());
            assertEquals(137, child.process().waitFor());
        }
        String info = ok("bitmap", "info", qbm).out();
        assertTrue(info.contains("daily                   65536  yes      INCONSISTENT               ?"), info);
        Cli.Run extents = fails(1, "bitmap", "extents", qbm, "--bitmap", "daily");
        assertTrue(extents.err().startsWith("error[QBMC-E047]: Bitmap 'daily' is inconsistent"), extents::toString);
        Cli.Run inc = fails(1, "backup", qbm, "--bitmap", "daily", "--target", dir.resolve("chain").toString());
        assertTrue(inc.err().startsWith("error[QBMC-E047]:"), inc::toString);

        // recovery: a full backup into a new chain makes the bitmap consistent again
        ok("backup", qbm, "--bitmap", "daily", "--target", dir.resolve("chain2").toString(), "--full");
        ok("io", qbm, "write", "-P", "0x22", "20M", "100k");
        assertEquals("link 0001 (incremental): 1 extent, 131072 bytes in " + dir.resolve("chain2/0001") + "\n",
                ok("backup", qbm, "--bitmap", "daily", "--target", dir.resolve("chain2").toString()).out());
        String restored = ok("restore", dir.resolve("chain2").toString(), "--to", dir.resolve("r.img").toString()).out();
        assertEquals("restored " + dir.resolve("r.img") + " (67108864 bytes) from links 0000..0001; 327680 bytes copied,"
                + " checksums verified\n", restored);
        assertArrayEquals(Files.readAllBytes(dir.resolve("disk.img")), Files.readAllBytes(dir.resolve("r.img")));
        ok("bitmap", "--clear", qbm, "weekly");
        assertTrue(ok("bitmap", "info", qbm, "--format", "json").out().contains("{\"name\":\"weekly\","
                + "\"granularity\":1048576,\"enabled\":true,\"consistent\":true,\"dirty-clusters\":0"));
    }

    @Test
    void actionsRunInCommandLineOrder() throws IOException {
        ok("bitmap", "--add", "--disable", qbm, "frozen");
        assertFalse(Stacks.descriptor(Path.of(qbm)).bitmaps().get(1).enabled());
        Cli.Run r = fails(1, "bitmap", "--disable", "--add", qbm, "late");
        assertEquals("error[QBMC-E055]: The stack has no bitmap 'late'\n  = hint: its bitmaps: daily, frozen\n", r.err());
        assertEquals("enabled bitmap 'frozen'\nmerged bitmap 'daily' into 'frozen'\ncleared bitmap 'frozen'\n",
                ok("bitmap", "--enable", "--merge", "daily", "--clear", qbm, "frozen").out());
    }

    @Test
    void theNameMayComeBeforeTheDescriptor() throws IOException {
        assertTrue(ok("bitmap", "--add", "named-first", qbm, "-g", "128k").out()
                .startsWith("added bitmap 'named-first' (granularity 131072"));
        assertEquals(131072, Stacks.descriptor(Path.of(qbm)).bitmaps().stream()
                .filter(b -> b.name().equals("named-first")).findFirst().orElseThrow().granularity());
        ok("bitmap", "--remove", "named-first", qbm);
        assertTrue(Stacks.descriptor(Path.of(qbm)).bitmaps().stream().noneMatch(b -> b.name().equals("named-first")));
    }

    @Test
    void usageErrorsAreTwo() {
        Cli.Run none = fails(2, "bitmap", qbm, "daily");
        assertTrue(none.err().startsWith("Need at least one of --add, --remove, --clear, --enable, --disable or --merge"),
                none::toString);
        fails(2, "bitmap", "--clear", qbm);
        fails(2, "bitmap", "--clear", "-g", "64k", qbm, "daily");
        fails(2, "bitmap", "--add", "-g", "lots", qbm, "x");
        fails(2, "bitmap", "extents", qbm);
        fails(2, "bitmap", "extents", qbm, "--bitmap", "daily", "--format", "xml");
        fails(2, "io", qbm, "erase", "0", "1");
        fails(2, "io", qbm, "write", "0");
        fails(2, "io", qbm, "write", "-P", "256", "0", "1");
        fails(2, "io", qbm, "read", "0", "1", "--abort");
        fails(2, "io", qbm, "write", "0", "1", "-U");
        fails(2, "backup", qbm, "--bitmap", "daily");
        fails(2, "restore", dir.toString());
    }

    @Test
    void refusalsAreOneWithADiagnostic() {
        assertEquals("error[QBMC-E060]: Pattern verification failed: the first differing byte is at offset 0: found"
                + " 0x00, expected 0x01 (request: 512 bytes at offset 0)\n",
                fails(1, "io", qbm, "read", "-P", "1", "0", "512").err());
        assertTrue(fails(1, "io", qbm, "write", "64M", "1").err().startsWith("error[QBMC-E061]: Request [67108864,"
                + " 67108865) lies beyond the end of the image (67108864 bytes)"));
        assertTrue(fails(1, "bitmap", "--add", "-g", "1000", qbm, "odd").err().startsWith("error[QBMC-E026]:"));
        assertTrue(fails(1, "restore", dir.resolve("none").toString(), "--to", dir.resolve("x.img").toString()).err()
                .startsWith("error[QBMC-E058]: There is no backup chain in "));
        Cli.Run bad = fails(1, "io", "driver=raw,file.driver=file,file.filename=" + dir.resolve("disk.img"), "read", "0", "1");
        assertTrue(bad.err().startsWith("error[QBMC-E052]: The runtime opens a qbm stack"), bad::toString);
        Cli.Run invalid = fails(1, "io", "driver=qbm,bogus=1", "read", "0", "1");
        assertTrue(invalid.err().contains("error[QBMC-E012]"), invalid::toString);
    }

    /** A -blockdev set joins its nodes by node-name; the runtime and --check-files follow those references. */
    @Test
    void aBlockdevSetAndACommandLineOpenLikeTheSameTree() throws IOException {
        ok("io", qbm, "write", "-P", "0x5a", "1M", "4k");
        String set = ok("translate", "@" + qbm, "--to", "blockdev").out().strip();
        Path bd = dir.resolve("bd.json");
        Files.writeString(bd, set + "\n");
        StringBuilder line = new StringBuilder("qemu-system-x86_64");
        for (com.fasterxml.jackson.databind.JsonNode n : new com.fasterxml.jackson.databind.ObjectMapper().readTree(set)) {
            line.append(" -blockdev '").append(n.toString()).append('\'');
        }
        Path cmd = dir.resolve("cmd.txt");
        Files.writeString(cmd, line + "\n");
        for (Path stack : java.util.List.of(bd, cmd)) {
            assertEquals("read 4096/4096 bytes at offset 1048576\n",
                    ok("io", "@" + stack, "read", "-P", "0x5a", "1M", "4k").out(), stack::toString);
            Cli.Run v = Cli.run("validate", "--check-files", "@" + stack);
            assertEquals(0, v.exit(), v::toString);
            assertFalse(v.out().contains("E046") || v.err().contains("E046"), v::toString);
        }
        // and what --check-files finds in the files is found through the references too
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("daily.bitmap").toFile(), "rw")) {
            f.setLength(f.length() + 1);
        }
        Cli.Run v = Cli.run("validate", "--check-files", "@" + bd);
        assertEquals(1, v.exit(), v::toString);
        assertTrue((v.out() + v.err()).contains("Bitmap file '" + dir.resolve("daily.bitmap") + "' has 129 bytes"),
                v::toString);
        Cli.Run io = fails(1, "io", "@" + cmd, "read", "0", "1");
        assertTrue(io.err().contains("has 129 bytes"), io::toString);
    }

    /** The audit's scenario as users ran it: the bitmap cleared after a crash as E047 says, then an incremental. */
    @Test
    void anIncrementalIntoAChainWhoseBitmapWasClearedIsRefused() throws Exception {
        String ch = dir.resolve("ch").toString();
        ok("backup", qbm, "--bitmap", "daily", "--target", ch, "--full");
        ok("io", qbm, "write", "-P", "0xaa", "1M", "4k");
        try (ChildJvm child = ChildJvm.start(Main.class, "io", qbm, "write", "-P", "0xcc", "2M", "4k", "--abort")) {
            assertEquals("wrote 4096/4096 bytes at offset 2097152", child.readLine());
            assertEquals(137, child.process().waitFor());
        }
        assertTrue(fails(1, "backup", qbm, "--bitmap", "daily", "--target", ch).err().startsWith("error[QBMC-E047]:"));
        long before = generation();
        ok("bitmap", "--clear", "daily", qbm);
        assertNotEquals(before, generation());
        ok("io", qbm, "write", "-P", "0xbb", "3M", "4k");
        Cli.Run r = fails(1, "backup", qbm, "--bitmap", "daily", "--target", ch);
        assertTrue(r.err().startsWith("error[QBMC-E058]: Bitmap 'daily' was cleared, disabled or recreated, or backed up into another chain, after link"
                + " 0000 of the chain in " + ch), r::toString);
        assertTrue(r.err().contains("hint: start a new chain with --full"), r::toString);
        assertFalse(Files.exists(dir.resolve("ch/0001")));
        String ch2 = dir.resolve("ch2").toString();
        ok("backup", qbm, "--bitmap", "daily", "--target", ch2, "--full");
        ok("restore", ch2, "--to", dir.resolve("rr.img").toString());
        assertArrayEquals(Files.readAllBytes(dir.resolve("disk.img")), Files.readAllBytes(dir.resolve("rr.img")));
    }

    @Test
    void aPatternMismatchNamesTheFirstDifferingByteAndTheRequest() {
        ok("io", qbm, "write", "-P", "0xab", "1M", "128k");
        assertEquals("error[QBMC-E060]: Pattern verification failed: the first differing byte is at offset 1179648:"
                + " found 0x00, expected 0xab (request: 132096 bytes at offset 1048576)\n",
                fails(1, "io", qbm, "read", "-P", "0xab", "1M", "129k").err());
    }

    @Test
    void aBitmapFileInAMissingFolderIsSaidSo() throws IOException {
        String before = Files.readString(Path.of(qbm));
        Cli.Run r = fails(1, "bitmap", "--add", "x", "--file", "sub/dir/x.bitmap", qbm);
        assertEquals("error[QBMC-E050]: Cannot create bitmap file " + dir.resolve("sub/dir/x.bitmap") + ": the folder "
                + dir.resolve("sub/dir") + " does not exist\n  = hint: create the folder first, or give --file a path"
                + " in an existing folder\n", r.err());
        assertEquals(before, Files.readString(Path.of(qbm)), "nothing is written");
        Files.writeString(dir.resolve("sub"), "");
        assertTrue(fails(1, "bitmap", "--add", "x", "--file", "sub/x.bitmap", qbm).err()
                .contains("the folder " + dir.resolve("sub") + " is not a folder"));
    }

    @Test
    void aMalformedDescriptorIsPlacedInOurOwnWords() throws IOException {
        Path bad = dir.resolve("bad.qbm");
        Files.writeString(bad, "{\"QBM\": {\n");
        Cli.Run r = fails(1, "bitmap", "info", bad.toString());
        assertTrue(r.err().contains("error[QBMC-E043]: Malformed JSON: Unexpected end-of-input: expected close marker"
                + " for Object (start marker at line 1, column 9)\n"), r::toString);
        assertFalse(r.err().contains("Source:") || r.err().contains("REDACTED"), r::toString);
    }

    @Test
    void theNameMayComeBeforeAStackInAnyForm() throws IOException {
        ok("io", qbm, "write", "-P", "1", "0", "4k");
        assertEquals("cleared bitmap 'daily'\n", ok("bitmap", "--clear", "daily", "driver=qbm,descriptor=" + qbm).out());
        ok("io", qbm, "write", "-P", "1", "0", "4k");
        assertEquals("cleared bitmap 'daily'\n", ok("bitmap", "--clear", "daily", "@" + qbm).out());
        assertEquals("[]\n", ok("bitmap", "extents", qbm, "--bitmap", "daily", "--format", "json").out());
    }

    @Test
    void aStackThatIsNotThereIsThree() {
        Cli.Run r = fails(3, "bitmap", "info", dir.resolve("missing.qbm").toString());
        assertEquals("qbmc: cannot read @" + dir.resolve("missing.qbm") + ": no such file\n", r.err());
    }

    @Test
    void aSecondWriterIsRefused() throws Exception {
        try (ChildJvm child = ChildJvm.start(io.qbmc.runtime.fault.Holder.class, qbm, "write")) {
            assertEquals("open", child.readLine());
            Cli.Run r = fails(1, "io", qbm, "write", "0", "1");
            assertEquals("error[QBMC-E053]: Cannot open '" + dir.resolve("disk.img") + "' for writing: another process"
                    + " has it open for writing\n  = hint: only one writer at a time, as QEMU's image locking does; stop"
                    + " the other process first\n", r.err());
            // read-only opens work alongside the writer
            assertTrue(ok("bitmap", "info", qbm).out().contains("daily"));
            assertEquals("[]\n", ok("bitmap", "extents", qbm, "--bitmap", "daily", "--format", "json").out());
            assertEquals("read 1/1 bytes at offset 0\n", ok("io", qbm, "read", "-P", "0", "0", "1").out());
            assertTrue(ok("bitmap", "info", "-U", qbm).out().contains("daily"));
        }
    }

    /** A deferred writer that is running holds its bitmaps in use: a reader is told so, not that one crashed. */
    @Test
    void aReaderBesideARunningDeferredWriterIsToldTheWriterIsRunning() throws Exception {
        try (ChildJvm child = ChildJvm.start(io.qbmc.runtime.fault.Holder.class, qbm, "write", "dirty")) {
            assertEquals("open", child.readLine());
            String info = ok("bitmap", "info", qbm).out();
            assertTrue(info.contains("IN USE") && info.contains("A writer has the stack open now"), info);
            Cli.Run r = fails(1, "bitmap", "extents", qbm, "--bitmap", "daily");
            assertTrue(r.err().startsWith("error[QBMC-E047]: Bitmap 'daily' is in use by a writer that is still running"),
                    r::toString);
        }
        // killed, the writer left the flag: now the bitmap is inconsistent
        Cli.Run r = fails(1, "bitmap", "extents", qbm, "--bitmap", "daily");
        assertTrue(r.err().startsWith("error[QBMC-E047]: Bitmap 'daily' is inconsistent"), r::toString);
    }

    @Test
    void compileForceOverAStackSomeoneHasOpenIsRefusedAndReplacesNothing() throws Exception {
        Path bitmap = dir.resolve("daily.bitmap");
        Object inode = Files.getAttribute(bitmap, "unix:ino");
        Object descriptorInode = Files.getAttribute(Path.of(qbm), "unix:ino");
        for (String mode : new String[] {"write", "read"}) {
            try (ChildJvm child = ChildJvm.start(io.qbmc.runtime.fault.Holder.class, qbm, mode)) {
                assertEquals("open", child.readLine());
                Cli.Run r = fails(1, "compile", "@" + dir.resolve("stack.conf"), "--out", dir.toString(), "--force");
                assertEquals("error[QBMC-E053]: Cannot compile over '" + dir.resolve("disk.img") + "': another process has"
                        + " it open for " + (mode.equals("write") ? "writing" : "reading") + "\n  = hint: stop the process"
                        + " that has the stack open first; replacing a file under it would lose what it writes\n", r.err());
            }
            // the writer's bitmap file and descriptor are still the ones on disk
            assertEquals(inode, Files.getAttribute(bitmap, "unix:ino"));
            assertEquals(descriptorInode, Files.getAttribute(Path.of(qbm), "unix:ino"));
        }
        ok("compile", "@" + dir.resolve("stack.conf"), "--out", dir.toString(), "--force");
        assertFalse(inode.equals(Files.getAttribute(bitmap, "unix:ino")));
    }

    @Test
    void restoreForceOntoAnImageSomeoneHasOpenIsRefusedAndReplacesNothing() throws Exception {
        String chain = dir.resolve("chain").toString();
        ok("backup", qbm, "--bitmap", "daily", "--target", chain, "--full");
        Path img = dir.resolve("disk.img");
        Object inode = Files.getAttribute(img, "unix:ino");
        for (String mode : new String[] {"write", "read"}) {
            try (ChildJvm child = ChildJvm.start(io.qbmc.runtime.fault.Holder.class, qbm, mode)) {
                assertEquals("open", child.readLine());
                Cli.Run r = fails(1, "restore", chain, "--to", img.toString(), "--force");
                assertEquals("error[QBMC-E053]: Cannot restore over '" + img + "': another process has it open for "
                        + (mode.equals("write") ? "writing" : "reading") + "\n  = hint: stop the process that has the"
                        + " stack open first; replacing a file under it would lose what it writes\n", r.err());
            }
            assertEquals(inode, Files.getAttribute(img, "unix:ino"));
        }
        ok("restore", chain, "--to", img.toString(), "--force");
        assertFalse(inode.equals(Files.getAttribute(img, "unix:ino")));
    }

    @Test
    void restoreNamesTheTargetWhenItsFolderIsMissingOrUnwritable() throws Exception {
        String chain = dir.resolve("chain").toString();
        ok("backup", qbm, "--bitmap", "daily", "--target", chain, "--full");
        Path missing = dir.resolve("missing");
        assertEquals("error[QBMC-E050]: Cannot restore to " + missing.resolve("x.img") + ": the folder " + missing
                + " does not exist\n  = hint: restore into an existing folder, or create it first\n",
                fails(1, "restore", chain, "--to", missing.resolve("x.img").toString()).err());
        assertFalse(Files.exists(missing));
        // a folder that takes no new files (Linux's /proc): the message names the target, not a temporary file
        if (Files.isDirectory(Path.of("/proc/self"))) {
            assertEquals("error[QBMC-E050]: Cannot write /proc/j.img: cannot create a file in /proc (no such file or"
                    + " directory)\n  = hint: restore into a folder where this user can create files\n",
                    fails(1, "restore", chain, "--to", "/proc/j.img").err());
        }
    }
}
