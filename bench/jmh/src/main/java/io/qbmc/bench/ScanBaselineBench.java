package io.qbmc.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * B5's baseline: one plain pass over a 64 MiB bitmap (32 TiB of image at 64 KiB granularity),
 * reading every 64-bit word and folding it into a result, with 1% or 50% of its bits set at
 * random (each bit independently: the worst case for an extent scan, which finds short runs). This is the floor for any scan: it touches every byte once and finds nothing.
 *
 * <p>The qbm side (the runtime's dirty-extent scan of the same bytes) belongs beside this method
 * once the runtime API is on main; see bench/README.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScanBaselineBench {
    static final int BITMAP_BYTES = 64 << 20;

    @Param({"1", "50"})
    public int dirtyPercent;

    ByteBuffer bitmap;

    @Setup(Level.Trial)
    public void setUp() {
        bitmap = dirtyBitmap(BITMAP_BYTES, dirtyPercent);
    }

    /** A bitmap of {@code bytes} bytes with about {@code percent}% of its bits set, at random positions. */
    static ByteBuffer dirtyBitmap(int bytes, int percent) {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes).order(ByteOrder.LITTLE_ENDIAN);
        SplittableRandom r = new SplittableRandom(5);
        if (percent == 50) {
            for (int i = 0; i < bytes; i += 8) {
                b.putLong(i, r.nextLong());
            }
            return b;
        }
        long bits = (long) bytes * 8;
        // draws that land on a bit already set are lost: draw -ln(1 - p) * bits times to set p of them
        long set = (long) (-Math.log(1 - percent / 100.0) * bits);
        for (long i = 0; i < set; i++) {
            long bit = r.nextLong(bits);
            int at = (int) (bit >>> 3);
            b.put(at, (byte) (b.get(at) | (1 << (bit & 7))));
        }
        return b;
    }

    /** Every word read once. */
    @Benchmark
    public long plainPass() {
        ByteBuffer b = bitmap;
        long acc = 0;
        for (int i = 0; i < BITMAP_BYTES; i += 8) {
            acc ^= b.getLong(i);
        }
        return acc;
    }
}
