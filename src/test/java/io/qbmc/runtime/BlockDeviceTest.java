package io.qbmc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.diag.Code;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads, writes, flushes and closes through the qbm filter, in both modes. */
class BlockDeviceTest {
    private static final long G = 65536;
    private static final long SIZE = 64 * G;

    @TempDir
    Path dir;

    private static ByteBuffer bytes(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return ByteBuffer.wrap(b);
    }

    @Test
    void writtenDataReadsBackAndReachesTheImage() throws IOException {
        Path qbm = Stacks.create(dir, SIZE, "synchronous", Stacks.Bm.of("daily", G));
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE)) {
            assertEquals(SIZE, dev.size());
            dev.write(100, bytes(1000, 0xab));
            ByteBuffer back = ByteBuffer.allocate(1100);
            dev.read(0, back);
            assertEquals(0, back.get(99));
            assertEquals((byte) 0xab, back.get(100));
            assertEquals((byte) 0xab, back.get(1099));
        }
        byte[] image = Files.readAllBytes(dir.resolve("disk.img"));
        assertEquals(SIZE, image.length);
        assertEquals((byte) 0xab, image[500]);
    }

    @Test
    void synchronousBitsAreInTheFileWhenTheWriteReturnsAndInUseIsNeverSet() throws IOException {
        Path qbm = Stacks.create(dir, SIZE, "synchronous", Stacks.Bm.of("daily", G), Stacks.Bm.of("weekly", 4 * G));
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE)) {
            dev.write(G - 1, bytes(2, 1));
            assertEquals(List.of(new Extent(0, 2 * G)), Stacks.bitmapFile(dir, "daily", SIZE, G).extents());
            assertEquals(List.of(new Extent(0, 4 * G)), Stacks.bitmapFile(dir, "weekly", SIZE, 4 * G).extents());
            assertFalse(Stacks.inUse(qbm, "daily"));
            dev.write(10 * G, bytes(10, 1));
            assertEquals(List.of(new Extent(0, 2 * G), new Extent(10 * G, G)),
                    Stacks.bitmapFile(dir, "daily", SIZE, G).extents());
        }
        assertFalse(Stacks.inUse(qbm, "daily"));
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_ONLY)) {
            assertEquals(List.of(new Extent(0, 2 * G), new Extent(10 * G, G)), dev.extents("daily"));
            assertTrue(dev.bitmaps().get(0).consistent());
        }
    }

    @Test
    void deferredMarksInUseBeforeTheFirstWriteAndPersistsOnFlushAndClose() throws IOException {
        Path qbm = Stacks.create(dir, SIZE, "deferred", Stacks.Bm.of("daily", G), new Stacks.Bm("off", G, false));
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE)) {
            assertFalse(Stacks.inUse(qbm, "daily"), "nothing written yet");
            dev.write(3 * G, bytes(10, 1));
            assertTrue(Stacks.inUse(qbm, "daily"));
            assertFalse(Stacks.inUse(qbm, "off"), "a disabled bitmap is not in use");
            assertEquals(0, Stacks.bitmapFile(dir, "daily", SIZE, G).count(), "deferred: the file waits for a flush");
            dev.flush();
            assertEquals(List.of(new Extent(3 * G, G)), Stacks.bitmapFile(dir, "daily", SIZE, G).extents());
            assertTrue(Stacks.inUse(qbm, "daily"), "in-use lasts until a clean close");
            dev.write(7 * G, bytes(10, 1));
            assertEquals(List.of(new Extent(3 * G, G)), Stacks.bitmapFile(dir, "daily", SIZE, G).extents());
        }
        assertFalse(Stacks.inUse(qbm, "daily"));
        assertEquals(List.of(new Extent(3 * G, G), new Extent(7 * G, G)),
                Stacks.bitmapFile(dir, "daily", SIZE, G).extents());
        assertEquals(0, Stacks.bitmapFile(dir, "off", SIZE, G).count(), "a disabled bitmap records nothing");
    }

    @Test
    void aBitmapFoundInUseIsInconsistentAndRefusedForExtents() throws IOException {
        Path qbm = Stacks.create(dir, SIZE, "deferred", Stacks.Bm.of("daily", G));
        Stacks.setInUse(qbm, "daily");
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE)) {
            assertFalse(dev.bitmaps().get(0).consistent());
            StackException e = assertThrows(StackException.class, () -> dev.extents("daily"));
            assertEquals(Code.BITMAP_IN_USE, e.code());
            assertTrue(e.getMessage().contains("'daily' is inconsistent"), e.getMessage());
            dev.write(0, bytes(1, 1));
        }
        assertTrue(Stacks.inUse(qbm, "daily"), "a clean close does not make an inconsistent bitmap consistent");
    }

    @Test
    void unknownBitmap() throws IOException {
        Path qbm = Stacks.create(dir, SIZE, "synchronous", Stacks.Bm.of("daily", G));
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_ONLY)) {
            StackException e = assertThrows(StackException.class, () -> dev.extents("Daily"));
            assertEquals(Code.UNKNOWN_BITMAP, e.code());
            assertEquals("its bitmaps: daily", e.diagnostics().get(0).hint());
        }
    }

    @Test
    void requestsPastTheEndAreRefused() throws IOException {
        Path qbm = Stacks.create(dir, SIZE, "synchronous", Stacks.Bm.of("daily", G));
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE)) {
            StackException e = assertThrows(StackException.class, () -> dev.write(SIZE - 1, bytes(2, 1)));
            assertEquals(Code.OUT_OF_BOUNDS, e.code());
            assertThrows(StackException.class, () -> dev.read(-1, ByteBuffer.allocate(1)));
            dev.write(SIZE - 1, bytes(1, 1));
            dev.write(SIZE, bytes(0, 1));
        }
        assertEquals(List.of(new Extent(SIZE - G, G)), Stacks.bitmapFile(dir, "daily", SIZE, G).extents());
    }

    @Test
    void readOnlyDevicesDoNotWrite() throws IOException {
        Path qbm = Stacks.create(dir, SIZE, "synchronous", Stacks.Bm.of("daily", G));
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_ONLY)) {
            assertThrows(StackException.class, () -> dev.write(0, bytes(1, 1)));
        }
    }

    @Test
    void aStackGivenAsOptionsWritesInSynchronousMode() throws IOException {
        Stacks.create(dir, SIZE, "synchronous", Stacks.Bm.of("daily", G));
        String spec = "driver=qbm,image.driver=raw,image.file.driver=file,image.file.filename=" + dir.resolve("disk.img")
                + ",bitmaps.0.name=daily,bitmaps.0.granularity=64k,bitmaps.0.file.driver=file,bitmaps.0.file.filename="
                + dir.resolve("daily.bitmap");
        try (BlockDevice dev = BlockDevice.open(Stacks.compile(spec), Access.READ_WRITE)) {
            assertEquals(null, dev.layout().descriptor());
            dev.write(2 * G, bytes(1, 1));
        }
        assertEquals(List.of(new Extent(2 * G, G)), Stacks.bitmapFile(dir, "daily", SIZE, G).extents());
        StackException e = assertThrows(StackException.class,
                () -> BlockDevice.open(Stacks.compile(spec + ",mode=deferred"), Access.READ_WRITE));
        assertEquals(Code.NEEDS_DESCRIPTOR, e.code());
        BlockDevice.open(Stacks.compile(spec + ",mode=deferred"), Access.READ_ONLY).close();
    }

    @Test
    void readOnlyOptionRefusesWriters() throws IOException {
        Stacks.create(dir, SIZE, "synchronous", Stacks.Bm.of("daily", G));
        String spec = "driver=qbm,read-only=on,image.driver=raw,image.file.driver=file,image.file.filename="
                + dir.resolve("disk.img") + ",bitmaps.0.name=daily,bitmaps.0.file.driver=file,bitmaps.0.file.filename="
                + dir.resolve("daily.bitmap");
        StackException e = assertThrows(StackException.class,
                () -> BlockDevice.open(Stacks.compile(spec), Access.READ_WRITE));
        assertEquals(Code.STACK_NOT_RUNNABLE, e.code());
        assertTrue(e.getMessage().contains("read-only=on"), e.getMessage());
    }

    @Test
    void aRawWindowShiftsEveryRequest() throws IOException {
        Stacks.create(dir, SIZE, "synchronous");
        Files.write(dir.resolve("disk.img"), new byte[(int) (4 * G)]);
        io.qbmc.qbm.AtomicFiles.writeZeros(dir.resolve("w.bitmap"), 1, false);
        String spec = "driver=qbm,image.driver=raw,image.offset=65536,image.size=131072,image.file.driver=file,"
                + "image.file.filename=" + dir.resolve("disk.img") + ",bitmaps.0.name=w,bitmaps.0.file.driver=file,"
                + "bitmaps.0.file.filename=" + dir.resolve("w.bitmap");
        try (BlockDevice dev = BlockDevice.open(Stacks.compile(spec), Access.READ_WRITE)) {
            assertEquals(2 * G, dev.size());
            dev.write(0, bytes(4, 7));
        }
        byte[] image = Files.readAllBytes(dir.resolve("disk.img"));
        assertEquals(0, image[0]);
        assertEquals(7, image[(int) G]);
    }

    @Test
    void notAQbmStack() {
        StackException e = assertThrows(StackException.class, () -> BlockDevice.open(
                Stacks.compile("driver=raw,file.driver=file,file.filename=" + dir.resolve("x.img")), Access.READ_ONLY));
        assertEquals(Code.STACK_NOT_RUNNABLE, e.code());
        assertTrue(e.getMessage().startsWith("The runtime opens a qbm stack"), e.getMessage());
    }

    @Test
    void aMissingImageIsExplained() throws IOException {
        Path qbm = Stacks.create(dir, SIZE, "synchronous", Stacks.Bm.of("daily", G));
        Files.delete(dir.resolve("disk.img"));
        StackException e = assertThrows(StackException.class, () -> Stacks.open(qbm, Access.READ_ONLY));
        assertEquals(Code.FILE_MISMATCH, e.code());
        assertTrue(e.diagnostics().stream().anyMatch(d -> d.message().equals("Could not open '"
                + dir.resolve("disk.img") + "': No such file or directory")), e.diagnostics()::toString);
    }

    @Test
    void aBitmapFileOfTheWrongSizeIsExplained() throws IOException {
        Path qbm = Stacks.create(dir, SIZE, "synchronous", Stacks.Bm.of("daily", G));
        Files.write(dir.resolve("daily.bitmap"), new byte[3]);
        StackException e = assertThrows(StackException.class, () -> Stacks.open(qbm, Access.READ_WRITE));
        assertEquals(Code.FILE_MISMATCH, e.code());
        assertTrue(e.getMessage().contains("has 3 bytes"), e.getMessage());
    }

    @Test
    void closedDevicesRefuseWork() throws IOException {
        Path qbm = Stacks.create(dir, SIZE, "synchronous", Stacks.Bm.of("daily", G));
        BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE);
        dev.close();
        dev.close();
        assertThrows(IllegalStateException.class, () -> dev.write(0, bytes(1, 1)));
        // and the stack can be opened again
        Stacks.open(qbm, Access.READ_WRITE).close();
    }

    @Test
    void partialClustersAtTheEndOfAnOddSizedImage() throws IOException {
        long size = 3 * G + 512;
        Path qbm = Stacks.create(dir, size, "deferred", Stacks.Bm.of("daily", G));
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE)) {
            dev.write(size - 512, bytes(512, 9));
        }
        byte[] file = Files.readAllBytes(dir.resolve("daily.bitmap"));
        assertArrayEquals(new byte[] {0b1000}, file);
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_ONLY)) {
            assertEquals(List.of(new Extent(3 * G, 512)), dev.extents("daily"));
        }
    }
}
