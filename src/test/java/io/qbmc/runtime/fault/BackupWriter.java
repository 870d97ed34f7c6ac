package io.qbmc.runtime.fault;

import io.qbmc.backup.Backup;
import io.qbmc.backup.Manifest;
import io.qbmc.backup.Progress;
import io.qbmc.runtime.Access;
import io.qbmc.runtime.BlockDevice;
import io.qbmc.runtime.Stacks;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;

/**
 * Child main of the backup crash suite: random writes and backups into one chain until killed.
 *
 * <p>Args: descriptor, chain folder, seed. Prints "ready", then before each backup "B LINK SHA256",
 * the hash of the image as the backup will hold it, and "L LINK" once the backup returned. Writes
 * also arrive while a backup copies: they must neither reach its link nor be lost.
 */
public final class BackupWriter {
    private BackupWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path qbm = Path.of(args[0]);
        Path chain = Path.of(args[1]);
        Random random = new Random(Long.parseLong(args[2]));
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
        BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE);
        out.println("ready");
        out.flush();
        for (int link = 0;; link++) {
            RandomWrites.some(dev, random, 1 + random.nextInt(20));
            if (random.nextInt(3) == 0) {
                // a backup in a session without writes: in deferred mode its bitmap is not in use
                dev.close();
                dev = Stacks.open(qbm, Access.READ_WRITE);
            }
            out.println("B " + link + " " + hash(dev));
            out.flush();
            Manifest m = Backup.run(dev, "bm", chain, link == 0, writesMeanwhile(dev, random));
            if (m.link() != link) {
                throw new AssertionError("link " + m.link() + ", expected " + link);
            }
            out.println("L " + link);
            out.flush();
        }
    }

    /** Writes during the copy: the bits a backup took must stay in the bitmap file until its link is durable. */
    private static Progress writesMeanwhile(BlockDevice dev, Random random) {
        return new Progress() {
            @Override
            public void start(String what, long total) {
            }

            @Override
            public void advance(long bytes) {
                try {
                    RandomWrites.some(dev, random, random.nextInt(3));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public void finish() {
            }
        };
    }

    static String hash(BlockDevice dev) throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        for (long at = 0; at < dev.size(); at += buf.capacity()) {
            buf.clear().limit((int) Math.min(buf.capacity(), dev.size() - at));
            dev.read(at, buf);
            buf.flip();
            md.update(buf);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
