package io.qbmc.bench;

import io.qbmc.backup.Backup;
import io.qbmc.backup.Progress;
import io.qbmc.runtime.BlockDevice;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * B6: an incremental backup of a 1 GiB image with 10% of its clusters dirty
 * ({@link Workloads#dirtyClusters}, the clusters and bytes BenchRun copies with cp for the
 * baseline). A full backup starts the chain; then three rounds each write the dirty clusters
 * through the device, flush, and time one incremental backup. Prints the median in seconds.
 * Usage: BackupProbe WORK_DIR. Compiled only with the runtime (see RuntimeBench).
 */
public final class BackupProbe {
    private BackupProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).resolve("b6-stack");
        RuntimeStacks.delete(dir);
        Path qbm = RuntimeStacks.create(dir, Workloads.BACKUP_IMAGE, Workloads.GRANULARITY, "deferred");
        Path chain = dir.resolve("chain");
        long[] clusters = Workloads.dirtyClusters(Workloads.BACKUP_IMAGE, Workloads.GRANULARITY,
                Workloads.BACKUP_DIRTY_PERCENT, 6);
        double[] seconds = new double[3];
        try (BlockDevice device = RuntimeStacks.open(qbm)) {
            Backup.run(device, "b0", chain, true, Progress.NONE);
            ByteBuffer cluster = ByteBuffer.allocateDirect((int) Workloads.GRANULARITY);
            byte[] data = new byte[(int) Workloads.GRANULARITY];
            for (int round = 0; round < seconds.length; round++) {
                SplittableRandom r = new SplittableRandom(7 + round);
                for (long c : clusters) {
                    r.nextBytes(data);
                    cluster.clear();
                    cluster.put(data).flip();
                    device.write(c * Workloads.GRANULARITY, cluster);
                }
                device.flush();
                long t = System.nanoTime();
                Backup.run(device, "b0", chain, false, Progress.NONE);
                seconds[round] = (System.nanoTime() - t) / 1e9;
            }
        }
        RuntimeStacks.delete(dir);
        Arrays.sort(seconds);
        System.out.println(seconds[seconds.length / 2]);
    }
}
