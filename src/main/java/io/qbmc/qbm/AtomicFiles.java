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
        commit(target, replace, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
        });
    }

    /** Creates a file of zeros of the given size, sparse where the filesystem allows. */
    public static void writeZeros(Path target, long size, boolean replace) throws IOException {
        commit(target, replace, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                if (size > 0) {
                    // one zero byte at the end sets the length without allocating the rest
                    ch.write(ByteBuffer.allocate(1), size - 1);
                }
                ch.force(true);
            }
        });
    }

    /** Fills the temporary file (it exists, empty) with the content; it must fsync what it writes. */
    public interface Filler {
        void fill(Path tmp) throws IOException;
    }

    /** Writes whatever the filler writes to target, with the same guarantees as {@link #write}. */
    public static void write(Path target, boolean replace, Filler filler) throws IOException {
        commit(target, replace, filler);
    }

    private static void commit(Path target, boolean replace, Filler filler) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (!replace && Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        // createTempFile would make the file private (0600); a plain create keeps the umask's permissions
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        Files.createFile(tmp);
        try {
            filler.fill(tmp);
            if (replace) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.createLink(target, tmp);
                Files.delete(tmp);
            }
            fsyncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
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
