package io.qbmc.qbm;

import io.qbmc.graph.BitmapLimit;

/**
 * The plain bitmap file format: bit n covers image bytes [n*g, (n+1)*g), stored in byte n/8 at bit
 * n%8 counted from the least significant bit (QEMU's order), ceil(ceil(size/g)/8) bytes, bits past
 * the end of the image zero.
 */
public final class BitmapLayout {
    /** The largest bitmap file: {@link BitmapLimit#MAX_BITS} bits. */
    public static final long MAX_FILE_SIZE = BitmapLimit.MAX_BITS / 8;

    private BitmapLayout() {
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
