package io.qbmc.differential;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The "per category (agreed/run)" part of a differential suite's summary. */
public final class PerCategory {
    /** Per category: how many ran, how many of those agreed. */
    private final Map<String, long[]> counts = new TreeMap<>();

    public void add(String category, boolean agreed) {
        long[] c = counts.computeIfAbsent(category, k -> new long[2]);
        c[0]++;
        if (agreed) {
            c[1]++;
        }
    }

    @Override
    public String toString() {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()[1] + "/" + e.getValue()[0])
                .collect(Collectors.joining(", "));
    }
}
