package io.qbmc.runtime;

import io.qbmc.compile.CompileResult;
import io.qbmc.diag.Code;
import io.qbmc.graph.QbmNode;
import io.qbmc.qbm.Descriptor;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A compiled qbm stack opened as a block device: read, write, flush, close. The image is accessed
 * through a FileChannel; the qbm filter marks each write in every enabled bitmap first (see
 * {@link QbmFilter} for when the bitmaps are durable and how in-use is used).
 *
 * <pre>{@code
 * CompileResult stack = Qbmc.compile(new Source("disk.qbm", text, Path.of("disk.qbm")), Dialect.IMAGE_OPTS);
 * try (BlockDevice dev = BlockDevice.open(stack, Access.READ_WRITE)) {
 *     dev.write(0, ByteBuffer.wrap(data));
 *     dev.flush();
 * }
 * }</pre>
 *
 * <p>A writer keeps out a second writer, readers open alongside it ({@link OpenFiles}). Reads may
 * run concurrently; writes, flushes and backup copies take one lock.
 */
public final class BlockDevice implements Closeable {
    private final StackLayout layout;
    private final Access access;
    private final OpenFiles.Handle image;
    private final DescriptorStore descriptor;
    private final QbmFilter filter;
    /** Opened read-only beside a running writer whose in-use flags this device found. */
    private boolean writerRunning;
    private final ReentrantLock lock = new ReentrantLock();
    private Snapshot snapshot;
    private volatile boolean closed;

    private BlockDevice(StackLayout layout, Access access, OpenFiles.Handle image, DescriptorStore descriptor,
            QbmFilter filter) {
        this.layout = layout;
        this.access = access;
        this.image = image;
        this.descriptor = descriptor;
        this.filter = filter;
    }

    /** Opens a compiled stack with locks: see {@link #open(CompileResult, Access, boolean)}. */
    public static BlockDevice open(CompileResult stack, Access access) throws IOException {
        return open(stack, access, false);
    }

