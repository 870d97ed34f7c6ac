package io.qbmc.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.runtime.Extent;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinkWriterTest {
    /** The hashing threads between them must hash every extent once, whatever the sizes. */
    @Test
    void partsCoverEveryExtentOnceInOrder() {
        SplittableRandom r = new SplittableRandom(11);
        for (int trial = 0; trial < 2000; trial++) {
            int count = r.nextInt(0, 40);
            List<Extent> extents = new ArrayList<>();
            long at = 0;
            for (int i = 0; i < count; i++) {
                long len = r.nextBoolean() ? r.nextLong(1, 1L << 31) : r.nextLong(1, 100);
                extents.add(new Extent(at, len));
                at += len + r.nextLong(1, 1000);
            }
            int n = r.nextInt(1, 9);
            List<int[]> parts = LinkWriter.parts(extents, n);
            assertTrue(parts.size() <= n, "at most one part per thread");
            int next = 0;
            for (int[] p : parts) {
                assertEquals(next, p[0], "parts are contiguous");
                assertTrue(p[1] > p[0], "no empty part");
                next = p[1];
            }
            assertEquals(extents.size(), next, "every extent is in a part");
        }
    }

    @Test
    void equalExtentsSplitEvenly() {
        List<Extent> extents = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            extents.add(new Extent(i * 100L, 10));
        }
        List<int[]> parts = LinkWriter.parts(extents, 2);
        assertEquals(2, parts.size());
        assertEquals(5, parts.get(0)[1]);
    }
}
