package io.qbmc.runtime.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.qbmc.backup.Backup;
import io.qbmc.backup.Chain;
import io.qbmc.backup.Manifest;
import io.qbmc.backup.Progress;
import io.qbmc.backup.Restore;
import io.qbmc.diag.Code;
import io.qbmc.runtime.Access;
import io.qbmc.runtime.BlockDevice;
import io.qbmc.runtime.StackException;
import io.qbmc.runtime.Stacks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The backup suite: full and incremental backups between random writes, then every link restored
 * and compared byte for byte with the image as it was when that backup started. Random runs also
 * write during backups (copy-before-write must keep those writes out of the link, and the bitmap
 * must keep them for the next one), fail backups half-way (no link, no bit lost), and close and
 * reopen the stack. A second part kills a child JVM in the middle of this and checks that the chain
 * is intact, every link restores to its image, and the next backup still catches every change.
 * Seeds are fixed and printed with every failure.
 */
class BackupFaultTest {
    private static final int RUNS = Integer.getInteger("qbmc.fault.backupRuns", 40);
    private static final int KILLS = Integer.getInteger("qbmc.fault.backupKills", 25);
    private static final long SIZE = 8L << 20;

    @TempDir
    Path dir;

    @Test
    void everyLinkRestoresTheImageAsItWasAtThatBackup() throws Exception {
        long start = System.nanoTime();
        Random seeds = new Random(0xBAC0FF5EEDL);
        int links = 0;
        for (int run = 0; run < RUNS; run++) {
            long seed = seeds.nextLong();
            try {
                links += run(run, seed);
            } catch (Exception | AssertionError e) {
                throw new AssertionError("run " + run + " (seed " + seed + "): " + e.getMessage(), e);
            }
        }
        System.out.printf("backup suite: %d runs, %d links restored and compared; %.1f s%n", RUNS, links,
                (System.nanoTime() - start) / 1e9);
    }

