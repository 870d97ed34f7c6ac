package io.qbmc.emit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order in which QEMU prints a QDict: by hash bucket (tdb_hash modulo 512, qobject/qdict.c),
 * the most recently inserted key first within a bucket. Following it makes our json: output
 * match the canonical names qemu-img prints.
 */
public final class QemuKeyOrder {
    static final int BUCKETS = 512;

    private QemuKeyOrder() {
    }

    public static int bucket(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int value = 0x238F13AF * bytes.length;
        for (int i = 0; i < bytes.length; i++) {
            value += (bytes[i] & 0xff) << (i * 5 % 24);
        }
        int hash = 1103515243 * value + 12345;
        return (int) (Integer.toUnsignedLong(hash) % BUCKETS);
    }

    /** Keys in QEMU's printing order, given their insertion order. */
    public static List<String> order(List<String> insertionOrder) {
        List<String> keys = new ArrayList<>(insertionOrder);
        List<Integer> position = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            position.add(i);
        }
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(Comparator.comparingInt(QemuKeyOrder::bucket)
                .thenComparing(Comparator.comparingInt((String k) -> insertionOrder.indexOf(k)).reversed()));
        return sorted;
    }
}
