package io.qbmc.runtime.fault;

import io.qbmc.runtime.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;

/** Random writes of random non-zero bytes, clusters and parts of clusters, for the fault suites. */
final class RandomWrites {
    private RandomWrites() {
    }

    static void some(BlockDevice dev, Random random, int count) throws IOException {
        long g = dev.bitmaps().get(0).granularity();
        for (int i = 0; i < count; i++) {
            long offset = (long) (random.nextDouble() * dev.size());
            int length = (int) Math.min(dev.size() - offset, 1 + random.nextInt((int) (3 * g)));
            byte[] data = new byte[length];
            random.nextBytes(data);
            if (random.nextInt(8) == 0) {
                java.util.Arrays.fill(data, (byte) 0); // zeros too: they overwrite, and a link must carry them
            }
            dev.write(offset, ByteBuffer.wrap(data));
        }
    }
}
