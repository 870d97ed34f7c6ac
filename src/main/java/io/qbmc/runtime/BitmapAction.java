package io.qbmc.runtime;

/** One action of qbmc bitmap, as qemu-img bitmap has them; applied in command-line order. */
public sealed interface BitmapAction {

    /**
     * Creates the bitmap, all clean and enabled.
     *
     * @param file the bitmap file relative to the descriptor, or null for NAME.bitmap
     */
    record Add(long granularity, String file) implements BitmapAction {
    }

    /** Drops the bitmap from the descriptor and deletes its file. */
    record Remove() implements BitmapAction {
    }

    /** Makes every bit clean, and the bitmap consistent again. */
    record Clear() implements BitmapAction {
    }

    /** The bitmap records writes. */
    record Enable() implements BitmapAction {
    }

    /** The bitmap is kept but frozen. */
    record Disable() implements BitmapAction {
    }

    /** Sets every bit that is set in source (of equal granularity) in the bitmap too. */
    record Merge(String source) implements BitmapAction {
    }
}
