package io.qbmc.runtime.fault;

import io.qbmc.runtime.Access;
import io.qbmc.runtime.BlockDevice;
import io.qbmc.runtime.Stacks;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;

/**
 * Child main of the crash suite: writes random data through a stack until it is killed.
 *
 * <p>Args: descriptor, seed. Prints "ready" once the stack is open, then "W OFFSET LENGTH" after each
 * write call has returned (so only acknowledged writes are printed), "F" after a flush, "C" after a
 * clean close and "O" after opening again. Sessions of random length exercise every phase: the
 * in-use update before the first write, writes, flushes, the close that persists and clears.
 * Written bytes are never zero, so any cluster that is not zero on disk was written to.
 */
public final class Writer {
    private Writer() {
    }

    public static void main(String[] args) throws Exception {
        Path qbm = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
        BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE);
        long size = dev.size();
        long g = dev.bitmaps().get(0).granularity();
        out.println("ready");
        out.flush();
        while (true) {
            int writes = 1 + random.nextInt(60);
            for (int i = 0; i < writes; i++) {
                long offset = (long) (random.nextDouble() * size);
                int length = (int) Math.min(size - offset, 1 + random.nextInt((int) (3 * g)));
                byte[] data = new byte[length];
                random.nextBytes(data);
                for (int j = 0; j < length; j++) {
                    if (data[j] == 0) {
                        data[j] = 1;
                    }
                }
                dev.write(offset, ByteBuffer.wrap(data));
                out.println("W " + offset + " " + length);
                out.flush();
                // a pace that keeps the bitmap from filling up before the kill (a full bitmap proves nothing)
                if (random.nextBoolean()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(random.nextInt(1_000_000));
                }
                if (random.nextInt(20) == 0) {
                    dev.flush();
                    out.println("F");
                    out.flush();
                }
            }
            dev.close();
            out.println("C");
            out.flush();
            dev = Stacks.open(qbm, Access.READ_WRITE);
            out.println("O");
            out.flush();
        }
    }
}
