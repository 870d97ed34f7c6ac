package io.qbmc.bench;

import java.util.SplittableRandom;

/**
 * The data B4 to B6 run on, shared by each benchmark and its baseline so both see the same
 * bytes and the same offsets.
 */
public final class Workloads {
    /** B4: the image the random writes land in. */
    public static final long WRITE_IMAGE = 1L << 30;
    /** B4: one write. */
    public static final int WRITE_BLOCK = 4096;
    /** B4 to B6: bitmap granularity. */
    public static final long GRANULARITY = 64 << 10;
    /** B5: a 64 MiB bitmap covers 32 TiB at 64 KiB. */
    public static final int BITMAP_BYTES = 64 << 20;
    public static final long BITMAP_IMAGE = (long) BITMAP_BYTES * 8 * GRANULARITY;
    /** B6: the image backed up, and the share of its clusters that are dirty. */
    public static final long BACKUP_IMAGE = 1L << 30;
    public static final int BACKUP_DIRTY_PERCENT = 10;

    private Workloads() {
    }

    /**
     * A bitmap of {@code bytes} bytes with {@code percent}% of its bits set, in runs of 1 to 128
     * clusters (64 KiB to 8 MiB at 64 KiB) at random places: guests write files and extents, not
     * scattered single clusters, and an extent scan's cost depends on the number of runs.
     */
    public static byte[] dirtyBitmap(int bytes, int percent, long seed) {
        byte[] b = new byte[bytes];
        long bits = (long) bytes * 8;
        long target = bits * percent / 100;
        long set = 0;
        SplittableRandom r = new SplittableRandom(seed);
        while (set < target) {
            long start = r.nextLong(bits);
            long len = Math.min(1 + r.nextInt(128), bits - start);
            for (long i = start; i < start + len; i++) {
                int at = (int) (i >>> 3);
                int mask = 1 << (i & 7);
                if ((b[at] & mask) == 0) {
                    b[at] |= (byte) mask;
                    set++;
                }
            }
        }
        return b;
    }

    /** B6: the dirty clusters of the backed-up image, as cluster indices in increasing order. */
    public static long[] dirtyClusters(long imageSize, long granularity, int percent, long seed) {
        int clusters = (int) (imageSize / granularity);
        byte[] bm = dirtyBitmap((clusters + 7) / 8, percent, seed);
        long[] out = new long[clusters * percent / 100 + 1];
        int n = 0;
        for (int c = 0; c < clusters && n < out.length; c++) {
            if ((bm[c >>> 3] & (1 << (c & 7))) != 0) {
                out[n++] = c;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
