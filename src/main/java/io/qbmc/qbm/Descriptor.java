package io.qbmc.qbm;

import java.util.List;

/**
 * A QBM v1 descriptor (docs/qbm-spec.md): a data image joined to plain bitmap files. Paths are as
 * written, relative to the descriptor's folder unless absolute.
 *
 * @param mode    "synchronous" or "deferred", or null when not stated (synchronous)
 * @param backing the image's backing image, or null
 */
public record Descriptor(int version, Image image, Image backing, String mode, List<Bitmap> bitmaps) {
    public static final int VERSION = 1;

    public Descriptor {
        bitmaps = List.copyOf(bitmaps);
    }

    /**
     * @param driver the protocol driver for the file: file (default, null) or host_device
     * @param size   the image's virtual size when stated, or null
     */
    public record Image(String file, String format, String driver, Long size) {
    }

    /**
     * One bitmap. {@code inUse} is set while a writer has it open; found set, the bitmap is
     * inconsistent.
     *
     * @param generation changes, to a random value ({@link #fresh}), whenever the bitmap starts a
     *                   new stretch of history: a backup taken from it, a clear, a disable or
     *                   enable, a re-creation, a repair; a backup link records the generation it
     *                   moves the bitmap to, so only the chain holding the newest link continues
     */
    public record Bitmap(String name, String file, long granularity, String type, boolean enabled, boolean inUse,
            long generation) {
        /** Largest generation: JSON readers that use doubles still read it exactly. */
        public static final long MAX_GENERATION = (1L << 53) - 1;

        /** A bitmap of generation 0, the value of descriptors written before generations existed. */
        public Bitmap(String name, String file, long granularity, String type, boolean enabled, boolean inUse) {
            this(name, file, granularity, type, enabled, inUse, 0);
        }

        public Bitmap withInUse(boolean value) {
            return new Bitmap(name, file, granularity, type, enabled, value, generation);
        }

        public Bitmap withEnabled(boolean value) {
            return new Bitmap(name, file, granularity, type, value, inUse, generation);
        }

        public Bitmap withGeneration(long value) {
            return new Bitmap(name, file, granularity, type, enabled, inUse, value);
        }

        /**
         * A new generation, for every change: a new bitmap, a clear, an enable or disable, a backup.
         * It must not be one a chain's link has recorded before (an earlier bitmap of the same name,
         * a link whose descriptor update a crash cut off), so it is random, never "+1": a match is
         * all but impossible.
         */
        public static long fresh() {
            return 1 + (RANDOM.nextLong() & Long.MAX_VALUE) % MAX_GENERATION;
        }

        private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    }

    public Descriptor withBitmaps(List<Bitmap> replaced) {
        return new Descriptor(version, image, backing, mode, replaced);
    }
}
