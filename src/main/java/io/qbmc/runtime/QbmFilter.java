package io.qbmc.runtime;

import io.qbmc.graph.QbmNode;
import io.qbmc.qbm.Descriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The qbm filter's part of a write: every enabled bitmap marks the written clusters before the
 * write reaches the image.
 *
 * <p>The in-use decision (docs/qbm-spec.md §3):
 * <ul>
 * <li>deferred: the files lag behind the image between flushes, so before the first write of a
 * session every enabled bitmap is marked in-use in the descriptor, durably; a clean close persists
 * the bitmaps and only then clears the flag;
 * <li>synchronous: the file bytes of a write are durable before the data write is even issued,
 * and bits are cleared only after the data they stand for is in a durable backup link. At every
 * moment the file holds a superset of the clusters that may differ on disk, so a crash cannot
 * leave a clean bitmap that misses a write. In-use is therefore not set: a crashed synchronous
 * writer leaves its bitmaps consistent, and no full backup is needed afterwards. The fault suite
 * checks exactly this superset property after SIGKILL.
 * </ul>
 */
final class QbmFilter {
    private final QbmNode.Mode mode;
    private final List<TrackedBitmap> bitmaps;
    private final DescriptorStore descriptor;
    private boolean inUseMarked;

    QbmFilter(QbmNode.Mode mode, List<TrackedBitmap> bitmaps, DescriptorStore descriptor) {
        this.mode = mode;
        this.bitmaps = List.copyOf(bitmaps);
        this.descriptor = descriptor;
    }

    List<TrackedBitmap> bitmaps() {
        return bitmaps;
    }

    /** Marks [offset, offset+length) in every enabled bitmap; returns once the mode's guarantee holds. */
    void beforeWrite(long offset, long length) throws IOException {
        if (mode == QbmNode.Mode.DEFERRED && !inUseMarked) {
            markInUse();
        }
        for (TrackedBitmap b : bitmaps) {
            if (!b.spec.enabled()) {
                continue;
            }
            if (mode == QbmNode.Mode.SYNCHRONOUS) {
                b.markDurably(offset, length);
            } else {
                b.markDeferred(offset, length);
            }
        }
    }

    /** Deferred mode: the files catch up. Synchronous files are always current. */
    void flush() throws IOException {
        if (mode == QbmNode.Mode.DEFERRED) {
            for (TrackedBitmap b : bitmaps) {
                b.persistChanged();
            }
        }
    }

    /** A clean close: bitmaps durable first, then the in-use flags this session set are cleared. */
    void close() throws IOException {
        flush();
        Set<String> owned = bitmaps.stream().filter(b -> b.ownsInUse).map(TrackedBitmap::name)
                .collect(Collectors.toSet());
        if (!owned.isEmpty()) {
            descriptor.update(d -> withInUse(d, owned, false));
            bitmaps.forEach(b -> b.ownsInUse = false);
        }
        inUseMarked = false;
    }

    /** Whether this session has set in-use flags that a clean close must clear. */
    boolean sessionInUse() {
        return inUseMarked;
    }

    private void markInUse() throws IOException {
        Set<String> names = new java.util.HashSet<>();
        for (TrackedBitmap b : bitmaps) {
            if (b.spec.enabled() && b.consistent) {
                names.add(b.name());
            }
        }
        if (!names.isEmpty()) {
            descriptor.update(d -> withInUse(d, names, true));
            for (TrackedBitmap b : bitmaps) {
                if (names.contains(b.name())) {
                    b.ownsInUse = true;
                }
            }
        }
        inUseMarked = true;
    }

    static Descriptor withInUse(Descriptor d, Set<String> names, boolean value) {
        List<Descriptor.Bitmap> out = new ArrayList<>();
        for (Descriptor.Bitmap b : d.bitmaps()) {
            out.add(names.contains(b.name()) ? b.withInUse(value) : b);
        }
        return d.withBitmaps(out);
    }
}
