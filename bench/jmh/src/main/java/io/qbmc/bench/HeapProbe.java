package io.qbmc.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * B7: runs {@code qbmc validate ARGS} in this JVM (started by the harness with the heap limit)
 * and measures the live heap while it runs. A sampler thread forces a full collection every
 * 20 ms; the heap in use at the end of each full collection, as the collector reports it, is the
 * data validate keeps reachable at that moment, not garbage waiting to be collected. Prints
 * "EXIT PEAK_LIVE_BYTES FULL_COLLECTIONS".
 */
public final class HeapProbe {
    private HeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        AtomicLong peak = new AtomicLong();
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        AtomicInteger collections = new AtomicInteger();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                if (!info.getGcAction().contains("major")) {
                    return;
                }
                long used = 0;
                for (Map.Entry<String, MemoryUsage> u : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (heapPools.contains(u.getKey())) {
                        used += u.getValue().getUsed();
                    }
                }
                peak.accumulateAndGet(used, Math::max);
                collections.incrementAndGet();
            }, null, null);
        }
        PrintStream realOut = System.out;
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                try {
                    Thread.sleep(20);
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
        sampler.interrupt();
        sampler.join();
        Thread.sleep(200); // notifications are delivered on their own thread
        realOut.println(exit + " " + peak.get() + " " + collections.get());
        realOut.flush();
    }
}
