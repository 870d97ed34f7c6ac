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

    /** One bitmap. {@code inUse} is set while a writer has it open; found set, the bitmap is inconsistent. */
    public record Bitmap(String name, String file, long granularity, String type, boolean enabled, boolean inUse) {
        public Bitmap withInUse(boolean value) {
            return new Bitmap(name, file, granularity, type, enabled, value);
        }
    }

    public Descriptor withBitmaps(List<Bitmap> replaced) {
        return new Descriptor(version, image, backing, mode, replaced);
    }
}
