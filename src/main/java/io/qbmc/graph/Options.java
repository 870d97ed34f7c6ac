package io.qbmc.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers for the typed records' generic views. */
final class Options {
    private Options() {
    }

    static Map<String, Value> freeze(Map<String, Value> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    static Map<String, Value> with(Map<String, Value> extra, Object... keyValues) {
        LinkedHashMap<String, Value> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            Value v = toValue(keyValues[i + 1]);
            if (v != null) {
                out.put((String) keyValues[i], v);
            }
        }
        out.putAll(extra);
        return Collections.unmodifiableMap(out);
    }

    static Value toValue(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof Value v) {
            return v;
        }
        if (o instanceof String s) {
            return new Value.Str(s);
        }
        if (o instanceof Long l) {
            return new Value.Int(l);
        }
        if (o instanceof Boolean b) {
            return new Value.Bool(b);
        }
        if (o instanceof Child c) {
            return new Value.Node(c);
        }
        throw new IllegalArgumentException("not an option value: " + o.getClass());
    }

    static String str(Map<String, Value> m, String key) {
        return m.get(key) instanceof Value.Str s ? s.value() : null;
    }

    static Long num(Map<String, Value> m, String key) {
        return m.get(key) instanceof Value.Int i ? i.bits() : null;
    }

    static Boolean bool(Map<String, Value> m, String key) {
        return m.get(key) instanceof Value.Bool b ? b.value() : null;
    }

    static Child child(Map<String, Value> m, String key) {
        return m.get(key) instanceof Value.Node n ? n.child() : null;
    }

    /** The options that a typed record does not lift into fields. */
    static Map<String, Value> rest(Map<String, Value> m, String... lifted) {
        LinkedHashMap<String, Value> out = new LinkedHashMap<>(m);
        for (String k : lifted) {
            out.remove(k);
        }
        return out;
    }
}
