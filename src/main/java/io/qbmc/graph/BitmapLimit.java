package io.qbmc.graph;

/**
 * How large an image one bitmap may cover: at most 2^29 clusters, an image of at most 512 MiB x
 * granularity, as the QBM format was specified (issue 2). That is QEMU's BME_MAX_PHYS_SIZE read
 * the way block/qcow2-bitmap.c applied it before QEMU 4.2 (len > BME_MAX_PHYS_SIZE <<
 * granularity_bits); QEMU 7.2 allows 2^32 bits for qcow2 bitmaps, so every qbm bitmap still fits
 * into qcow2, and in memory one takes at most 64 MiB. The checks, compile and the runtime all ask
 * here.
 */
public final class BitmapLimit {
    public static final long MAX_BITS = 1L << 29;

    private BitmapLimit() {
    }

    /** Whether an image of this size is too large for a bitmap of this granularity. */
    public static boolean tooLarge(long imageSize, long granularity) {
        // unsigned: a size from a config may be above 2^63 ("16E" less one)
        long bits = imageSize == 0 ? 0 : Long.divideUnsigned(imageSize - 1, granularity) + 1;
        return Long.compareUnsigned(bits, MAX_BITS) > 0;
    }

    /** The smallest granularity (a power of two, at least 512) that covers an image of this size. */
    public static long smallestGranularity(long imageSize) {
        long g = 512;
        while (tooLarge(imageSize, g) && g < (1L << 62)) {
            g <<= 1;
        }
        return g;
    }
}
