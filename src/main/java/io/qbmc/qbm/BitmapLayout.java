package io.qbmc.qbm;

/**
 * The plain bitmap file format: bit n covers image bytes [n*g, (n+1)*g), stored in byte n/8 at bit
 * n%8 counted from the least significant bit (QEMU's order), ceil(ceil(size/g)/8) bytes, bits past
 * the end of the image zero.
 */
public final class BitmapLayout {
    /**
     * At most 2^29 clusters per bitmap: an image of at most 512 MiB x granularity, as the QBM
     * format was specified (issue 2), which is QEMU's BME_MAX_PHYS_SIZE read the way qcow2-bitmap.c
     * applied it before QEMU 4.2 (len > BME_MAX_PHYS_SIZE << granularity_bits). QEMU 7.2 allows 2^32
     * bits for qcow2 bitmaps, so every qbm bitmap still fits into qcow2; in memory one takes at most
     * 64 MiB.
     */
    public static final long MAX_BITS = 1L << 29;
    /** The largest bitmap file: {@link #MAX_BITS} bits. */
    public static final long MAX_FILE_SIZE = MAX_BITS / 8;

    private BitmapLayout() {
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

    /** Number of bits for an image of the given size. */
    public static long bits(long imageSize, long granularity) {
        return imageSize == 0 ? 0 : (imageSize - 1) / granularity + 1;
    }

    /** Exact size of the bitmap file in bytes. */
    public static long fileSize(long imageSize, long granularity) {
        long bits = bits(imageSize, granularity);
        return bits == 0 ? 0 : (bits - 1) / 8 + 1;
    }

    /** Mask of the bits of the last byte that lie past the end of the image (must be zero). */
    public static int tailMask(long imageSize, long granularity) {
        int used = (int) (bits(imageSize, granularity) % 8);
        return used == 0 ? 0 : 0xff & ~((1 << used) - 1);
    }
}
