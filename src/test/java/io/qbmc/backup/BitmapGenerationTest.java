package io.qbmc.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.diag.Code;
import io.qbmc.runtime.Access;
import io.qbmc.runtime.BitmapAction;
import io.qbmc.runtime.BitmapEditor;
import io.qbmc.runtime.BlockDevice;
import io.qbmc.runtime.StackException;
import io.qbmc.runtime.Stacks;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chain may continue only while its bitmap is the same complete record of writes it was at the
 * chain's last link: the bitmap's generation (qbm-spec §1.3) and the link's (backup-format.md).
 */
class BitmapGenerationTest {
    private static final long G = 65536;
    private static final long M = 1 << 20;
    private static final long SIZE = 8 * M;

    @TempDir
    Path dir;

    private Path stack(String mode, Stacks.Bm... bitmaps) throws IOException {
        return Stacks.create(dir.resolve("stack"), SIZE, mode, bitmaps);
    }

    private static ByteBuffer fill(long n, int value) {
        byte[] b = new byte[(int) n];
        Arrays.fill(b, (byte) value);
        return ByteBuffer.wrap(b);
    }

    private static void write(Path qbm, long offset, long n, int value) throws IOException {
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE)) {
            dev.write(offset, fill(n, value));
        }
    }

    private static Manifest backup(Path qbm, String bitmap, Path chain, boolean full) throws IOException {
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE)) {
            return Backup.run(dev, bitmap, chain, full, Progress.NONE);
        }
    }

    private static void edit(Path qbm, String name, BitmapAction... actions) throws IOException {
        BitmapEditor.apply(Stacks.compile(qbm), name, List.of(actions), false);
    }

    private static long generation(Path qbm, String bitmap) throws IOException {
        return Stacks.descriptor(qbm).bitmaps().stream().filter(b -> b.name().equals(bitmap)).findFirst()
                .orElseThrow().generation();
    }

    private byte[] restore(Path chain) throws IOException {
        Path out = dir.resolve("restored-" + System.nanoTime() + ".img");
        Restore.run(chain, out, null, false, Progress.NONE);
        return Files.readAllBytes(out);
    }

    private byte[] image() throws IOException {
        return Files.readAllBytes(dir.resolve("stack/disk.img"));
    }

    private static void refusedAsBroken(Path qbm, String bitmap, Path chain, String why) throws IOException {
        StackException e = assertThrows(StackException.class, () -> backup(qbm, bitmap, chain, false), why);
        assertEquals(Code.CHAIN_INVALID, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("after link 0000"), e.getMessage());
        assertTrue(e.diagnostics().get(0).hint().contains("--full"), e.diagnostics().get(0).hint());
    }

    /** The audit's scenario: a crashed deferred writer, the bitmap cleared as E047 says, then an incremental. */
    @Test
    void anIncrementalAfterClearingAnInconsistentBitmapIsRefused() throws IOException {
        Path qbm = stack("deferred", Stacks.Bm.of("daily", G));
        Path chain = dir.resolve("ch");
        backup(qbm, "daily", chain, true);
        write(qbm, M, 4096, 0xaa);
        // a writer killed after writing at 2M: the image holds the write, the bitmap file never
        // caught up, and in-use stays set
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("stack/disk.img").toFile(), "rw")) {
            f.seek(2 * M);
            f.write(fill(4096, 0xcc).array());
        }
        Stacks.setInUse(qbm, "daily");
        StackException inconsistent = assertThrows(StackException.class, () -> backup(qbm, "daily", chain, false));
        assertEquals(Code.BITMAP_IN_USE, inconsistent.code());
        edit(qbm, "daily", new BitmapAction.Clear());
        write(qbm, 3 * M, 4096, 0xbb);
        refusedAsBroken(qbm, "daily", chain, "the cleared bitmap lost the writes at 1M and 2M");
        assertEquals(1, Chain.read(chain).links().size(), "the refused backup adds no link");

        Path fresh = dir.resolve("ch2");
        backup(qbm, "daily", fresh, true);
        write(qbm, 4 * M, 4096, 0xdd);
        backup(qbm, "daily", fresh, false);
        assertArrayEquals(image(), restore(fresh), "a new chain restores the image");
    }

    @Test
    void clearEndsTheChain() throws IOException {
        Path qbm = stack("synchronous", Stacks.Bm.of("daily", G));
        Path chain = dir.resolve("ch");
        backup(qbm, "daily", chain, true);
        write(qbm, M, 4096, 1);
        backup(qbm, "daily", chain, false);
        long before = generation(qbm, "daily");
        edit(qbm, "daily", new BitmapAction.Clear());
        assertNotEquals(before, generation(qbm, "daily"));
        StackException e = assertThrows(StackException.class, () -> backup(qbm, "daily", chain, false));
        assertEquals(Code.CHAIN_INVALID, e.code());
        assertTrue(e.getMessage().contains("after link 0001"), e.getMessage());
    }

    @Test
    void disablingAndEnablingEndTheChain() throws IOException {
        Path qbm = stack("synchronous", Stacks.Bm.of("daily", G));
        Path chain = dir.resolve("ch");
        backup(qbm, "daily", chain, true);
        edit(qbm, "daily", new BitmapAction.Disable());
        write(qbm, M, 4096, 1); // not recorded
        StackException disabled = assertThrows(StackException.class, () -> backup(qbm, "daily", chain, false));
        assertEquals(Code.CHAIN_INVALID, disabled.code());
        assertTrue(disabled.getMessage().contains("disabled"), disabled.getMessage());
        edit(qbm, "daily", new BitmapAction.Enable());
        refusedAsBroken(qbm, "daily", chain, "the write made while disabled is in no bitmap");

        // a chain started while the bitmap is disabled cannot continue once it is enabled either
        Path other = dir.resolve("other");
        edit(qbm, "daily", new BitmapAction.Disable());
        backup(qbm, "daily", other, true);
        write(qbm, 2 * M, 4096, 2);
        edit(qbm, "daily", new BitmapAction.Enable());
        refusedAsBroken(qbm, "daily", other, "the write made while disabled is in no bitmap");

        long g = generation(qbm, "daily");
        edit(qbm, "daily", new BitmapAction.Enable());
        assertEquals(g, generation(qbm, "daily"), "enabling an enabled bitmap changes nothing");
    }

    @Test
    void aBitmapRecreatedUnderTheSameNameDoesNotContinueTheOldChain() throws IOException {
        Path qbm = stack("synchronous", Stacks.Bm.of("daily", G), Stacks.Bm.of("weekly", G));
        Path chain = dir.resolve("ch");
        backup(qbm, "daily", chain, true);
        write(qbm, M, 4096, 1);
        edit(qbm, "daily", new BitmapAction.Remove(), new BitmapAction.Add(G, null));
        refusedAsBroken(qbm, "daily", chain, "in one command");
        Path second = dir.resolve("second");
        backup(qbm, "daily", second, true);
        edit(qbm, "daily", new BitmapAction.Remove());
        edit(qbm, "daily", new BitmapAction.Add(G, null));
        refusedAsBroken(qbm, "daily", second, "in two commands");
        refusedAsBroken(qbm, "daily", chain, "in two commands, the first chain");
    }

    @Test
    void mergingIntoTheBitmapKeepsTheChain() throws IOException {
        Path qbm = stack("synchronous", Stacks.Bm.of("daily", G), Stacks.Bm.of("weekly", G));
        Path chain = dir.resolve("ch");
        backup(qbm, "daily", chain, true);
        write(qbm, M, 4096, 1);
        long g = generation(qbm, "daily");
        edit(qbm, "daily", new BitmapAction.Merge("weekly"));
        assertEquals(g, generation(qbm, "daily"), "a merge only adds bits");
        Manifest inc = backup(qbm, "daily", chain, false);
        assertEquals(inc.generation(), generation(qbm, "daily"));
        assertArrayEquals(image(), restore(chain));
    }

    @Test
    void aFullBackupThatRepairsTheBitmapEndsTheOtherChains() throws IOException {
        Path qbm = stack("synchronous", Stacks.Bm.of("daily", G));
        Path old = dir.resolve("old");
        backup(qbm, "daily", old, true);
        Stacks.setInUse(qbm, "daily");
        Path repaired = dir.resolve("repaired");
        Manifest full = backup(qbm, "daily", repaired, true);
        assertEquals(generation(qbm, "daily"), full.generation());
        refusedAsBroken(qbm, "daily", old, "the writes of the crash are in no link of the old chain");
        write(qbm, M, 4096, 1);
        backup(qbm, "daily", repaired, false);
        assertArrayEquals(image(), restore(repaired));
    }

    /** Sets the bitmap's generation in the descriptor, as an older qbmc or a cut-off update leaves it. */
    private static void setGeneration(Path qbm, String bitmap, long generation) throws IOException {
        io.qbmc.qbm.Descriptor d = Stacks.descriptor(qbm);
        List<io.qbmc.qbm.Descriptor.Bitmap> out = new java.util.ArrayList<>();
        for (io.qbmc.qbm.Descriptor.Bitmap b : d.bitmaps()) {
            out.add(b.name().equals(bitmap) ? b.withGeneration(generation) : b);
        }
        Files.writeString(qbm, io.qbmc.qbm.DescriptorWriter.write(d.withBitmaps(out)), StandardCharsets.UTF_8);
    }

    @Test
    void aManifestWithoutAGenerationIsOfGenerationZero() throws IOException {
        Path qbm = stack("synchronous", Stacks.Bm.of("daily", G));
        Path chain = dir.resolve("ch");
        Manifest full = backup(qbm, "daily", chain, true);
        // a chain and descriptor from before generations: no field in the manifest, 0 in the descriptor
        Path m = chain.resolve("0000").resolve(Manifest.FILE);
        String text = Files.readString(m, StandardCharsets.UTF_8);
        String old = text.replaceAll(",\\s*\"generation\"\\s*:\\s*" + full.generation(), "");
        assertNotEquals(text, old, "the manifest records the generation");
        Files.writeString(m, old, StandardCharsets.UTF_8);
        setGeneration(qbm, "daily", 0);
        assertEquals(0, Chain.read(chain).last().manifest().generation());
        write(qbm, M, 4096, 1);
        backup(qbm, "daily", chain, false);
        write(qbm, 2 * M, 4096, 2);
        backup(qbm, "daily", chain, false);
        assertArrayEquals(image(), restore(chain));
    }

    /**
     * The audit's scenario: a full backup into B takes the bits of a write that chain A needs; the
     * incremental into A must be refused, or restoring A misses that write.
     */
    @Test
    void aBackupIntoAnotherChainEndsTheChain() throws IOException {
        Path qbm = stack("synchronous", Stacks.Bm.of("daily", G));
        Path a = dir.resolve("A");
        Path b = dir.resolve("B");
        Manifest fullA = backup(qbm, "daily", a, true);
        assertEquals(fullA.generation(), generation(qbm, "daily"), "the link records the generation the bitmap has now");
        write(qbm, 0, 4096, 0x11);
        Manifest fullB = backup(qbm, "daily", b, true);
        assertNotEquals(fullA.generation(), fullB.generation());
        assertEquals(fullB.generation(), generation(qbm, "daily"));
        write(qbm, M, 4096, 0x22);
        refusedAsBroken(qbm, "daily", a, "the 0x11 write is in chain B only");
        assertEquals(1, Chain.read(a).links().size());

        // B goes on, and its incremental links move the generation too
        Manifest incB = backup(qbm, "daily", b, false);
        assertNotEquals(fullB.generation(), incB.generation());
        assertEquals(incB.generation(), generation(qbm, "daily"));
        assertArrayEquals(image(), restore(b));

        // an incremental into C ends B just as a full one does
        Path c = dir.resolve("C");
        backup(qbm, "daily", c, true);
        write(qbm, 2 * M, 4096, 0x33);
        backup(qbm, "daily", c, false);
        write(qbm, 3 * M, 4096, 0x44);
        StackException e = assertThrows(StackException.class, () -> backup(qbm, "daily", b, false));
        assertTrue(e.getMessage().contains("backed up into another chain, after link 0001"), e.getMessage());
        backup(qbm, "daily", c, false);
        assertArrayEquals(image(), restore(c));
    }

    /** A crash after the link is durable, before the descriptor takes its generation: the chain ends, safely. */
    @Test
    void aBackupCutOffBeforeTheDescriptorUpdateEndsTheChain() throws IOException {
        Path qbm = stack("deferred", Stacks.Bm.of("daily", G));
        Path chain = dir.resolve("ch");
        backup(qbm, "daily", chain, true);
        write(qbm, M, 4096, 1);
        String before = Files.readString(qbm, StandardCharsets.UTF_8);
        backup(qbm, "daily", chain, false);
        Files.writeString(qbm, before, StandardCharsets.UTF_8); // the descriptor update never happened
        write(qbm, 2 * M, 4096, 2);
        StackException e = assertThrows(StackException.class, () -> backup(qbm, "daily", chain, false));
        assertEquals(Code.CHAIN_INVALID, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("after link 0001"), e.getMessage());
        // and a clear (or a disable and enable) never lands on the link's generation
        edit(qbm, "daily", new BitmapAction.Clear());
        assertThrows(StackException.class, () -> backup(qbm, "daily", chain, false));
        Path fresh = dir.resolve("ch2");
        backup(qbm, "daily", fresh, true);
        write(qbm, 3 * M, 4096, 3);
        backup(qbm, "daily", fresh, false);
        assertArrayEquals(image(), restore(fresh));
    }

    /** "+1" could repeat the generation a link recorded (audit, hole 2): every change draws a random one. */
    @Test
    void changesDrawARandomGenerationNotTheNextOne() throws IOException {
        Path qbm = stack("synchronous", Stacks.Bm.of("daily", G));
        for (BitmapAction action : List.of(new BitmapAction.Clear(), new BitmapAction.Disable(),
                new BitmapAction.Enable())) {
            setGeneration(qbm, "daily", 41);
            edit(qbm, "daily", action);
            long g = generation(qbm, "daily");
            assertNotEquals(41, g, action.toString());
            assertNotEquals(42, g, action + " must not move to generation + 1");
        }
        // a full backup that repairs an inconsistent bitmap
        setGeneration(qbm, "daily", 41);
        Stacks.setInUse(qbm, "daily");
        Manifest full = backup(qbm, "daily", dir.resolve("ch"), true);
        assertNotEquals(42, full.generation());
        assertEquals(full.generation(), generation(qbm, "daily"));
    }
}
