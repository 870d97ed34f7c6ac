package io.qbmc.backup;

import io.qbmc.diag.Code;
import io.qbmc.qbm.AtomicFiles;
import io.qbmc.runtime.OpenFiles;
import io.qbmc.runtime.StackException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * qbmc restore: rebuilds an image from a chain's full link and its incremental links up to one,
 * checking every extent's SHA-256 on the way. The image is written to a temporary file, fsynced and
 * only then given its name, so a damaged link or a crash leaves no half-restored image behind.
 */
public final class Restore {
    private static final int BUFFER = 1 << 20;

    private Restore() {
    }

    /** What was restored. */
    public record Result(Chain.Link upto, long size, long bytes) {
    }

    /**
     * @param upto  the last link to apply (number or folder name), or null for the newest
     * @param force replace an existing target
     */
    public static Result run(Path dir, Path target, String upto, boolean force, Progress progress) throws IOException {
        Chain chain = Chain.read(dir);
        Chain.Link last = chain.upto(upto);
        checkOutside(chain, target);
        if (Files.exists(target) && !force) {
            throw new StackException(Code.WOULD_OVERWRITE, target + " exists", "restore to a new file, or pass --force"
                    + " to replace it");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            throw new StackException(Code.FILE_ACCESS, target + " is not a regular file",
                    "qbmc restore writes a new image file, then renames it into place");
        }
        List<Chain.Link> links = chain.links().subList(0, last.manifest().link() + 1);
        long total = 0;
        for (Chain.Link l : links) {
            total += l.manifest().bytes();
        }
        long size = last.manifest().size();
        Path parent = target.toAbsolutePath().getParent();
        // a mistyped folder must not quietly become a new tree of folders
        if (!Files.isDirectory(parent)) {
            throw new StackException(Code.FILE_ACCESS, "Cannot restore to " + target + ": " + (Files.exists(parent)
                    ? parent + " is not a folder" : "the folder " + parent + " does not exist"),
                    "restore into an existing folder, or create it first");
        }
        progress.start("restore", total);
        // a writer of the old image would go on writing a file that no longer has its name: wait for
        // nobody to have it open, and keep it that way until the new image has taken the name
        try (Closeable lock = force ? OpenFiles.lockForReplace("restore over", target) : null) {
            AtomicFiles.write(target, force, tmp -> {
                try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    if (size > 0) {
                        out.write(ByteBuffer.allocate(1), size - 1);
                    }
                    for (Chain.Link l : links) {
                        apply(l, out, progress);
                    }
                    out.force(true);
                }
            });
        } catch (FileAlreadyExistsException e) {
            throw new StackException(Code.WOULD_OVERWRITE, target + " appeared while restoring; nothing was replaced",
                    "restore to a new file, or pass --force");
        } catch (FileSystemException e) {
            if (!isTemporary(e.getFile(), parent, target)) {
                throw e;
            }
            // the temporary file is an implementation detail: the user named the target
            throw new StackException(Code.FILE_ACCESS, "Cannot write " + target + ": cannot create a file in " + parent
                    + " (" + reason(e) + ")", "restore into a folder where this user can create files");
        } finally {
            progress.finish();
        }
        return new Result(last, size, total);
    }

    /** A restore must not write into the chain it reads: --force would replace a link's files. */
    private static void checkOutside(Chain chain, Path target) throws IOException {
        Path real = Chain.realPath(target);
        Path chainDir = chain.dir().toRealPath();
        boolean inside = real.startsWith(chainDir);
        for (Chain.Link l : chain.links()) {
            inside |= Files.exists(l.data()) && real.equals(l.data().toRealPath());
        }
        if (inside) {
            throw new StackException(Code.CHAIN_INVALID, "Cannot restore to " + target + ": it lies in the backup chain"
                    + " in " + chain.dir() + ", which the restore reads", "restore to a file outside the chain's folder");
        }
    }

    private static boolean isTemporary(String file, Path parent, Path target) {
        if (file == null) {
            return false;
        }
        Path p = Path.of(file);
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        return parent.equals(p.toAbsolutePath().getParent()) && name.startsWith("." + target.getFileName() + ".")
                && name.endsWith(".tmp");
    }

    private static String reason(FileSystemException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        return e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    }

    /** Copies a link's extents, hashing as it goes; a mismatch stops the restore before the rename. */
    private static void apply(Chain.Link l, FileChannel out, Progress progress) throws IOException {
        boolean full = l.manifest().kind() == Manifest.Kind.FULL;
        try (FileChannel in = FileChannel.open(l.data(), StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(BUFFER);
            for (Manifest.Entry e : l.manifest().extents()) {
                MessageDigest md = LinkWriter.digest();
                long end = e.offset() + e.length();
                for (long at = e.offset(); at < end;) {
                    buf.clear().limit((int) Math.min(BUFFER, end - at));
                    while (buf.hasRemaining()) {
                        if (in.read(buf, at + buf.position()) < 0) {
                            throw new IOException(l.data() + " ends before " + end);
                        }
                    }
                    buf.flip();
                    md.update(buf.duplicate());
                    // the full link lands on a fresh file of zeros: its zero runs need not be written
                    if (!full || !allZero(buf)) {
                        long pos = at;
                        while (buf.hasRemaining()) {
                            pos += out.write(buf, pos);
                        }
                    }
                    progress.advance(buf.limit());
                    at += buf.limit();
                }
                String sum = HexFormat.of().formatHex(md.digest());
                if (!sum.equals(e.sha256())) {
                    throw new StackException(Code.CHECKSUM_MISMATCH, "Link " + l.name() + ": extent " + e.offset() + "+"
                            + e.length() + " of " + l.data() + " has SHA-256 " + sum + ", the manifest says "
                            + e.sha256(), "the link is damaged; restore an earlier link with --upto, or use another"
                            + " copy of the chain");
                }
            }
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
}
