package io.qbmc.qbm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes that never leave a half-written file: the content goes to a temporary file in the same
 * folder, is fsynced, then takes the target's name in one step, and the folder is fsynced. Without
 * {@code replace}, an existing target is never touched: the new name is made with a hard link,
 * which fails when the name exists, even if another process created it a moment ago.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes bytes to target. */
    public static void write(Path target, byte[] content, boolean replace) throws IOException {
        commit(target, replace, bytes(content));
    }

    /** Creates a file of zeros of the given size, sparse where the filesystem allows. */
    public static void writeZeros(Path target, long size, boolean replace) throws IOException {
        commit(target, replace, zeros(size));
    }

    /** Fills the temporary file (it exists, empty) with the content; it must fsync what it writes. */
    public interface Filler {
        void fill(Path tmp) throws IOException;
    }

    /** Writes whatever the filler writes to target, with the same guarantees as {@link #write}. */
    public static void write(Path target, boolean replace, Filler filler) throws IOException {
        commit(target, replace, filler);
    }

    /** Fills a file with the bytes. */
    public static Filler bytes(byte[] content) {
        return tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
        };
    }

    /** Fills a file with zeros. */
    public static Filler zeros(long size) {
        return tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                if (size > 0) {
                    // one zero byte at the end sets the length without allocating the rest
                    ch.write(ByteBuffer.allocate(1), size - 1);
                }
                ch.force(true);
            }
        };
    }

    /**
     * A temporary file beside its target, written and fsynced, not yet under the target's name.
     * Staging every file of a set before committing any lets a failed write (a full disk, say)
     * leave all targets as they were.
     */
    public record Staged(Path tmp, Path target) {
        /** Gives the content the target's name, as {@link #write} does; the temporary file is gone after. */
        public void commit(boolean replace) throws IOException {
            try {
                if (replace) {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.createLink(target, tmp);
                    Files.delete(tmp);
                }
                fsyncDirectory(tmp.getParent());
            } finally {
                discard();
            }
        }

        /** Removes the temporary file; the target is not touched. */
        public void discard() throws IOException {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes the content to a temporary file beside target; target's folder must exist. */
    public static Staged stage(Path target, Filler filler) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        // createTempFile would make the file private (0600); a plain create keeps the umask's permissions
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        Files.createFile(tmp);
        Staged staged = new Staged(tmp, target);
        try {
            filler.fill(tmp);
        } catch (IOException | RuntimeException e) {
            staged.discard();
            throw e;
        }
        return staged;
    }

    private static void commit(Path target, boolean replace, Filler filler) throws IOException {
        if (!replace && Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        stage(target, filler).commit(replace);
    }

    /** Makes a rename or link durable: fsync of the folder (a no-op where folders cannot be opened). */
    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    }
}
