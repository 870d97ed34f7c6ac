package io.qbmc.qbm;

/**
 * The plain bitmap file format: bit n covers image bytes [n*g, (n+1)*g), stored in byte n/8 at bit
 * n%8 counted from the least significant bit (QEMU's order), ceil(ceil(size/g)/8) bytes, bits past
 * the end of the image zero.
 */
public final class BitmapLayout {
    /**
     * QEMU's limit on a persistent bitmap: 512 MiB of bitmap data (block/qcow2-bitmap.c
     * BME_MAX_PHYS_SIZE), so an image of at most 2^32 x granularity bytes.
     */
    public static final long MAX_FILE_SIZE = 0x20000000L;

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
