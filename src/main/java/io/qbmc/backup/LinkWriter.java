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
import java.util.stream.Stream;

/**
 * Writes one link: into a hidden folder first, then, once data and manifest are fsynced, renamed
 * to its number and the chain folder fsynced. Until that rename the chain does not see the link;
 * after it, the link is durable, and only then may the bitmap be cleared.
 */
final class LinkWriter implements Snapshot.Sink, Closeable {
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

    private static boolean allZero(ByteBuffer b) {
        for (int i = b.position(); i < b.limit(); i++) {
            if (b.get(i) != 0) {
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

    /** Hashes the extents from the data file, writes the manifest, makes it all durable, publishes the link. */
    Manifest finish(Manifest withoutExtents, List<Extent> extents) throws IOException {
        List<Manifest.Entry> entries = new ArrayList<>();
        for (Extent e : extents) {
            entries.add(new Manifest.Entry(e.offset(), e.length(), sha256(data, e.offset(), e.length())));
        }
        Manifest m = new Manifest(withoutExtents.chain(), withoutExtents.link(), withoutExtents.kind(),
                withoutExtents.parent(), withoutExtents.created(), withoutExtents.image(), withoutExtents.size(),
                withoutExtents.bitmap(), withoutExtents.granularity(), entries);
        data.force(true);
        data.close();
        AtomicFiles.write(tmp.resolve(Manifest.FILE), m.toJson().getBytes(StandardCharsets.UTF_8), false);
        AtomicFiles.fsyncDirectory(tmp);
        Path target = chainDir.resolve(Chain.name(link));
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.fsyncDirectory(chainDir);
        return m;
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
