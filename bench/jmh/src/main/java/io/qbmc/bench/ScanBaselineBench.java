package io.qbmc.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * reading every 64-bit word and folding it into a result. It touches every byte once and finds
 * nothing: the floor for any scan. The bitmap is the one RuntimeBench.extentScan scans
 * ({@link Workloads#dirtyBitmap}), 1% or 50% dirty.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScanBaselineBench {
    @Param({"1", "50"})
    public int dirtyPercent;

    private ByteBuffer bitmap;

    @Setup(Level.Trial)
    public void setUp() {
        bitmap = ByteBuffer.wrap(Workloads.dirtyBitmap(Workloads.BITMAP_BYTES, dirtyPercent, 5))
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Every word read once. */
    @Benchmark
    public long plainPass() {
        ByteBuffer b = bitmap;
        int n = b.capacity();
        long acc = 0;
        for (int i = 0; i < n; i += 8) {
            acc ^= b.getLong(i);
        }
        return acc;
    }
}
