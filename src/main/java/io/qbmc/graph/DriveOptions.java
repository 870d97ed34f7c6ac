package io.qbmc.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A -drive's options that configure the drive or guest device (if=, id=, werror=, ...), kept
 * beside the block graph rather than in it.
 *
 * @param node index of the drive's top node in {@link BlockGraph#nodes()}; -1 for a drive without a
 *             medium (-drive if=none with no file and no block options)
 */
public record DriveOptions(int node, Map<String, String> options) {
    public DriveOptions {
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
}
