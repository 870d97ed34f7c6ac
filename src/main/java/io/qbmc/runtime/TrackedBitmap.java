package io.qbmc.runtime;

import java.io.IOException;
import java.util.BitSet;

/**
 * One bitmap of an open device: its bits in memory, its file, and its state.
 *
 * <p>While a backup runs, the bits it took (the snapshot) are no longer in {@code bits} but are not
 * yet safe in a durable link either. The file must keep them, so what is written to the file is
 * always bits OR snapshot; only the backup's commit drops the snapshot from the file.
 */
final class TrackedBitmap {
    /** Bitmap bytes per unit of deferred persistence: a page, the unit the kernel writes anyway. */
    static final int PAGE = 4096;

    final StackLayout.BitmapSpec spec;
    final BitmapFile file;
    final DirtyBitmap bits;
    /** Bits taken by a running backup, or null. */
    DirtyBitmap snapshot;
    /** False when found in use at open; then it may miss writes, and stays flagged until cleared. */
    boolean consistent;
    /** The descriptor's generation; every backup's commit moves it to the one its link records. */
    long generation;
    /** This session set in-use in the descriptor and clears it on a clean close. */
    boolean ownsInUse;
    /** Deferred mode: pages of the bitmap changed in memory since they were last written. */
    private final BitSet dirtyPages = new BitSet();

    TrackedBitmap(StackLayout.BitmapSpec spec, BitmapFile file, DirtyBitmap bits, boolean consistent,
            long generation) {
        this.generation = generation;
        this.spec = spec;
        this.file = file;
        this.bits = bits;
        this.consistent = consistent;
    }

    String name() {
        return spec.name();
    }

    /**
     * Synchronous mode: marks [offset, offset+length) and makes the file bytes durable before
     * returning, so before the caller issues the data write. Bits in memory are set only once they
     * are durable (a failed write puts them back), which is what makes skipping clusters already
     * dirty in memory safe.
     */
    void markDurably(long offset, long length) throws IOException {
        if (bits.allDirty(offset, length)) {
            return;
        }
        DirtyBitmap.Range r = bits.byteRange(offset, length);
        byte[] before = view(r.from(), r.to());
        byte[] saved = bits.bytes(r.from(), r.to());
        bits.mark(offset, length);
        byte[] after = view(r.from(), r.to());
        if (java.util.Arrays.equals(before, after)) {
            return; // the file has these bits already (they are in a running backup's snapshot)
        }
        try {
            file.writeAt(r.from(), after);
            file.force();
        } catch (IOException | RuntimeException e) {
            bits.restore(r.from(), saved);
            throw e;
        }
    }

    /** Deferred mode: marks in memory; the file catches up on flush or close. */
    void markDeferred(long offset, long length) {
        if (bits.mark(offset, length)) {
            DirtyBitmap.Range r = bits.byteRange(offset, length);
            dirtyPages.set(r.from() / PAGE, (r.to() - 1) / PAGE + 1);
        }
    }

    /** Deferred mode: writes the changed pages and makes them durable. */
    void persistChanged() throws IOException {
        if (dirtyPages.isEmpty()) {
            return;
        }
        for (int p = dirtyPages.nextSetBit(0); p >= 0; p = dirtyPages.nextSetBit(p + 1)) {
            int from = p * PAGE;
            int to = Math.min(bits.byteSize(), from + PAGE);
            file.writeAt(from, view(from, to));
        }
        file.force();
        dirtyPages.clear();
    }

    /** Writes the whole bitmap (bits OR snapshot) and makes it durable. */
    void persistAll() throws IOException {
        file.writeAt(0, view(0, bits.byteSize()));
        file.force();
        dirtyPages.clear();
    }

    /** What the file must hold for bytes [from, to): the bits, and those of a running backup. */
    private byte[] view(int from, int to) {
        byte[] out = bits.bytes(from, to);
        if (snapshot != null) {
            for (int i = from; i < to; i++) {
                out[i - from] |= snapshot.byteAt(i);
            }
        }
        return out;
    }

    BitmapInfo info() {
        return new BitmapInfo(spec.name(), spec.granularity(), spec.enabled(), consistent, bits.count(),
                bits.dirtyBytes(), spec.file(), generation);
    }
}
