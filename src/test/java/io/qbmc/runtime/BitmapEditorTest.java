package io.qbmc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.diag.Code;
import io.qbmc.qbm.Descriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** qbmc bitmap's actions, as qemu-img bitmap has them, applied in order and all checked before anything is written. */
class BitmapEditorTest {
    private static final long G = 65536;
    private static final long SIZE = 64 * G;

    @TempDir
    Path dir;
    Path qbm;

    @BeforeEach
    void stack() throws IOException {
        qbm = Stacks.create(dir, SIZE, "synchronous", Stacks.Bm.of("daily", G));
    }

    private List<String> apply(String name, BitmapAction... actions) throws IOException {
        return BitmapEditor.apply(Stacks.compile(qbm), name, List.of(actions), false);
    }

    private void write(long offset) throws IOException {
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE)) {
            dev.write(offset, ByteBuffer.wrap(new byte[] {1}));
        }
    }

    private List<String> names() throws IOException {
        return Stacks.descriptor(qbm).bitmaps().stream().map(Descriptor.Bitmap::name).toList();
    }

    @Test
    void addCreatesAZeroFileOfTheRightSizeAndListsIt() throws IOException {
        List<String> out = apply("weekly", new BitmapAction.Add(4 * G, null));
        assertEquals(List.of("added bitmap 'weekly' (granularity 262144, file " + dir.resolve("weekly.bitmap") + ")"), out);
        assertEquals(List.of("daily", "weekly"), names());
        assertEquals(2, Files.size(dir.resolve("weekly.bitmap")));
        Descriptor.Bitmap b = Stacks.descriptor(qbm).bitmaps().get(1);
        assertEquals(new Descriptor.Bitmap("weekly", "weekly.bitmap", 4 * G, "dirty", true, false, b.generation()), b);
        assertTrue(b.generation() > 0, "a new bitmap draws a fresh generation, not the default 0");
        write(5 * G);
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_ONLY)) {
            assertEquals(List.of(new Extent(4 * G, 4 * G)), dev.extents("weekly"));
        }
    }

    @Test
    void addRefusesTakenNamesBadGranularitiesAndExistingFiles() throws IOException {
        assertEquals(Code.BITMAP_EXISTS, assertThrows(StackException.class,
                () -> apply("daily", new BitmapAction.Add(G, null))).code());
        assertEquals(Code.BITMAP_GRANULARITY, assertThrows(StackException.class,
                () -> apply("x", new BitmapAction.Add(1000, null))).code());
        assertEquals(Code.BITMAP_NAME, assertThrows(StackException.class,
                () -> apply("", new BitmapAction.Add(G, null))).code());
        Files.writeString(dir.resolve("x.bitmap"), "keep me");
        StackException e = assertThrows(StackException.class, () -> apply("x", new BitmapAction.Add(G, null)));
        assertEquals(Code.WOULD_OVERWRITE, e.code());
        assertEquals("keep me", Files.readString(dir.resolve("x.bitmap")));
        assertEquals(Code.SHARED_FILE, assertThrows(StackException.class,
                () -> apply("y", new BitmapAction.Add(G, "disk.img"))).code());
        assertEquals(Code.PATH_OUTSIDE, assertThrows(StackException.class,
                () -> apply("y", new BitmapAction.Add(G, "../y.bitmap"))).code());
        assertEquals(Code.PATH_OUTSIDE, assertThrows(StackException.class,
                () -> apply("y", new BitmapAction.Add(G, dir.resolve("y.bitmap").toString()))).code());
        apply("y", new BitmapAction.Add(G, "sub/../y-file.bitmap"));
        assertEquals(8, Files.size(dir.resolve("y-file.bitmap")));
        BitmapEditor.apply(Stacks.compile(qbm), "x", List.of(new BitmapAction.Add(G, null)), true);
        assertEquals(8, Files.size(dir.resolve("x.bitmap")));
    }

    @Test
    void removeDropsTheBitmapAndItsFileButNeverTheLastOne() throws IOException {
        apply("weekly", new BitmapAction.Add(G, null));
        apply("daily", new BitmapAction.Remove());
        assertEquals(List.of("weekly"), names());
        assertFalse(Files.exists(dir.resolve("daily.bitmap")));
        StackException e = assertThrows(StackException.class, () -> apply("weekly", new BitmapAction.Remove()));
        assertEquals(Code.DESCRIPTOR_LAYOUT, e.code());
        assertEquals(List.of("weekly"), names());
        assertEquals(Code.UNKNOWN_BITMAP, assertThrows(StackException.class,
                () -> apply("daily", new BitmapAction.Clear())).code());
    }

    @Test
    void clearMakesAnInconsistentBitmapCleanAndConsistent() throws IOException {
        write(3 * G);
        Stacks.setInUse(qbm, "daily");
        apply("daily", new BitmapAction.Clear());
        assertFalse(Stacks.inUse(qbm, "daily"));
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_ONLY)) {
            assertEquals(List.of(), dev.extents("daily"));
        }
    }

    @Test
    void enableAndDisable() throws IOException {
        apply("daily", new BitmapAction.Disable());
        assertFalse(Stacks.descriptor(qbm).bitmaps().get(0).enabled());
        write(0);
        assertEquals(0, Stacks.bitmapFile(dir, "daily", SIZE, G).count());
        apply("daily", new BitmapAction.Enable());
        write(0);
        assertEquals(1, Stacks.bitmapFile(dir, "daily", SIZE, G).count());
    }

    @Test
    void mergeSetsTheSourceBitsInTheTarget() throws IOException {
        write(0);
        apply("copy", new BitmapAction.Add(G, null), new BitmapAction.Merge("daily"));
        write(9 * G);
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_ONLY)) {
            assertEquals(List.of(new Extent(0, G), new Extent(9 * G, G)), dev.extents("copy"));
        }
        apply("coarse", new BitmapAction.Add(2 * G, null));
        StackException e = assertThrows(StackException.class, () -> apply("coarse", new BitmapAction.Merge("daily")));
        assertEquals(Code.GRANULARITY_MISMATCH, e.code());
        Stacks.setInUse(qbm, "daily");
        assertEquals(Code.BITMAP_IN_USE, assertThrows(StackException.class,
                () -> apply("copy", new BitmapAction.Merge("daily"))).code());
    }

    @Test
    void actionsApplyInOrderAndAFailingOneWritesNothing() throws IOException {
        apply("frozen", new BitmapAction.Add(G, null), new BitmapAction.Disable());
        assertFalse(Stacks.descriptor(qbm).bitmaps().get(1).enabled());
        StackException e = assertThrows(StackException.class,
                () -> apply("gone", new BitmapAction.Add(G, null), new BitmapAction.Remove(), new BitmapAction.Enable()));
        assertEquals(Code.UNKNOWN_BITMAP, e.code());
        assertEquals(List.of("daily", "frozen"), names());
        assertFalse(Files.exists(dir.resolve("gone.bitmap")));
    }

    @Test
    void aDamagedBitmapFileCanStillBeClearedOrRemoved() throws IOException {
        Files.write(dir.resolve("daily.bitmap"), new byte[3]);
        assertThrows(StackException.class, () -> Stacks.open(qbm, Access.READ_ONLY));
        apply("daily", new BitmapAction.Clear());
        assertEquals(8, Files.size(dir.resolve("daily.bitmap")));
        Stacks.open(qbm, Access.READ_ONLY).close();
    }

    @Test
    void stacksGivenAsOptionsHaveNoDescriptorToEdit() {
        String spec = "driver=qbm,image.driver=raw,image.file.driver=file,image.file.filename=" + dir.resolve("disk.img")
                + ",bitmaps.0.name=daily,bitmaps.0.file.driver=file,bitmaps.0.file.filename=" + dir.resolve("daily.bitmap");
        StackException e = assertThrows(StackException.class, () -> BitmapEditor.apply(Stacks.compile(spec), "x",
                List.of(new BitmapAction.Add(G, null)), false));
        assertEquals(Code.NEEDS_DESCRIPTOR, e.code());
    }

    @Test
    void editingWhileAWriterHasTheStackOpenIsRefused() throws IOException {
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE)) {
            assertEquals(Code.STACK_LOCKED, assertThrows(StackException.class,
                    () -> apply("daily", new BitmapAction.Clear())).code());
        }
        assertTrue(names().contains("daily"));
    }
}
