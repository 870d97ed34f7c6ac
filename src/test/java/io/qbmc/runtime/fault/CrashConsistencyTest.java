package io.qbmc.runtime.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.qbmc.diag.Code;
import io.qbmc.runtime.Access;
import io.qbmc.runtime.BlockDevice;
import io.qbmc.runtime.DirtyBitmap;
import io.qbmc.runtime.StackException;
import io.qbmc.runtime.Stacks;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The crash suite: a child JVM writes random data through a stack and is killed with SIGKILL at a
 * random moment. Afterwards, either the bitmap is flagged inconsistent (in use), or every write the
 * child saw acknowledged is dirty in it; never clean and missing a write.
 *
 * <p>Two stronger checks ride along. Every cluster that is no longer zero on disk must be dirty in a
 * bitmap not flagged in use: that covers writes that were under way, not yet acknowledged, when the
 * kill came. And in synchronous mode the bitmap is never flagged at all (docs/qbm-spec.md §3): the
 * superset property is what lets synchronous mode skip in-use.
 *
 * <p>SIGKILL loses nothing the kernel already has, so this tests the order of the writes, not the
 * durability of fsync across power loss. Most trials kill after a random delay; every fourth kills
 * as soon as the writer reports a clean close, so that kills also land while the next session sets
 * in-use again. Trials: -Dqbmc.fault.trials (default 60 per mode); seeds are fixed and printed with
 * every failure.
 */
class CrashConsistencyTest {
    private static final int TRIALS = Integer.getInteger("qbmc.fault.trials", 60);
    private static final long SIZE = 64L << 20;

    @TempDir
    Path dir;

    /** What one trial saw. */
    record Outcome(boolean inUse, int acknowledged, int sessions) {
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"synchronous", "deferred"})
    void aKilledWriterNeverLeavesACleanBitmapThatMissesAWrite(String mode) throws Exception {
        long start = System.nanoTime();
        Random seeds = new Random(mode.equals("synchronous") ? 0x51D2024L : 0xDEFE2024L);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Outcome>> results = new ArrayList<>();
        try {
            for (int t = 0; t < TRIALS; t++) {
                long seed = seeds.nextLong();
                int delay = seeds.nextInt(250);
                long g = seeds.nextBoolean() ? 4096 : 65536;
                Path trialDir = dir.resolve(mode + "-" + t);
                int n = t;
                // every fourth trial kills right after a clean close, where the flag is being set again
                boolean afterClose = t % 4 == 3;
                results.add(pool.submit(() -> trial(mode, n, seed, afterClose ? -1 : delay, g, trialDir)));
            }
            int inUse = 0;
            int acknowledged = 0;
            for (Future<Outcome> f : results) {
                Outcome o = f.get();
                inUse += o.inUse() ? 1 : 0;
                acknowledged += o.acknowledged();
            }
            System.out.printf("crash suite, %s: %d trials, %d acknowledged writes checked, %d ended flagged in use,"
                    + " %d clean; %.1f s%n", mode, TRIALS, acknowledged, inUse, TRIALS - inUse,
                    (System.nanoTime() - start) / 1e9);
            if (mode.equals("deferred")) {
                // both branches of the invariant must have been exercised, or the suite proves little
                assertTrue(inUse > 0 && inUse < TRIALS, inUse + " of " + TRIALS + " trials ended in use");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome trial(String mode, int n, long seed, int delay, long g, Path dir) throws Exception {
        String id = "trial " + n + " (" + mode + ", seed " + seed + ", kill " + (delay < 0 ? "after the first close"
                : "after " + delay + " ms") + ", granularity " + g + ")";
        Path qbm = Stacks.create(dir, SIZE, mode, Stacks.Bm.of("bm", g));
        List<String> lines = new ArrayList<>();
        try (ChildJvm child = ChildJvm.start(Writer.class, qbm.toString(), Long.toString(seed))) {
            String ready = child.readLine();
            if (!"ready".equals(ready)) {
                fail(id + ": the writer did not start: " + ready);
            }
            if (delay >= 0) {
                Thread.sleep(delay);
            } else {
                for (String line = child.readLine(); line != null && !line.equals("C"); line = child.readLine()) {
                    lines.add(line);
                }
            }
            child.kill();
            lines.addAll(child.rest());
        }
        boolean inUse = Stacks.inUse(qbm, "bm"); // and the descriptor parses: it is never half-written
        DirtyBitmap bits = Stacks.bitmapFile(dir, "bm", SIZE, g);
        int acked = 0;
        int sessions = 1;
        if (mode.equals("synchronous")) {
            assertFalse(inUse, id + ": synchronous mode flagged the bitmap in use");
        }
        for (String line : lines) {
            if (line.startsWith("W ")) {
                String[] w = line.split(" ");
                long offset = Long.parseLong(w[1]);
                long length = Long.parseLong(w[2]);
                acked++;
                if (!inUse && !bits.allDirty(offset, length)) {
                    fail(id + ": acknowledged write " + offset + "+" + length + " is clean in a bitmap not in use");
                }
            } else if (line.equals("O")) {
                sessions++;
            }
        }
        if (!inUse) {
            long cluster = firstWrittenCleanCluster(dir.resolve("disk.img"), bits);
            if (cluster >= 0) {
                fail(id + ": cluster " + cluster + " holds written data but is clean in a bitmap not in use");
            }
        }
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_ONLY)) {
            assertEquals(!inUse, dev.bitmaps().get(0).consistent(), id);
            if (inUse) {
                StackException e = assertThrows(StackException.class, () -> dev.extents("bm"), id);
                assertEquals(Code.BITMAP_IN_USE, e.code(), id);
            } else {
                assertEquals(bits.extents(), dev.extents("bm"), id);
            }
        }
        return new Outcome(inUse, acked, sessions);
    }

    /** The first cluster with a non-zero byte on disk that the bitmap calls clean, or -1. */
    private static long firstWrittenCleanCluster(Path image, DirtyBitmap bits) throws Exception {
        long g = bits.granularity();
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate((int) g);
            for (long c = 0; c * g < SIZE; c++) {
                if (bits.isDirty(c * g)) {
                    continue;
                }
                buf.clear();
                while (buf.hasRemaining() && ch.read(buf, c * g + buf.position()) > 0) {
                    // read the cluster
                }
                for (int i = 0; i < buf.position(); i++) {
                    if (buf.get(i) != 0) {
                        return c;
                    }
                }
            }
        }
        return -1;
    }
}
