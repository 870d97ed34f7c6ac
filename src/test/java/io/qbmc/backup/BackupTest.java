package io.qbmc.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.diag.Code;
import io.qbmc.runtime.Access;
import io.qbmc.runtime.BlockDevice;
import io.qbmc.runtime.Extent;
import io.qbmc.runtime.StackException;
import io.qbmc.runtime.Stacks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Full and incremental backups, restores, and what they refuse. */
class BackupTest {
    private static final long G = 65536;
    private static final long SIZE = 32 * G;

    @TempDir
    Path dir;
    Path qbm;
    Path chain;

    @BeforeEach
    void stack() throws IOException {
        qbm = Stacks.create(dir.resolve("stack"), SIZE, "synchronous", Stacks.Bm.of("daily", G));
        chain = dir.resolve("chain");
    }

    private static ByteBuffer fill(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return ByteBuffer.wrap(b);
    }

    private byte[] image() throws IOException {
        return Files.readAllBytes(dir.resolve("stack/disk.img"));
    }

    private Manifest backup(boolean full) throws IOException {
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE)) {
            return Backup.run(dev, "daily", chain, full, Progress.NONE);
        }
    }

    private void write(long offset, int n, int value) throws IOException {
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE)) {
            dev.write(offset, fill(n, value));
        }
    }

    private byte[] restore(String upto) throws IOException {
        Path out = dir.resolve("restored-" + upto + ".img");
        Restore.run(chain, out, upto, false, Progress.NONE);
        return Files.readAllBytes(out);
    }

    @Test
    void fullThenIncrementalsRestoreByteForByte() throws IOException {
        write(5, 100, 1);
        write(20 * G, 3, 2);
        Manifest full = backup(true);
        assertEquals(Manifest.Kind.FULL, full.kind());
        assertEquals(List.of(0L, 20 * G), full.extents().stream().map(Manifest.Entry::offset).toList(),
                "a full link lists the non-zero clusters");
        byte[] v0 = image();
        write(G + 10, (int) (2 * G), 3);
        write(5, 1, 0); // back to zero: an incremental extent still carries it
        Manifest inc = backup(false);
        assertEquals(Manifest.Kind.INCREMENTAL, inc.kind());
        assertEquals(0, inc.parent());
        assertEquals(full.chain(), inc.chain());
        assertEquals(List.of(new Manifest.Entry(0, 4 * G, inc.extents().get(0).sha256())), inc.extents());
        byte[] v1 = image();
        Manifest empty = backup(false);
        assertEquals(List.of(), empty.extents(), "nothing written since the last link");
        write(SIZE - 1, 1, 9);
        backup(false);
        byte[] v3 = image();
        assertArrayEquals(v0, restore("0"));
        assertArrayEquals(v1, restore("0001"));
        assertArrayEquals(v1, restore("2"));
        assertArrayEquals(v3, restore(null));
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_ONLY)) {
            assertEquals(List.of(), dev.extents("daily"), "each backup clears the bitmap");
        }
    }

    @Test
    void theLinkHoldsTheImageAsItWasWhenTheBackupStarted() throws IOException {
        write(0, (int) (4 * G), 1);
        backup(true);
        write(0, (int) (4 * G), 2);
        byte[] atStart = image();
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE)) {
            Progress writesMeanwhile = new Progress() {
                @Override
                public void start(String what, long total) {
                    try {
                        // copy-before-write: the first cluster is not yet copied, the write must not reach the link
                        dev.write(0, fill(10, 7));
                        dev.write(30 * G, fill(10, 7));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }

                @Override
                public void advance(long bytes) {
                }

                @Override
                public void finish() {
                }
            };
            Backup.run(dev, "daily", chain, false, writesMeanwhile);
            assertEquals(List.of(new Extent(0, G), new Extent(30 * G, G)), dev.extents("daily"),
                    "writes during the backup stay dirty for the next one");
        }
        assertArrayEquals(atStart, restore("1"));
        byte[] now = image();
        backup(false);
        assertArrayEquals(now, restore("2"));
    }

    @Test
    void aFailedBackupPutsTheBitsBackAndLeavesNoLink() throws IOException {
        backup(true);
        write(3 * G, 1, 1);
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE)) {
            Progress failing = new Progress() {
                @Override
                public void start(String what, long total) {
                }

                @Override
                public void advance(long bytes) {
                    throw new IllegalStateException("disk full");
                }

                @Override
                public void finish() {
                }
            };
            assertThrows(IllegalStateException.class, () -> Backup.run(dev, "daily", chain, false, failing));
            assertEquals(List.of(new Extent(3 * G, G)), dev.extents("daily"));
        }
        assertEquals(List.of("0000"), list(chain));
        assertEquals(1, Stacks.bitmapFile(dir.resolve("stack"), "daily", SIZE, G).count());
        backup(false);
        assertArrayEquals(image(), restore(null));
    }

    @Test
    void deferredModeBacksUpToo() throws IOException {
        Path d = Stacks.create(dir.resolve("deferred"), SIZE, "deferred", Stacks.Bm.of("daily", G));
        Path c = dir.resolve("dchain");
        try (BlockDevice dev = Stacks.open(d, Access.READ_WRITE)) {
            dev.write(0, fill(10, 1));
            Backup.run(dev, "daily", c, true, Progress.NONE);
            dev.write(7 * G, fill(10, 2));
            Backup.run(dev, "daily", c, false, Progress.NONE);
            assertTrue(Stacks.inUse(d, "daily"), "in-use lasts until the writer closes");
        }
        assertFalse(Stacks.inUse(d, "daily"));
        Restore.run(c, dir.resolve("d.img"), null, false, Progress.NONE);
        assertArrayEquals(Files.readAllBytes(dir.resolve("deferred/disk.img")), Files.readAllBytes(dir.resolve("d.img")));
    }

    @Test
    void incrementalRefusesAnInconsistentBitmapAndAFullBackupRepairsIt() throws IOException {
        backup(true);
        Stacks.setInUse(qbm, "daily");
        StackException e = assertThrows(StackException.class, () -> backup(false));
        assertEquals(Code.BITMAP_IN_USE, e.code());
        assertEquals(List.of("0000"), list(chain));
        Path fresh = dir.resolve("fresh");
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE)) {
            Backup.run(dev, "daily", fresh, true, Progress.NONE);
            assertTrue(dev.bitmaps().get(0).consistent());
        }
        assertFalse(Stacks.inUse(qbm, "daily"));
    }

    @Test
    void chainsAreCheckedBeforeAnythingIsWritten() throws IOException {
        assertEquals(Code.CHAIN_INVALID, assertThrows(StackException.class, () -> backup(false)).code());
        backup(true);
        StackException again = assertThrows(StackException.class, () -> backup(true));
        assertEquals(Code.CHAIN_INVALID, again.code());
        assertEquals(chain + " already holds a backup chain", again.getMessage());
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE)) {
            assertEquals(Code.UNKNOWN_BITMAP, assertThrows(StackException.class,
                    () -> Backup.run(dev, "weekly", chain, false, Progress.NONE)).code());
        }
        io.qbmc.runtime.BitmapEditor.apply(Stacks.compile(qbm), "weekly",
                List.of(new io.qbmc.runtime.BitmapAction.Add(2 * G, null)), false);
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE)) {
            StackException e = assertThrows(StackException.class,
                    () -> Backup.run(dev, "weekly", chain, false, Progress.NONE));
            assertEquals(Code.CHAIN_INVALID, e.code());
            assertTrue(e.getMessage().endsWith("follows bitmap 'daily', not 'weekly'"), e.getMessage());
        }
        assertEquals(List.of("0000"), list(chain));
    }

    @Test
    void restoreVerifiesChecksumsAndLeavesNothingBehindOnAMismatch() throws IOException {
        write(0, 10, 1);
        backup(true);
        write(2 * G, 10, 2);
        backup(false);
        try (var ch = java.nio.channels.FileChannel.open(chain.resolve("0001/data.raw"),
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(fill(1, 0x55), 2 * G + 3);
        }
        Path out = dir.resolve("out.img");
        StackException e = assertThrows(StackException.class, () -> Restore.run(chain, out, null, false, Progress.NONE));
        assertEquals(Code.CHECKSUM_MISMATCH, e.code());
        assertTrue(e.getMessage().startsWith("Link 0001: extent 131072+65536 of "), e.getMessage());
        assertFalse(Files.exists(out));
        assertEquals(List.of("chain", "stack"), list(dir), "no temporary file is left");
        Restore.run(chain, out, "0", false, Progress.NONE);
        assertEquals(1, Files.readAllBytes(out)[0]);
    }

    @Test
    void restoreDoesNotReplaceWithoutForce() throws IOException {
        backup(true);
        Path out = dir.resolve("out.img");
        Files.writeString(out, "keep");
        StackException e = assertThrows(StackException.class, () -> Restore.run(chain, out, null, false, Progress.NONE));
        assertEquals(Code.WOULD_OVERWRITE, e.code());
        assertEquals("keep", Files.readString(out));
        Restore.run(chain, out, null, true, Progress.NONE);
        assertEquals(SIZE, Files.size(out));
        assertEquals(Code.CHAIN_INVALID, assertThrows(StackException.class,
                () -> Restore.run(chain, dir.resolve("x.img"), "7", false, Progress.NONE)).code());
    }

    @Test
    void brokenChainsAreExplained() throws IOException {
        backup(true);
        backup(false);
        backup(false);
        LinkWriter.deleteTree(chain.resolve("0001"));
        StackException gap = assertThrows(StackException.class, () -> Chain.read(chain));
        assertEquals(Code.CHAIN_INVALID, gap.code());
        assertTrue(gap.getMessage().contains("the chain expects link 0001 here"), gap.getMessage());
        Files.writeString(chain.resolve("0000/manifest.json"), "{\"qbmc-backup\": 2}");
        assertTrue(assertThrows(StackException.class, () -> Chain.read(chain)).getMessage()
                .endsWith("has format 2; this qbmc reads format 1"));
    }

    private static List<String> list(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aManifestThatIsNotJsonIsPlacedInOurOwnWords() {
        StackException e = assertThrows(StackException.class, () -> Manifest.parse("m.json", "{\"chain\": [\n"));
        assertEquals(Code.CHAIN_INVALID, e.code());
        assertTrue(e.getMessage().startsWith("m.json is not valid JSON at line 2, column 1: Unexpected end-of-input"),
                e.getMessage());
        assertFalse(e.getMessage().contains("Source:"), e.getMessage());
    }

    /** restore --force --to a link's own data file destroyed the link it read (audit, hole 4). */
    @Test
    void aRestoreIntoTheChainIsRefused() throws IOException {
        write(0, 100, 1);
        backup(true);
        write(G, 100, 2);
        backup(false);
        byte[] link1 = Files.readAllBytes(chain.resolve("0001/data.raw"));
        for (Path target : List.of(chain.resolve("0001/data.raw"), chain.resolve("new.img"),
                chain.resolve("0000/other.img"))) {
            StackException e = assertThrows(StackException.class,
                    () -> Restore.run(chain, target, "0", true, Progress.NONE), target.toString());
            assertEquals(Code.CHAIN_INVALID, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains("lies in the backup chain"), e.getMessage());
        }
        // through a symbolic link to the chain's folder, and one to a data file
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), chain);
        Path file = Files.createSymbolicLink(dir.resolve("file.img"), chain.resolve("0001/data.raw"));
        for (Path target : List.of(alias.resolve("0001/data.raw"), file)) {
            StackException e = assertThrows(StackException.class,
                    () -> Restore.run(chain, target, "0", true, Progress.NONE), target.toString());
            assertEquals(Code.CHAIN_INVALID, e.code(), e.getMessage());
        }
        assertArrayEquals(link1, Files.readAllBytes(chain.resolve("0001/data.raw")));
        assertArrayEquals(image(), restore(null));
    }

    @Test
    void aFullBackupInsideAChainIsRefused() throws IOException {
        backup(true);
        for (Path target : List.of(chain.resolve("0000"), chain.resolve("sub"), chain.resolve("0000/sub/deeper"))) {
            try (BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE)) {
                StackException e = assertThrows(StackException.class,
                        () -> Backup.run(dev, "daily", target, true, Progress.NONE), target.toString());
                assertEquals(Code.CHAIN_INVALID, e.code(), e.getMessage());
            }
        }
        assertFalse(Files.exists(chain.resolve("sub")));
        Chain.read(chain);
    }

    /** A file with a link's name bricked the chain with a bare "Not a directory" (audit, hole 5). */
    @Test
    void aFileWithALinkNameIsNamedInTheError() throws IOException {
        backup(true);
        Files.writeString(chain.resolve("0051"), "notes");
        StackException e = assertThrows(StackException.class, () -> Chain.read(chain));
        assertEquals(Code.CHAIN_INVALID, e.code());
        assertTrue(e.getMessage().contains("0051, which is named like a link but is not a folder"), e.getMessage());
        assertTrue(e.diagnostics().get(0).hint().contains("remove or rename 0051"), e.diagnostics().get(0).hint());
    }

    /** Names sorted as strings put 10000 before 1001 (audit, hole 6). */
    @Test
    void linksAreOrderedByNumber() {
        List<String> names = new java.util.ArrayList<>(List.of("10001", "1001", "0000", "10000", "9999", "0999"));
        names.sort(Chain.BY_NUMBER);
        assertEquals(List.of("0000", "0999", "1001", "9999", "10000", "10001"), names);
        assertEquals("10000", Chain.name(10000));
    }

    /** A synthetic chain past link 9999 reads and restores in order. */
    @Test
    void aChainPastLink9999Reads() throws IOException {
        write(0, 100, 1);
        Manifest full = backup(true);
        String data = "data.raw";
        // links 0001..10001 with no extents; the last one writes a cluster
        for (int n = 1; n <= 10001; n++) {
            Path link = Files.createDirectory(chain.resolve(Chain.name(n)));
            try (var f = new java.io.RandomAccessFile(link.resolve(data).toFile(), "rw")) {
                f.setLength(SIZE);
                if (n == 10001 || n == 9999) {
                    f.seek(0);
                    f.write(fill((int) G, n == 9999 ? 7 : 9).array());
                }
            }
            List<Manifest.Entry> extents = n == 10001 || n == 9999 ? List.of(new Manifest.Entry(0, G,
                    java.util.HexFormat.of().formatHex(sha(fill((int) G, n == 9999 ? 7 : 9))))) : List.of();
            Manifest m = new Manifest(full.chain(), n, Manifest.Kind.INCREMENTAL, n - 1, full.created(), full.image(),
                    full.size(), full.bitmap(), full.granularity(), full.generation(), extents);
            Files.writeString(link.resolve(Manifest.FILE), m.toJson());
        }
        Chain c = Chain.read(chain);
        assertEquals(10002, c.links().size());
        assertEquals("10000", c.links().get(10000).name());
        byte[] upto9999 = restoreUpto("9999");
        assertEquals(7, upto9999[0]);
        byte[] all = restoreUpto(null);
        assertEquals(9, all[0]);
    }

    private byte[] restoreUpto(String upto) throws IOException {
        Path out = dir.resolve("r-" + upto + ".img");
        Restore.run(chain, out, upto, false, Progress.NONE);
        return Files.readAllBytes(out);
    }

    private static byte[] sha(ByteBuffer b) {
        return LinkWriter.digest().digest(b.array());
    }

    @Test
    void aManifestWithTrailingTextIsRejected() throws IOException {
        backup(true);
        Path m = chain.resolve("0000").resolve(Manifest.FILE);
        Files.writeString(m, Files.readString(m) + "{\"x\": 1}\n");
        StackException e = assertThrows(StackException.class, () -> Chain.read(chain));
        assertEquals(Code.CHAIN_INVALID, e.code());
        assertTrue(e.getMessage().contains("is not valid JSON at line"), e.getMessage());
    }
}
