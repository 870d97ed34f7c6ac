package io.qbmc.backup;

import io.qbmc.qbm.AtomicFiles;
import io.qbmc.runtime.DirtyBitmap;
import io.qbmc.runtime.Extent;
import io.qbmc.runtime.Snapshot;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Writes one link: into a hidden folder first, then, once data and manifest are fsynced, renamed
 * to its number and the chain folder fsynced. Until that rename the chain does not see the link;
 * after it, the link is durable, and only then may the bitmap be cleared.
 */
final class LinkWriter implements Snapshot.Sink, Closeable {
    /** Threads that hash a link's extents. */
    private static final int HASHERS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final Path chainDir;
    private final Path tmp;
    private final int link;
    private final FileChannel data;
    /** Clusters that hold non-zero data: a full link lists only those. */
    private final DirtyBitmap nonZero;

    private LinkWriter(Path chainDir, Path tmp, int link, FileChannel data, DirtyBitmap nonZero) {
        this.chainDir = chainDir;
        this.tmp = tmp;
        this.link = link;
        this.data = data;
        this.nonZero = nonZero;
    }

    static LinkWriter begin(Path chainDir, int link, long size, long granularity) throws IOException {
        Files.createDirectories(chainDir);
        String prefix = "." + Chain.name(link) + ".partial-";
        // a link left half-written by a crash is ours to drop: it never became part of the chain
        try (Stream<Path> s = Files.list(chainDir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                deleteTree(p);
            }
        }
        Path tmp = chainDir.resolve(prefix + Long.toHexString(System.nanoTime()));
        Files.createDirectory(tmp);
        FileChannel ch = FileChannel.open(tmp.resolve(Manifest.DATA), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        if (size > 0) {
            // one byte at the end gives the file its length and leaves the rest a hole
            ch.write(ByteBuffer.allocate(1), size - 1);
        }
        return new LinkWriter(chainDir, tmp, link, ch, DirtyBitmap.empty(size, granularity));
    }

    /** Writes non-zero clusters; zero ones stay holes, which read as zero. */
    @Override
    public void write(long offset, ByteBuffer buf) throws IOException {
        long g = nonZero.granularity();
        while (buf.hasRemaining()) {
            long at = offset;
            int len = (int) Math.min(buf.remaining(), g - at % g);
            ByteBuffer piece = buf.slice(buf.position(), len);
            if (!allZero(piece)) {
                long pos = at;
                while (piece.hasRemaining()) {
                    pos += data.write(piece, pos);
                }
                synchronized (nonZero) {
                    nonZero.mark(at, len);
                }
            }
            buf.position(buf.position() + len);
            offset += len;
        }
    }

    /** Zeros to compare with: {@code mismatch} is vectorized, a byte loop is not (B6's profile). */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 << 10).asReadOnlyBuffer();

    private static boolean allZero(ByteBuffer b) {
        for (int at = b.position(); at < b.limit(); at += ZEROS.capacity()) {
            int n = Math.min(ZEROS.capacity(), b.limit() - at);
            if (b.slice(at, n).mismatch(ZEROS.slice(0, n)) >= 0) {
                return false;
            }
        }
        return true;
    }

    List<Extent> nonZeroExtents() {
        synchronized (nonZero) {
            return nonZero.extents();
        }
    }

    /**
     * Hashes the extents from the data file, writes the manifest, makes it all durable, publishes the link.
     *
     * <p>Hashing and the data file's fsync are the two largest costs of a backup (B6 in
     * docs/performance.md), and neither waits for the other: the fsync runs on its own thread while
     * the extents are hashed on as many threads as there are cores. The manifest is written only
     * once both are done.
     */
    Manifest finish(Manifest withoutExtents, List<Extent> extents) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(HASHERS + 1, r -> {
            Thread t = new Thread(r, "qbmc-link-" + link);
            t.setDaemon(true);
            return t;
        });
        String[] sums = new String[extents.size()];
        try {
            Future<?> durable = pool.submit(() -> {
                data.force(true);
                return null;
            });
            List<Future<?>> hashed = new ArrayList<>();
            for (int[] part : parts(extents, HASHERS)) {
                hashed.add(pool.submit(() -> {
                    for (int i = part[0]; i < part[1]; i++) {
                        Extent e = extents.get(i);
                        sums[i] = sha256(data, e.offset(), e.length());
                    }
                    return null;
                }));
            }
            for (Future<?> f : hashed) {
                await(f);
            }
            await(durable);
        } finally {
            pool.shutdownNow();
        }
        List<Manifest.Entry> entries = new ArrayList<>(extents.size());
        for (int i = 0; i < sums.length; i++) {
            Extent e = extents.get(i);
            entries.add(new Manifest.Entry(e.offset(), e.length(), sums[i]));
        }
        Manifest m = new Manifest(withoutExtents.chain(), withoutExtents.link(), withoutExtents.kind(),
                withoutExtents.parent(), withoutExtents.created(), withoutExtents.image(), withoutExtents.size(),
                withoutExtents.bitmap(), withoutExtents.granularity(), withoutExtents.generation(), entries);
        data.close();
        AtomicFiles.write(tmp.resolve(Manifest.FILE), m.toJson().getBytes(StandardCharsets.UTF_8), false);
        AtomicFiles.fsyncDirectory(tmp);
        Path target = chainDir.resolve(Chain.name(link));
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.fsyncDirectory(chainDir);
        return m;
    }


    /** Splits extents into at most n index ranges [from, to) of about equal bytes, in order. */
    static List<int[]> parts(List<Extent> extents, int n) {
        long total = 0;
        for (Extent e : extents) {
            total += e.length();
        }
        List<int[]> out = new ArrayList<>();
        long share = Math.max(1, (total + n - 1) / n);
        int from = 0;
        long bytes = 0;
        for (int i = 0; i < extents.size(); i++) {
            bytes += extents.get(i).length();
            if (bytes >= share * (out.size() + 1) && out.size() < n - 1) {
                out.add(new int[] {from, i + 1});
                from = i + 1;
            }
        }
        if (from < extents.size()) {
            out.add(new int[] {from, extents.size()});
        }
        return out;
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while the link was written");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException(c);
        }
    }

    static String sha256(FileChannel ch, long offset, long length) throws IOException {
        MessageDigest md = digest();
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(1 << 20, Math.max(1, length)));
        long at = offset;
        long end = offset + length;
        while (at < end) {
            buf.clear().limit((int) Math.min(buf.capacity(), end - at));
            int n = ch.read(buf, at);
            if (n < 0) {
                throw new IOException("data file ends before " + end);
            }
            buf.flip();
            md.update(buf);
            at += n;
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** Drops the unfinished link. */
    @Override
    public void close() throws IOException {
        if (data.isOpen()) {
            data.close();
        }
        if (Files.exists(tmp)) {
            deleteTree(tmp);
        }
    }

    static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        }
    }
}
