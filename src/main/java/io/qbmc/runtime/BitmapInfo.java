package io.qbmc.runtime;

import java.nio.file.Path;

/**
 * A bitmap's state as an open device sees it.
 *
 * @param consistent   false when the bitmap was found in use at open: a writer stopped without
 *                     closing it, so it may miss writes
 * @param dirtyClusters number of dirty clusters
 * @param dirtyBytes    image bytes those clusters cover (the last cut at the end of the image)
 * @param generation    the descriptor's generation of the bitmap (qbm-spec §1.3); 0 without a descriptor
 */
public record BitmapInfo(String name, long granularity, boolean enabled, boolean consistent, long dirtyClusters,
        long dirtyBytes, Path file, long generation) {
}
