package io.qbmc.runtime;

import io.qbmc.diag.Code;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The image and descriptor files a process has open, with their locks. Locks are on single bytes,
 * each with its own meaning, as QEMU's image locking does (docs/qbm-spec.md §3.1):
 *
 * <ul>
 * <li>{@link #READ_BYTE} (100): everyone who opens the file with locks holds it shared, so a
 * replacement, which needs it exclusive, waits until nobody has the file open;
 * <li>{@link #WRITE_BYTE} (101): a writer holds it exclusive, so there is one writer, while
 * readers, who do not touch it, read alongside.
 * </ul>
 *
 * <p>The offsets are QEMU's own for its "consistent read" and "write" permissions, so a QEMU
 * writer on the same image (it holds 101 shared) and a qbmc writer keep each other out.
 *
 * <p>Java's locks are POSIX record locks on Linux. They belong to the process, and closing any
 * descriptor of a file drops all of the process's locks on it; and a second lock on an overlapping
 * range in the same JVM throws instead of answering. So a process opens each file once: every
 * opener in one JVM goes through this registry, which keeps the channels until the last one
 * closes and answers for the JVM as another process would (a second writer is refused, readers
 * share with a writer, a replacement waits for everyone).
 */
public final class OpenFiles {
    static final long READ_BYTE = 100;
    static final long WRITE_BYTE = 101;

    private static final Map<Path, Entry> OPEN = new HashMap<>();

    private OpenFiles() {
    }

    private static final class Entry {
        final Path key;
        FileChannel ro;
        FileChannel rw;
        FileLock readLock;
        FileLock writeLock;
        int refs;
        int locked;
        boolean writer;
        boolean replacing;

        Entry(Path key) {
            this.key = key;
        }

        FileChannel channel(boolean write) throws IOException {
            if (write) {
                if (rw == null) {
                    rw = FileChannel.open(key, StandardOpenOption.READ, StandardOpenOption.WRITE);
                }
                return rw;
            }
            if (rw != null) {
                return rw;
            }
            if (ro == null) {
                ro = FileChannel.open(key, StandardOpenOption.READ);
            }
            return ro;
        }

        void closeChannels() throws IOException {
            IOException failure = null;
            for (FileChannel ch : new FileChannel[] {ro, rw}) {
                if (ch == null) {
                    continue;
                }
                try {
                    ch.close();
                } catch (IOException e) {
                    if (failure == null) {
                        failure = e;
                    }
                }
            }
            ro = null;
            rw = null;
            readLock = null;
            writeLock = null;
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** One opener's use of a file. */
    static final class Handle implements Closeable {
        private final Entry entry;
        private final boolean write;
        private final boolean locked;
        private boolean closed;

        private Handle(Entry entry, boolean write, boolean locked) {
            this.entry = entry;
            this.write = write;
            this.locked = locked;
        }

        FileChannel channel() {
            synchronized (OpenFiles.class) {
                return write || entry.rw != null ? entry.rw : entry.ro;
            }
        }

        /**
         * Whether a writer has the file open now, in this process or another (it holds the write
         * byte): then what a reader finds in the files, such as an in-use flag, is a live writer's
         * state, not a crashed one's.
         */
        boolean writerActive() {
            synchronized (OpenFiles.class) {
                if (entry.writer) {
                    return true;
                }
                try {
                    FileLock probe = channel().tryLock(WRITE_BYTE, 1, true);
                    if (probe == null) {
                        return true;
                    }
                    probe.release();
                    return false;
                } catch (OverlappingFileLockException e) {
                    return true;
                } catch (IOException e) {
                    return false;
                }
            }
        }

        /**
         * After the file was replaced by a rename: open and lock the new file under the same name,
         * then close the old one (which drops only the old file's locks, POSIX locks being per file).
         */
        void reopen() throws IOException {
            synchronized (OpenFiles.class) {
                Entry e = entry;
                FileChannel ro = e.ro != null ? FileChannel.open(e.key, StandardOpenOption.READ) : null;
                FileChannel rw = null;
                FileLock readLock = null;
                FileLock writeLock = null;
                try {
                    if (e.rw != null) {
                        rw = FileChannel.open(e.key, StandardOpenOption.READ, StandardOpenOption.WRITE);
                    }
                    FileChannel any = rw != null ? rw : ro;
                    if (e.readLock != null) {
                        readLock = tryLock(any, e.key, READ_BYTE, true);
                        if (readLock == null) {
                            throw busy(e.key, e.writer, "another process is replacing it");
                        }
                    }
                    if (e.writeLock != null) {
                        writeLock = tryLock(rw, e.key, WRITE_BYTE, false);
                        if (writeLock == null) {
                            throw secondWriter(e.key);
                        }
                    }
                } catch (IOException | RuntimeException ex) {
                    for (FileChannel ch : new FileChannel[] {ro, rw}) {
                        if (ch != null) {
                            ch.close();
                        }
                    }
                    throw ex;
                }
                FileChannel oldRo = e.ro;
                FileChannel oldRw = e.rw;
                e.ro = ro;
                e.rw = rw;
                e.readLock = readLock;
                e.writeLock = writeLock;
                if (oldRo != null) {
                    oldRo.close();
                }
                if (oldRw != null) {
                    oldRw.close();
                }
            }
        }

        @Override
        public void close() throws IOException {
            synchronized (OpenFiles.class) {
                if (closed) {
                    return;
                }
                closed = true;
                Entry e = entry;
                e.refs--;
                if (locked) {
                    e.locked--;
                    if (write) {
                        e.writer = false;
                        release(e.writeLock);
                        e.writeLock = null;
                    }
                    if (e.locked == 0) {
                        release(e.readLock);
                        e.readLock = null;
                    }
                }
                // a replacement in this process holds its locks through these channels until it ends
                if (e.refs == 0 && !e.replacing) {
                    OPEN.remove(e.key);
                    e.closeChannels();
                }
            }
        }
    }

    /**
     * Opens a file for reading or writing, locked unless lock is false (-U: read without locks).
     * A writer holds the write byte exclusive and the read byte shared; a reader only the read byte.
     *
     * @throws StackException STACK_LOCKED when another opener has it in a conflicting way
     */
    static synchronized Handle open(Path path, boolean write, boolean lock) throws IOException {
        Path key = path.toRealPath();
        Entry e = OPEN.get(key);
        if (e != null && e.replacing && lock) {
            throw busy(path, write, "it is being replaced in this process");
        }
        if (e != null && lock && write && e.writer) {
            throw new StackException(Code.STACK_LOCKED, "'" + path + "' is already open for writing in this process",
                    "close the other block device first; one process opens a stack once for writing");
        }
        boolean fresh = e == null;
        if (fresh) {
            e = new Entry(key);
        }
        FileLock readLock = null;
        try {
            FileChannel ch = e.channel(write);
            if (lock) {
                if (e.readLock == null) {
                    readLock = tryLock(ch, path, READ_BYTE, true);
                    if (readLock == null) {
                        throw busy(path, write, "another process is replacing it");
                    }
                }
                if (write) {
                    FileLock w = tryLock(ch, path, WRITE_BYTE, false);
                    if (w == null) {
                        throw secondWriter(path);
                    }
                    e.writeLock = w;
                    e.writer = true;
                }
                if (readLock != null) {
                    e.readLock = readLock;
                }
                e.locked++;
            }
        } catch (IOException | RuntimeException ex) {
            if (fresh) {
                e.closeChannels();
            } else {
                release(readLock);
            }
            throw ex;
        }
        e.refs++;
        OPEN.put(key, e);
        return new Handle(e, write, lock);
    }

    /**
     * Locks existing files for replacing them: both bytes exclusive, so this fails while anyone
     * (reader or writer, in this process or another) has one of them open with locks, and nobody
     * can open them until the returned handle is closed. Keep it open until the rename is done:
     * a writer must never go on writing an unlinked file. Paths that do not exist are skipped.
     *
     * @param what the operation, for the message: "restore over", "compile over"
     * @throws StackException STACK_LOCKED when a file is in use
     */
    public static synchronized Closeable lockForReplace(String what, Path... paths) throws IOException {
        Map<Path, Path> keys = new LinkedHashMap<>();
        for (Path p : paths) {
            if (p != null && Files.exists(p)) {
                keys.putIfAbsent(p.toRealPath(), p);
            }
        }
        List<Entry> taken = new ArrayList<>();
        Closeable all = () -> {
            synchronized (OpenFiles.class) {
                IOException failure = null;
                for (Entry e : taken) {
                    try {
                        endReplace(e);
                    } catch (IOException ex) {
                        failure = failure == null ? ex : failure;
                    }
                }
                taken.clear();
                if (failure != null) {
                    throw failure;
                }
            }
        };
        try {
            for (Map.Entry<Path, Path> k : keys.entrySet()) {
                taken.add(replacing(k.getKey(), k.getValue(), what));
            }
        } catch (IOException | RuntimeException ex) {
            all.close();
            throw ex;
        }
        return all;
    }

    /**
     * An entry may already exist for -U openers: they hold no locks, so, as for another process,
     * they do not count; the locks are taken on their entry, since a second channel's close would
     * drop them.
     */
    private static Entry replacing(Path key, Path path, String what) throws IOException {
        Entry e = OPEN.get(key);
        if (e != null && (e.locked > 0 || e.replacing)) {
            throw new StackException(Code.STACK_LOCKED, "Cannot " + what + " '" + path + "': it is open in this process",
                    "close the block device that has it open first");
        }
        if (e == null) {
            e = new Entry(key);
        }
        e.replacing = true;
        OPEN.put(key, e);
        try {
            FileChannel ch;
            boolean exclusive = true;
            try {
                ch = e.channel(true);
            } catch (AccessDeniedException denied) {
                // a file this process cannot write can only be locked shared: that still finds a writer
                ch = e.channel(false);
                exclusive = false;
            }
            e.writeLock = tryLock(ch, path, WRITE_BYTE, !exclusive);
            if (e.writeLock == null) {
                throw replaceBusy(path, what, "another process has it open for writing");
            }
            e.readLock = tryLock(ch, path, READ_BYTE, !exclusive);
            if (e.readLock == null) {
                throw replaceBusy(path, what, exclusive ? "another process has it open for reading"
                        : "another process is replacing it");
            }
        } catch (IOException | RuntimeException ex) {
            endReplace(e);
            throw ex;
        }
        return e;
    }

    private static void endReplace(Entry e) throws IOException {
        e.replacing = false;
        release(e.writeLock);
        release(e.readLock);
        e.writeLock = null;
        e.readLock = null;
        if (e.refs == 0) {
            OPEN.remove(e.key);
            e.closeChannels();
        }
    }

    private static StackException replaceBusy(Path path, String what, String why) {
        return new StackException(Code.STACK_LOCKED, "Cannot " + what + " '" + path + "': " + why,
                "stop the process that has the stack open first; replacing a file under it would lose what it writes");
    }

    /** A file being replaced, here or in another process: why says which. */
    private static StackException busy(Path path, boolean write, String why) {
        return new StackException(Code.STACK_LOCKED, "Cannot open '" + path + "' for " + (write ? "writing" : "reading")
                + ": " + why,
                "wait until the replacement (qbmc compile --force, qbmc restore --force) is done, then try again");
    }

    private static StackException secondWriter(Path path) {
        return new StackException(Code.STACK_LOCKED, "Cannot open '" + path + "' for writing: another process has it"
                + " open for writing", "only one writer at a time, as QEMU's image locking does; stop the other process first");
    }

    private static FileLock tryLock(FileChannel ch, Path path, long at, boolean shared) throws IOException {
        try {
            return ch.tryLock(at, 1, shared);
        } catch (OverlappingFileLockException ex) {
            // the same file under another name (a hard link) already locked by this JVM
            throw new StackException(Code.STACK_LOCKED, "'" + path + "' is already locked in this process",
                    "close the other block device first");
        } catch (IOException ex) {
            throw new StackException(Code.FILE_ACCESS, "Cannot lock '" + path + "': " + ex.getMessage(),
                    "the filesystem must support file locks (fcntl); local filesystems do");
        }
    }

    private static void release(FileLock lock) throws IOException {
        if (lock != null && lock.isValid()) {
            lock.release();
        }
    }
}
