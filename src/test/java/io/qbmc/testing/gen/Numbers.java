package io.qbmc.testing.gen;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * QEMU's numbers and sizes are uint64 (the graph keeps the bits in a long). Small values are the
 * common case; the edges of the signed and unsigned ranges are where emitters and parsers
 * disagree, so they come often. Everything shrinks towards 0.
 */
public final class Numbers {
    /** 2^63 and 2^64-1 are Long.MIN_VALUE and -1 as bits. */
    static final Long[] EDGES = {0L, 1L, 7L, 8L, 10L, 511L, 512L, 4096L, 65536L, 1L << 30, 1L << 31, 1L << 32,
            (1L << 53) + 1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, -512L, -2L, -1L};

    private Numbers() {
    }

    public static Arbitrary<Long> uint64() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.longs().between(0, 100_000)),
                Tuple.of(2, Arbitraries.of(EDGES)),
                Tuple.of(2, Arbitraries.longs()));
    }

    /**
     * For -blockdev sets: -blockdev JSON cannot write a value of 2^63 or more (the emitter
     * refuses it), so such values come rarely, enough to test the refusal without making most
     * sets unwritable.
     */
    public static Arbitrary<Long> mostlyInt63() {
        return Arbitraries.frequencyOf(
                Tuple.of(40, Arbitraries.longs().between(0, 100_000)),
                Tuple.of(20, Arbitraries.of(EDGES).filter(x -> x >= 0)),
                Tuple.of(20, Arbitraries.longs().between(0, Long.MAX_VALUE)),
                Tuple.of(1, Arbitraries.of(Long.MIN_VALUE, -512L, -1L)));
    }
}
