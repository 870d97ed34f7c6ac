package io.qbmc.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;

/**
 * B7: runs {@code qbmc validate ARGS} in this JVM (started by the harness with the heap limit)
 * and measures the live heap while it runs: a sampler thread forces a full collection every
 * 25 ms and reads the heap in use right after it, so the figure is the data validate keeps
 * reachable, not garbage waiting for a collection. Prints "exit PEAK_LIVE_BYTES SAMPLES".
 */
public final class HeapProbe {
    private HeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        PrintStream realOut = System.out;
        long[] peak = {0};
        int[] samples = {0};
        Flag running = new Flag();
        Thread sampler = new Thread(() -> {
            while (running.on) {
                System.gc();
                long used = mem.getHeapMemoryUsage().getUsed();
                synchronized (peak) {
                    peak[0] = Math.max(peak[0], used);
                    samples[0]++;
                }
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-probe");
        sampler.setDaemon(true);
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        sampler.start();
        int exit = io.qbmc.cli.Main.run(args);
        running.on = false;
        sampler.join();
        // the report is written by now; one last reading covers a run shorter than a sampling period
        System.gc();
        long last = mem.getHeapMemoryUsage().getUsed();
        synchronized (peak) {
            peak[0] = Math.max(peak[0], last);
            realOut.println(exit + " " + peak[0] + " " + samples[0]);
        }
        realOut.flush();
    }

    private static final class Flag {
        volatile boolean on = true;
    }
}
