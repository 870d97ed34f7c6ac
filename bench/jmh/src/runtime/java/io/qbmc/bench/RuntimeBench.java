package io.qbmc.bench;

import io.qbmc.runtime.BlockDevice;
import io.qbmc.runtime.DirtyBitmap;
import io.qbmc.runtime.Extent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * B4 and B5 through the runtime stack (io.qbmc.runtime). Compiled only when the runtime is in the
 * checkout (the 'runtime' profile of bench/jmh/pom.xml); until then bench/run prints their rows
 * as not yet available.
 */
public class RuntimeBench {

    /** B4: a qbm stack over a 1 GiB raw image, one bitmap at 64 KiB, opened read-write. */
    @State(Scope.Benchmark)
    public static class Device {
        @Param({"deferred", "synchronous"})
        public String mode;

        Path dir;
        Path qbm;
        BlockDevice device;
        final ByteBuffer buffer = ByteBuffer.allocateDirect(Workloads.WRITE_BLOCK);
        final SplittableRandom random = new SplittableRandom(4);

        @Setup(Level.Trial)
        public void create() throws IOException {
            dir = Files.createTempDirectory("qbmc-b4");
            qbm = RuntimeStacks.create(dir, Workloads.WRITE_IMAGE, Workloads.GRANULARITY, mode);
            while (buffer.hasRemaining()) {
                buffer.put((byte) random.nextInt(256));
            }
        }

        /**
         * Each iteration starts from a clean bitmap, as after a backup: the writes of an iteration
         * first dirty new clusters (in synchronous mode, a durable bitmap update each), then land
         * more and more often in clusters already dirty.
         */
        @Setup(Level.Iteration)
        public void open() throws IOException {
            RuntimeStacks.resetBitmap(dir, Workloads.WRITE_IMAGE, Workloads.GRANULARITY);
            device = RuntimeStacks.open(qbm);
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException {
            device.close();
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            RuntimeStacks.delete(dir);
        }
    }

    /** B5: the bitmap of ScanBaselineBench, in a DirtyBitmap. */
    @State(Scope.Benchmark)
    public static class Bitmap {
        @Param({"1", "50"})
        public int dirtyPercent;

        DirtyBitmap bitmap;

        @Setup(Level.Trial)
        public void create() {
            bitmap = DirtyBitmap.of(Workloads.BITMAP_IMAGE, Workloads.GRANULARITY,
                    Workloads.dirtyBitmap(Workloads.BITMAP_BYTES, dirtyPercent, 5));
        }
    }

    /** B4: one 4 KiB write at a random aligned offset, through the qbm filter. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void qbmWrite(Device d) throws IOException {
        long offset = d.random.nextLong(Workloads.WRITE_IMAGE / Workloads.WRITE_BLOCK) * Workloads.WRITE_BLOCK;
        d.buffer.clear();
        d.device.write(offset, d.buffer);
    }

    /** B5: the dirty extents of the whole bitmap. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<Extent> extentScan(Bitmap b) {
        return b.bitmap.extents();
    }
}
