package io.qbmc.runtime.fault;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Child main: prints "free" if it can lock the file (arg 0) exclusively, "held" if another process
 * holds a lock. With a byte offset (arg 1), only that byte is probed: 100 is held by every locked
 * opener, 101 by a writer.
 */
public final class LockProbe {
    private LockProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = args.length > 1 ? ch.tryLock(Long.parseLong(args[1]), 1, false) : ch.tryLock();
            System.out.println(lock == null ? "held" : "free");
        }
    }
}
