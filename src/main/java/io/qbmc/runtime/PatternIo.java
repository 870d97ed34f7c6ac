package io.qbmc.runtime;

import io.qbmc.diag.Code;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** qemu-io's write -P and read -P: fill a range with one byte, or check that it holds only that byte. */
public final class PatternIo {
    private static final int CHUNK = 1 << 20;

    private PatternIo() {
    }

    /** Writes LENGTH bytes of pattern at offset; the whole range is checked before anything is written. */
    public static void fill(BlockDevice dev, long offset, long length, int pattern) throws IOException {
        dev.checkRange(offset, length);
        byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(1, length))];
        Arrays.fill(buf, (byte) pattern);
        for (long done = 0; done < length;) {
            int n = (int) Math.min(buf.length, length - done);
            dev.write(offset + done, ByteBuffer.wrap(buf, 0, n));
            done += n;
        }
    }

    /**
     * Reads the range; with a pattern, every byte must equal it.
     *
     * @param pattern the expected byte, or null to read without checking
     * @throws StackException PATTERN_MISMATCH at the first other byte, as qemu-io reports it
     */
    public static void verify(BlockDevice dev, long offset, long length, Integer pattern) throws IOException {
        dev.checkRange(offset, length);
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(1, length)));
        for (long done = 0; done < length;) {
            buf.clear().limit((int) Math.min(buf.capacity(), length - done));
            dev.read(offset + done, buf);
            for (int i = 0; pattern != null && i < buf.limit(); i++) {
                if (buf.get(i) != (byte) (int) pattern) {
                    throw new StackException(Code.PATTERN_MISMATCH, "Pattern verification failed: the first"
                            + " differing byte is at offset " + (offset + done + i) + ": found 0x"
                            + String.format("%02x", buf.get(i) & 0xff) + ", expected 0x" + String.format("%02x", pattern)
                            + " (request: " + length + " bytes at offset " + offset + ")", null);
                }
            }
            done += buf.limit();
        }
    }
}
