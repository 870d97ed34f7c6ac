package io.qbmc.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * B4's baseline: 4 KiB writes at random 4 KiB-aligned offsets of a 1 GiB file, with a plain
 * FileChannel (page cache, no fsync), one write per operation: RuntimeBench.qbmWrite's writes,
 * without the qbm stack.
 *
 * <p>The qbm side (the same writes through the runtime stack, in deferred and synchronous
 * modes) belongs beside this method once the runtime API is on main; see bench/README.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WriteBaselineBench {
    static final long FILE_SIZE = Workloads.WRITE_IMAGE;
    static final int BLOCK = Workloads.WRITE_BLOCK;

    private Path dir;
    private FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BLOCK);
    private final SplittableRandom random = new SplittableRandom(4);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("qbmc-b4");
        Path file = dir.resolve("disk.img");
        try (var f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(FILE_SIZE);
        }
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        while (buffer.hasRemaining()) {
            buffer.put((byte) random.nextInt(256));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        channel.close();
        Files.deleteIfExists(dir.resolve("disk.img"));
        Files.deleteIfExists(dir);
    }

    /** One 4 KiB write at a random aligned offset. */
    @Benchmark
    public int plainWrite() throws IOException {
        long offset = random.nextLong(FILE_SIZE / BLOCK) * BLOCK;
        buffer.clear();
        return channel.write(buffer, offset);
    }
}
