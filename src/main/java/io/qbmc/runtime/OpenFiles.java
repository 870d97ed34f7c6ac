package io.qbmc.runtime;

import io.qbmc.diag.Code;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The image and descriptor files a process has open, with their locks: exclusive for a writer,
 * shared for readers, as QEMU's image locking keeps a second writer out.
 *
 * <p>Java's locks are POSIX record locks on Linux. They belong to the process, and closing any
 * descriptor of a file drops all of the process's locks on it. So a process must open each locked
 * file once: readers in one JVM share one channel through this registry, and a second opener in
 * the same JVM is told apart from another process.
 */
final class OpenFiles {
    private static final Map<Path, Entry> OPEN = new HashMap<>();

    private OpenFiles() {
    }

    private static final class Entry {
        FileChannel channel;
        FileLock lock;
        final boolean write;
        int refs;

        Entry(FileChannel channel, FileLock lock, boolean write) {
            this.channel = channel;
            this.lock = lock;
            this.write = write;
        }
    }

    /** One opener's use of a file. */
    static final class Handle implements Closeable {
        private final Path key;
        private final Entry entry;
        private FileChannel own;
        private boolean closed;

        private Handle(Path key, Entry entry, FileChannel own) {
            this.key = key;
            this.entry = entry;
            this.own = own;
        }

        FileChannel channel() {
            synchronized (OpenFiles.class) {
                return entry != null ? entry.channel : own;
            }
        }

        /**
         * After the file was replaced by a rename: open and lock the new file under the same name,
         * then close the old one (which drops only the old file's locks).
         */
        void reopen() throws IOException {
            synchronized (OpenFiles.class) {
                FileChannel old = entry != null ? entry.channel : own;
                boolean write = entry != null && entry.write;
                FileChannel ch = open(key, write);
                FileLock lock = null;
                if (entry != null && entry.lock != null) {
                    lock = lock(ch, key, write);
                }
                if (entry != null) {
                    entry.channel = ch;
                    entry.lock = lock;
                } else {
                    own = ch;
                }
                old.close();
            }
        }

        @Override
        public void close() throws IOException {
            synchronized (OpenFiles.class) {
                if (closed) {
                    return;
                }
                closed = true;
                if (entry == null) {
                    own.close();
                    return;
                }
                if (--entry.refs == 0) {
                    OPEN.remove(key);
                    entry.channel.close();
                }
            }
        }
    }

    /**
     * Opens a file for reading or writing, locked unless lock is false (-U: read without locks).
     *
     * @throws StackException STACK_LOCKED when another opener has it in a conflicting way
     */
    static synchronized Handle open(Path path, boolean write, boolean lock) throws IOException {
        Path key = path.toRealPath();
        Entry e = OPEN.get(key);
        if (e != null) {
            if (lock && (write || e.write)) {
                throw new StackException(Code.STACK_LOCKED, "'" + path + "' is already open "
                        + (e.write ? "for writing" : "for reading") + " in this process",
                        "close the other block device first; one process opens a stack once for writing");
            }
            e.refs++;
            return new Handle(key, e, null);
        }
        FileChannel ch = open(key, write);
        if (!lock) {
            return new Handle(key, null, ch);
        }
        try {
            e = new Entry(ch, lock(ch, path, write), write);
        } catch (IOException | RuntimeException ex) {
            ch.close();
            throw ex;
        }
        e.refs = 1;
        OPEN.put(key, e);
        return new Handle(key, e, null);
    }

    private static FileChannel open(Path p, boolean write) throws IOException {
        return write ? FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(p, StandardOpenOption.READ);
    }

    private static FileLock lock(FileChannel ch, Path path, boolean write) throws IOException {
        FileLock lock;
        try {
            lock = ch.tryLock(0, Long.MAX_VALUE, !write);
        } catch (OverlappingFileLockException ex) {
            throw new StackException(Code.STACK_LOCKED, "'" + path + "' is already locked in this process",
                    "close the other block device first");
        } catch (IOException ex) {
            throw new StackException(Code.FILE_ACCESS, "Cannot lock '" + path + "': " + ex.getMessage(),
                    "the filesystem must support file locks (fcntl); local filesystems do");
        }
        if (lock != null) {
            return lock;
        }
        if (!write) {
            throw new StackException(Code.STACK_LOCKED, "Cannot open '" + path
                    + "' for reading: another process has it open for writing",
                    "wait until the writer closes it, or pass -U (--force-share) to read anyway; "
                            + "what you read may then be changing");
        }
        // tell a writer from readers, so the message says who is in the way
        FileLock probe = ch.tryLock(0, Long.MAX_VALUE, true);
        if (probe != null) {
            probe.release();
            throw new StackException(Code.STACK_LOCKED, "Cannot open '" + path
                    + "' for writing: another process has it open for reading",
                    "wait until the reader closes it; one writer and no readers, as QEMU's image locking does");
        }
        throw new StackException(Code.STACK_LOCKED, "Cannot open '" + path
                + "' for writing: another process has it open for writing",
                "only one writer at a time, as QEMU's image locking does; stop the other process first");
    }
}
