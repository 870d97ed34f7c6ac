package io.qbmc.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A typed option value in the block graph. Numbers are QEMU's uint64 (negative input wraps, as
 * qemu_strtou64 does), so they print unsigned. Two values are equal when they mean the same,
 * whatever spelling the input used ("0x10" and 16).
 */
public sealed interface Value {

    record Str(String value) implements Value {
    }

    record Int(long bits) implements Value {
        @Override
        public String toString() {
            return Long.toUnsignedString(bits);
        }
    }

    record Bool(boolean value) implements Value {
    }

    /** A group of options, such as cache.* or one element of qbm's bitmaps list. */
    record Obj(Map<String, Value> members) implements Value {
        public Obj {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }
    }

    record Arr(List<Value> items) implements Value {
        public Arr {
            items = List.copyOf(items);
        }
    }

    /** A child node where the schema says a child goes. */
    record Node(Child child) implements Value {
    }
}
