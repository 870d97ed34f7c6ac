package io.qbmc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bit order, file size and extents exactly as docs/qbm-spec.md §2 says. */
class DirtyBitmapTest {
    private static final long G = 65536;

    @Test
    void theSpecExample() {
        // a 20 GiB image at 64 KiB: 327,680 bits, 40,960 bytes; [70000, 70100) is bit 1 of byte 0
        DirtyBitmap b = DirtyBitmap.empty(20L << 30, G);
        assertEquals(40960, b.byteSize());
        assertTrue(b.mark(70000, 100));
        assertEquals(0b10, b.byteAt(0));
        assertEquals(1, b.count());
    }

    @Test
    void bitNIsByteNOver8FromTheLeastSignificantBit() {
        DirtyBitmap b = DirtyBitmap.empty(64 * G, G);
        b.mark(10 * G, 1);
        assertEquals(0, b.byteAt(0));
        assertEquals(0b100, b.byteAt(1));
    }

    @Test
    void aWriteMarksEveryClusterItTouches() {
        DirtyBitmap b = DirtyBitmap.empty(64 * G, G);
        b.mark(G - 1, 2); // the last byte of cluster 0 and the first of cluster 1
        assertEquals(0b11, b.byteAt(0));
        b.mark(5 * G, 12 * G); // clusters 5..16: across three bytes
        assertEquals((byte) 0b11100011, b.byteAt(0));
        assertEquals((byte) 0xff, b.byteAt(1));
        assertEquals(0b1, b.byteAt(2));
        assertEquals(2 + 12, b.count());
    }

    @Test
    void markingTwiceChangesNothing() {
        DirtyBitmap b = DirtyBitmap.empty(64 * G, G);
        assertTrue(b.mark(0, 3 * G));
        assertFalse(b.mark(G, G));
        assertTrue(b.allDirty(0, 3 * G));
        assertFalse(b.allDirty(0, 3 * G + 1));
    }

    @Test
    void extentsAgreeWithATestOfEveryCluster() {
        Random random = new Random(20261125);
        for (int round = 0; round < 2000; round++) {
            long clusters = 1 + random.nextInt(round % 10 == 0 ? 5000 : 300);
            long size = (clusters - 1) * G + 1 + random.nextInt((int) G);
            DirtyBitmap b = DirtyBitmap.empty(size, G);
            int marks = random.nextInt(12);
            for (int m = 0; m < marks; m++) {
                long at = (long) (random.nextDouble() * size);
                b.mark(at, 1 + (long) (random.nextDouble() * Math.min(size - at, 200 * G)));
            }
            if (round % 7 == 0) {
                b.mark(0, size); // all dirty: one run to the very end
            }
            assertEquals(extentsOneClusterAtATime(b), b.extents(), "round " + round + ", " + clusters + " clusters");
        }
    }

    private static List<Extent> extentsOneClusterAtATime(DirtyBitmap b) {
        List<Extent> out = new ArrayList<>();
        long runStart = -1;
        for (long at = 0; at < b.imageSize(); at += G) {
            if (b.isDirty(at) && runStart < 0) {
                runStart = at;
            } else if (!b.isDirty(at) && runStart >= 0) {
                out.add(new Extent(runStart, at - runStart));
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            out.add(new Extent(runStart, b.imageSize() - runStart));
        }
        return out;
    }

    @Test
    void extentsAreMergedRunsInBytesCutAtTheEndOfTheImage() {
        long size = 10 * G + 100; // 11 clusters, the last one 100 bytes
        DirtyBitmap b = DirtyBitmap.empty(size, G);
        assertEquals(2, b.byteSize());
        b.mark(0, 1);
        b.mark(G, 1);
        b.mark(4 * G, G);
        b.mark(size - 1, 1);
        b.mark(9 * G, 1);
        assertEquals(List.of(new Extent(0, 2 * G), new Extent(4 * G, G), new Extent(9 * G, G + 100)), b.extents());
        assertEquals(4 * G + 100, b.dirtyBytes());
        // bits past the end of the image stay zero
        assertEquals(0b110, b.byteAt(1) & 0xff);
    }

    @Test
    void longRunsAcrossWholeBytes() {
        DirtyBitmap b = DirtyBitmap.empty(1024 * G, G);
        b.mark(3 * G, 500 * G);
        assertEquals(List.of(new Extent(3 * G, 500 * G)), b.extents());
        b.mark(0, 1024 * G);
        assertEquals(List.of(new Extent(0, 1024 * G)), b.extents());
    }

    @Test
    void orAndClear() {
        DirtyBitmap a = DirtyBitmap.empty(64 * G, G);
        DirtyBitmap c = DirtyBitmap.empty(64 * G, G);
        a.mark(0, 1);
        c.mark(63 * G, 1);
        a.or(c);
        assertEquals(List.of(new Extent(0, G), new Extent(63 * G, G)), a.extents());
        byte[] bytes = a.toBytes();
        a.clear();
        assertEquals(0, a.count());
        assertArrayEquals(bytes, DirtyBitmap.of(64 * G, G, bytes).toBytes());
    }

    @Test
    void emptyImage() {
        DirtyBitmap b = DirtyBitmap.empty(0, G);
        assertEquals(0, b.byteSize());
        assertEquals(List.of(), b.extents());
    }
}