    /**
     * Opens a compiled stack.
     *
     * @param forceShare read without taking locks (qemu-img's -U); only with READ_ONLY
     * @throws StackException when the stack cannot run, is locked, or its files do not fit
     */
    public static BlockDevice open(CompileResult stack, Access access, boolean forceShare) throws IOException {
        StackLayout layout = StackLayout.of(stack);
        if (forceShare && access == Access.READ_WRITE) {
            throw new IllegalArgumentException("force-share is for read-only opens");
        }
        boolean write = access == Access.READ_WRITE;
        if (write && layout.readOnly()) {
            throw StackLayout.notRunnable("The stack says read-only=on; it cannot be opened for writing",
                    "drop read-only=on, or only read it");
        }
        if (write && layout.mode() == QbmNode.Mode.DEFERRED && layout.descriptor() == null) {
            throw new StackException(Code.NEEDS_DESCRIPTOR, "A deferred-mode stack given as options cannot be written: "
                    + "its bitmaps must be marked in-use, and that flag lives in a QBM descriptor",
                    "compile a descriptor (qbmc compile) and open disk.qbm, or use mode=synchronous");
        }
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            OpenFiles.Handle image = OpenFiles.open(layout.image(), write, !forceShare);
            opened.add(image);
            DescriptorStore store = null;
            Map<String, Descriptor.Bitmap> state = new HashMap<>();
            if (layout.descriptor() != null) {
                store = new DescriptorStore(layout.descriptor(), OpenFiles.open(layout.descriptor(), write, !forceShare));
                opened.add(store);
                // the state that counts is the one read under the lock, not the one compiled before it
                for (Descriptor.Bitmap b : store.read().bitmaps()) {
                    state.put(b.name(), b);
                }
            }
            List<TrackedBitmap> bitmaps = new ArrayList<>();
            for (StackLayout.BitmapSpec spec : layout.bitmaps()) {
                Descriptor.Bitmap d = state.get(spec.name());
                if (store != null && (d == null || d.granularity() != spec.granularity())) {
                    throw StackLayout.notRunnable("Bitmap '" + spec.name() + "' is not in " + store.path()
                            + " as the stack describes it (did the descriptor change meanwhile?)", "run the command again");
                }
                BitmapFile file = BitmapFile.open(spec.file(), write);
                opened.add(file);
                DirtyBitmap bits = file.load(layout.size(), spec.granularity());
                bitmaps.add(new TrackedBitmap(spec, file, bits, d == null || !d.inUse(),
                        d == null ? 0 : d.generation()));
            }
            BlockDevice dev = new BlockDevice(layout, access, image, store, new QbmFilter(layout.mode(), bitmaps, store));
            // a reader that finds a bitmap in use asks whether its writer is still running
            dev.writerRunning = !write && bitmaps.stream().anyMatch(b -> !b.consistent) && image.writerActive();
            return dev;
        } catch (IOException | RuntimeException e) {
            for (int i = opened.size() - 1; i >= 0; i--) {
                try {
                    opened.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    public StackLayout layout() {
        return layout;
    }

    public Access access() {
        return access;
    }

    /** The image's virtual size in bytes. */
    public long size() {
        return layout.size();
    }

    /** Reads dst.remaining() bytes at offset; bytes past the end of a shorter file read as zeros. */
    public void read(long offset, ByteBuffer dst) throws IOException {
        ensureOpen();
        checkRange(offset, dst.remaining());
        readImage(offset, dst);
    }

    void readImage(long offset, ByteBuffer dst) throws IOException {
        FileChannel ch = image.channel();
        long at = layout.imageOffset() + offset;
        while (dst.hasRemaining()) {
            int n = ch.read(dst, at);
            if (n < 0) {
                while (dst.hasRemaining()) {
                    dst.put((byte) 0);
                }
                break;
            }
            at += n;
        }
    }

    /**
     * Writes src.remaining() bytes at offset. Every enabled bitmap marks the clusters first: in
     * synchronous mode durably, before the data write is issued.
     */
    public void write(long offset, ByteBuffer src) throws IOException {
        int length = src.remaining();
        lock.lock();
        try {
            ensureOpen();
            if (access != Access.READ_WRITE) {
                throw new StackException(Code.STACK_NOT_RUNNABLE, "The device is open read-only", null);
            }
            checkRange(offset, length);
            if (length == 0) {
                return;
            }
            if (snapshot != null) {
                snapshot.copyPending(offset, length);
            }
            filter.beforeWrite(offset, length);
            FileChannel ch = image.channel();
            long at = layout.imageOffset() + offset;
            while (src.hasRemaining()) {
                at += ch.write(src, at);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Makes written data durable, and in deferred mode the bitmaps too. */
    public void flush() throws IOException {
        lock.lock();
        try {
            ensureOpen();
            if (access == Access.READ_WRITE) {
                image.channel().force(false);
                filter.flush();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether this read-only device found bitmaps in use because a writer is running right now,
     * rather than because one stopped without closing the stack.
     */
    public boolean writerRunning() {
        return writerRunning;
    }

    /** Every bitmap of the stack with its state. */
    public List<BitmapInfo> bitmaps() {
        lock.lock();
        try {
            return filter.bitmaps().stream().map(TrackedBitmap::info).toList();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The dirty extents of a bitmap: merged runs in bytes, the last cut at the end of the image.
     *
     * @throws StackException BITMAP_IN_USE when the bitmap is inconsistent, UNKNOWN_BITMAP
     */
    public List<Extent> extents(String name) {
        lock.lock();
        try {
            TrackedBitmap b = consistent(name, "list its dirty extents");
            return b.bits.extents();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts a backup of a bitmap: an incremental one takes its dirty clusters, a full one every
     * cluster. The bitmap is reset at once and collects the writes that arrive meanwhile.
     *
     * @throws StackException for an inconsistent bitmap (incremental only: a full backup does not
     *                        rely on the bits, and its commit makes the bitmap consistent again)
     */
    public Snapshot snapshot(String name, boolean full, Snapshot.Sink sink) {
        lock.lock();
        try {
            ensureOpen();
            if (access != Access.READ_WRITE) {
                throw new StackException(Code.STACK_NOT_RUNNABLE, "A backup clears the bitmap: open the device for writing",
                        null);
            }
            TrackedBitmap b = full ? find(name) : consistent(name, "take an incremental backup");
            if (snapshot != null) {
                throw new StackException(Code.STACK_NOT_RUNNABLE, "A backup of this device is already running", null);
            }
            DirtyBitmap pending;
            if (full) {
                pending = DirtyBitmap.empty(size(), b.spec.granularity());
                pending.mark(0, size());
            } else {
                pending = b.bits.copy();
            }
            b.snapshot = b.bits.copy();
            b.bits.clear();
            // every backup moves the bitmap to a new generation, drawn now so that its link can record
            // it: from the commit on, only the chain that holds this link may continue from the bitmap
            // (another chain on the same bitmap misses the bits this backup takes, and a chain taken
            // before an inconsistent bitmap is repaired misses the writes it may have lost)
            snapshot = new Snapshot(this, b, full, sink, pending, Descriptor.Bitmap.fresh());
            return snapshot;
        } finally {
            lock.unlock();
        }
    }

    void copyPending(Snapshot s, long offset, long length) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            if (s != snapshot) {
                throw new IllegalStateException("the backup has ended");
            }
            s.copyPending(offset, length);
        } finally {
            lock.unlock();
        }
    }

    void endSnapshot(Snapshot s, boolean commit) throws IOException {
        lock.lock();
        try {
            if (s.ended()) {
                return;
            }
            s.end();
            snapshot = null;
            TrackedBitmap b = s.bitmap();
            DirtyBitmap taken = b.snapshot;
            if (!commit) {
                b.bits.or(taken);
                b.snapshot = null;
                return;
            }
            if (descriptor == null) {
                // no generation to move: a descriptor that names the same bitmap file may have a chain
                // that still needs these bits, so a backup without one leaves them (its own
                // incrementals are refused: E054); the file already holds them
                b.bits.or(taken);
                b.snapshot = null;
                return;
            }
            b.snapshot = null;
            try {
                b.persistAll();
            } catch (IOException | RuntimeException e) {
                // the file may still hold the bits; memory must too, or a later write could skip them
                b.bits.or(taken);
                throw e;
            }
            // the bits are gone from the file; now the descriptor takes the link's generation, in one
            // atomic replacement with the repair of an inconsistent bitmap. A crash before it leaves
            // the old generation, which no chain's last link holds any more: the next incremental
            // backup is refused, never wrong.
            boolean repair = s.full() && !b.consistent;
            boolean keepInUse = filter.sessionInUse(); // then a clean close clears it with the others
            descriptor.update(d -> {
                List<Descriptor.Bitmap> out = new ArrayList<>();
                for (Descriptor.Bitmap x : d.bitmaps()) {
                    out.add(!x.name().equals(b.name()) ? x
                            : (repair ? x.withInUse(x.inUse() && keepInUse) : x).withGeneration(s.generation()));
                }
                return d.withBitmaps(out);
            });
            b.generation = s.generation();
            if (repair) {
                b.ownsInUse |= keepInUse;
                b.consistent = true;
            }
        } finally {
            lock.unlock();
        }
    }

    private TrackedBitmap find(String name) {
        for (TrackedBitmap b : filter.bitmaps()) {
            if (b.name().equals(name)) {
                return b;
            }
        }
        List<String> names = filter.bitmaps().stream().map(TrackedBitmap::name).toList();
        throw new StackException(Code.UNKNOWN_BITMAP, "The stack has no bitmap '" + name + "'",
                names.isEmpty() ? "the stack has no bitmaps" : "its bitmaps: " + String.join(", ", names));
    }

    private TrackedBitmap consistent(String name, String purpose) {
        TrackedBitmap b = find(name);
        if (!b.consistent && writerRunning) {
            throw new StackException(Code.BITMAP_IN_USE, "Bitmap '" + name + "' is in use by a writer that is still"
                    + " running: in deferred mode its file lags behind the image until that writer flushes or closes;"
                    + " cannot " + purpose, "try again once the writer has closed the stack; mode=synchronous keeps"
                    + " bitmap files current");
        }
        if (!b.consistent) {
            throw new StackException(Code.BITMAP_IN_USE, "Bitmap '" + name + "' is inconsistent: it was in use when its"
                    + " writer stopped, so it may miss writes; cannot " + purpose,
                    "clear it (qbmc bitmap --clear STACK " + name + ") or remove it, then take a full backup");
        }
        return b;
    }

    /** @throws StackException OUT_OF_BOUNDS unless [offset, offset+length) lies within the image */
    public void checkRange(long offset, long length) {
        if (offset < 0 || length < 0 || offset > size() || length > size() - offset) {
            throw new StackException(Code.OUT_OF_BOUNDS, "Request [" + offset + ", " + (offset + length)
                    + ") lies beyond the end of the image (" + size() + " bytes)", null);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the block device is closed");
        }
    }

    /**
     * A clean close: data flushed, bitmaps durable, then the in-use flags of this session cleared.
     * If any step fails the flags stay set, so the bitmaps are reported inconsistent next time.
     */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            IOException failure = null;
            try {
                if (snapshot != null) {
                    endSnapshot(snapshot, false);
                }
                if (access == Access.READ_WRITE) {
                    image.channel().force(false);
                    filter.close();
                }
            } catch (IOException e) {
                failure = e;
            } finally {
                failure = closeAll(failure);
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            lock.unlock();
        }
    }

    private IOException closeAll(IOException failure) {
        List<Closeable> all = new ArrayList<>();
        for (TrackedBitmap b : filter.bitmaps()) {
            all.add(b.file);
        }
        if (descriptor != null) {
            all.add(descriptor);
        }
        all.add(image);
        for (Closeable c : all) {
            try {
                c.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }
}
