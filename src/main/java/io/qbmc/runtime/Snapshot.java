package io.qbmc.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A backup's view of a device: the clusters to copy, frozen at one moment, while writes go on.
 *
 * <p>Taking a snapshot moves the bitmap's dirty bits out of the bitmap (which then collects the
 * writes that arrive during the backup, for the next one) and into the snapshot. A write to a
 * cluster not yet copied first copies the old data to the sink (copy-before-write), so the backup
 * holds the image as it was when the snapshot was taken. {@link #commit} drops the snapshot's bits
 * once the caller's copy is durable; {@link #abort} puts them back.
 */
public final class Snapshot {
    /** Where copied data goes. Called from the copier and from writers: must allow concurrent positional writes. */
    public interface Sink {
        void write(long offset, ByteBuffer data) throws IOException;
    }

    /** Largest run copied under the device lock at once. */
    static final int CHUNK = 1 << 20;

    private final BlockDevice device;
    private final TrackedBitmap bitmap;
    private final boolean full;
    private final Sink sink;
    private final List<Extent> extents;
    /** Clusters not yet copied, at the bitmap's granularity. */
    private final DirtyBitmap pending;
    /**
     * Every copy runs under the device lock, so one buffer serves them all; direct, so the image's
     * reads land in it without the copy a heap buffer costs.
     */
    private ByteBuffer buffer;
    private boolean ended;
    private final long generation;

    Snapshot(BlockDevice device, TrackedBitmap bitmap, boolean full, Sink sink, DirtyBitmap pending, long generation) {
        this.generation = generation;
        this.device = device;
        this.bitmap = bitmap;
        this.full = full;
        this.sink = sink;
        this.pending = pending;
        this.extents = pending.extents();
    }

    /** The bitmap's generation once this backup commits: what its link records. */
    public long generation() {
        return generation;
    }

    public boolean full() {
        return full;
    }

    public long granularity() {
        return pending.granularity();
    }

    /** The image bytes this backup holds: the whole image for a full one, else the dirty runs. */
    public List<Extent> extents() {
        return extents;
    }

    /** Total bytes of {@link #extents}. */
    public long bytes() {
        long n = 0;
        for (Extent e : extents) {
            n += e.length();
        }
        return n;
    }

    /** Copies every extent to the sink; progress receives byte counts as they are copied. */
    public void copy(java.util.function.LongConsumer progress) throws IOException {
        for (Extent e : extents) {
            for (long at = e.offset(); at < e.end(); at += CHUNK) {
                long len = Math.min(CHUNK, e.end() - at);
                device.copyPending(this, at, len);
                progress.accept(len);
            }
        }
    }

    /**
     * Under the device lock: copies the clusters of [offset, offset+length) still pending, and
     * marks them copied. Called by the copier and, before a write, by the writer.
     */
    void copyPending(long offset, long length) throws IOException {
        long g = pending.granularity();
        long first = offset / g;
        long last = (offset + length - 1) / g;
        long run = -1;
        for (long c = first; c <= last + 1; c++) {
            boolean dirty = c <= last && pending.isDirty(c * g);
            if (dirty && run < 0) {
                run = c;
            } else if (!dirty && run >= 0) {
                copyRun(run, c - 1);
                run = -1;
            }
        }
    }

    private void copyRun(long firstCluster, long lastCluster) throws IOException {
        long g = pending.granularity();
        long start = firstCluster * g;
        long end = Math.min(device.size(), (lastCluster + 1) * g);
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(CHUNK);
        }
        ByteBuffer buf = buffer;
        for (long at = start; at < end; at += buf.capacity()) {
            buf.clear().limit((int) Math.min(buf.capacity(), end - at));
            device.readImage(at, buf);
            buf.flip();
            sink.write(at, buf);
        }
        pending.unmarkClusters(firstCluster, lastCluster);
    }

    /** The link is durable: the bitmap forgets the snapshot's bits, in memory and in its file. */
    public void commit() throws IOException {
        device.endSnapshot(this, true);
    }

    /** The backup failed: the snapshot's bits go back into the bitmap, so nothing is lost. */
    public void abort() throws IOException {
        device.endSnapshot(this, false);
    }

    TrackedBitmap bitmap() {
        return bitmap;
    }

    boolean ended() {
        return ended;
    }

    void end() {
        ended = true;
    }
}