    private int run(int n, long seed) throws Exception {
        Random random = new Random(seed);
        String mode = random.nextBoolean() ? "synchronous" : "deferred";
        long g = random.nextBoolean() ? 4096 : 65536;
        Path stack = dir.resolve("run" + n);
        Path chain = stack.resolve("chain");
        Path qbm = Stacks.create(stack, SIZE, mode, Stacks.Bm.of("bm", g));
        List<byte[]> expected = new ArrayList<>();
        BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE);
        try {
            int rounds = 2 + random.nextInt(5);
            for (int round = 0; round < rounds; round++) {
                RandomWrites.some(dev, random, random.nextInt(25));
                if (random.nextInt(4) == 0) {
                    dev.close();
                    dev = Stacks.open(qbm, Access.READ_WRITE);
                }
                if (round > 0 && random.nextInt(5) == 0) {
                    failedBackup(dev, chain, random, expected.size());
                }
                byte[] before = read(dev);
                Backup.run(dev, "bm", chain, round == 0, writesMeanwhile(dev, random));
                expected.add(before);
            }
        } finally {
            dev.close();
        }
        for (int link = 0; link < expected.size(); link++) {
            Path out = stack.resolve("restored-" + link + ".img");
            Restore.run(chain, out, Integer.toString(link), false, Progress.NONE);
            if (!java.util.Arrays.equals(expected.get(link), Files.readAllBytes(out))) {
                fail("link " + link + " of " + mode + " run restores another image than the one backed up");
            }
            Files.delete(out);
        }
        return expected.size();
    }

    /** A backup that fails half-way: no link appears, and the next backup still has every bit. */
    private static void failedBackup(BlockDevice dev, Path chain, Random random, int links) throws IOException {
        int after = random.nextInt(3);
        Progress failing = new Progress() {
            int calls;

            @Override
            public void start(String what, long total) {
            }

            @Override
            public void advance(long bytes) {
                if (calls++ >= after) {
                    throw new IllegalStateException("injected failure");
                }
            }

            @Override
            public void finish() {
            }
        };
        try {
            Backup.run(dev, "bm", chain, false, failing);
        } catch (IllegalStateException expected) {
            // the failure we injected; a backup with fewer chunks than that just succeeds below
            assertEquals(links, Chain.read(chain).links().size(), "a failed backup left a link");
            return;
        }
        throw new AssertionError("not reached: every incremental backup here has at least one chunk or none to fail");
    }

    /** Writes during the copy: they must not reach the link, and must stay dirty for the next one. */
    private static Progress writesMeanwhile(BlockDevice dev, Random random) {
        int count = random.nextInt(3) == 0 ? 1 + random.nextInt(5) : 0;
        return new Progress() {
            @Override
            public void start(String what, long total) {
            }

            @Override
            public void advance(long bytes) {
                try {
                    RandomWrites.some(dev, random, count);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void finish() {
            }
        };
    }

    private static byte[] read(BlockDevice dev) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) dev.size());
        dev.read(0, buf);
        return buf.array();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"synchronous", "deferred"})
    void aBackupKilledAtAnyMomentLeavesARestorableChainAndLosesNoChange(String mode) throws Exception {
        long start = System.nanoTime();
        Random seeds = new Random(mode.equals("synchronous") ? 0xB51DL : 0xBDEFL);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Killed>> results = new ArrayList<>();
        try {
            for (int t = 0; t < KILLS; t++) {
                long seed = seeds.nextLong();
                int delay = 200 + seeds.nextInt(1300);
                long g = seeds.nextBoolean() ? 4096 : 65536;
                Path trialDir = dir.resolve(mode + "-kill-" + t);
                int n = t;
                results.add(pool.submit(() -> killed(mode, n, seed, delay, g, trialDir)));
            }
            int links = 0;
            int inBackup = 0;
            int after = 0;
            for (Future<Killed> f : results) {
                Killed k = f.get();
                links += k.restored();
                inBackup += k.duringBackup() ? 1 : 0;
                after += k.incrementalAfter() ? 1 : 0;
            }
            System.out.printf("backup crash suite, %s: %d kills (%d during a backup), %d links restored and compared,"
                    + " %d incremental backups after the kill checked against the image; %.1f s%n", mode, KILLS,
                    inBackup, links, after, (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** What one kill saw. */
    record Killed(int restored, boolean duringBackup, boolean incrementalAfter) {
    }

    private static Killed killed(String mode, int n, long seed, int delay, long g, Path dir) throws Exception {
        String id = "kill " + n + " (" + mode + ", seed " + seed + ", after " + delay + " ms, granularity " + g + ")";
        Path qbm = Stacks.create(dir, SIZE, mode, Stacks.Bm.of("bm", g));
        Path chain = dir.resolve("chain");
        Map<Integer, String> hashes = new HashMap<>();
        String last = null;
        try (ChildJvm child = ChildJvm.start(BackupWriter.class, qbm.toString(), chain.toString(),
                Long.toString(seed))) {
            if (!"ready".equals(child.readLine())) {
                fail(id + ": the child did not start");
            }
            Thread.sleep(delay);
            child.kill();
            for (String line : child.rest()) {
                last = line;
                if (line.startsWith("B ")) {
                    String[] b = line.split(" ");
                    hashes.put(Integer.parseInt(b[1]), b[2]);
                }
            }
        }
        int restored = 0;
        if (Chain.hasLinks(chain)) {
            Chain c = Chain.read(chain); // every link that is visible is complete
            for (Chain.Link l : c.links()) {
                Path out = dir.resolve("restored-" + l.name() + ".img");
                Restore.run(chain, out, l.name(), false, Progress.NONE);
                assertEquals(hashes.get(l.manifest().link()), sha256(out), id + ": link " + l.name());
                Files.delete(out);
                restored++;
            }
        }
        // the next backup after the crash: incremental when the bitmap is trustworthy, else refused
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE)) {
            boolean consistent = dev.bitmaps().get(0).consistent();
            if (mode.equals("synchronous") && !consistent) {
                fail(id + ": a synchronous bitmap was left inconsistent");
            }
            boolean during = last != null && last.startsWith("B ");
            if (!Chain.hasLinks(chain)) {
                return new Killed(restored, during, false);
            }
            if (Chain.read(chain).last().manifest().generation() != dev.bitmaps().get(0).generation()) {
                // killed after the link was durable, before the descriptor took its generation: the
                // chain ends (safe), and a full backup in a new chain holds the image
                StackException e = assertThrows(StackException.class,
                        () -> Backup.run(dev, "bm", chain, false, Progress.NONE), id);
                assertEquals(Code.CHAIN_INVALID, e.code(), id);
                Path fresh = dir.resolve("chain2");
                Backup.run(dev, "bm", fresh, true, Progress.NONE);
                Path out = dir.resolve("after.img");
                Restore.run(fresh, out, null, false, Progress.NONE);
                assertEquals(sha256(dir.resolve("disk.img")), sha256(out), id + ": the full backup after the crash");
                return new Killed(restored + 1, during, false);
            }
            if (!consistent) {
                StackException e = assertThrows(StackException.class,
                        () -> Backup.run(dev, "bm", chain, false, Progress.NONE), id);
                assertEquals(Code.BITMAP_IN_USE, e.code(), id);
                return new Killed(restored, during, false);
            }
            Manifest m = Backup.run(dev, "bm", chain, false, Progress.NONE);
            Path out = dir.resolve("after.img");
            Restore.run(chain, out, null, false, Progress.NONE);
            assertEquals(sha256(dir.resolve("disk.img")), sha256(out),
                    id + ": the link taken after the crash (" + m.link() + ") misses a change");
            return new Killed(restored + 1, during, true);
        }
    }

    private static String sha256(Path file) throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
        md.update(Files.readAllBytes(file));
        return java.util.HexFormat.of().formatHex(md.digest());
    }
}
