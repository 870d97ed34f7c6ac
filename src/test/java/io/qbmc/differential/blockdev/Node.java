package io.qbmc.differential.blockdev;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One -blockdev node (or -object) under construction: ordered keys with typed values, so one
 * node renders both as keyval (every value a string, as the command line carries it) and as
 * JSON (QAPI-typed, as libvirt writes it). Values are String, Long, Boolean, {@link Ref} (a
 * node-name reference, a string in both forms), a nested Node (an inline child or a struct such
 * as cache), or a List of those. A key may contain dots: it then stays one key in JSON and is
 * one dotted key in keyval, which is how broken inputs such as {"file": "f", "file.filename": x}
 * are written.
 */
final class Node {
    /** A reference to another node by node-name. */
    record Ref(String name) {
    }

    /** JSON null; the empty string in keyval, which QEMU 7.2 reads as null for "backing" (with a deprecation warning). */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private final LinkedHashMap<String, Object> entries = new LinkedHashMap<>();

    static Node of(Object... keyValues) {
        Node n = new Node();
        for (int i = 0; i < keyValues.length; i += 2) {
            n.put((String) keyValues[i], keyValues[i + 1]);
        }
        return n;
    }

    Node put(String key, Object value) {
        entries.put(key, value);
        return this;
    }

    Node remove(String key) {
        entries.remove(key);
        return this;
    }

    Object get(String key) {
        return entries.get(key);
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Map<String, Object> entries() {
        return entries;
    }

    String driver() {
        return entries.get("driver") instanceof String s ? s : null;
    }

    String nodeName() {
        return entries.get("node-name") instanceof String s ? s : null;
    }

    Node copy() {
        Node n = new Node();
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            n.entries.put(e.getKey(), copy(e.getValue()));
        }
        return n;
    }

    private static Object copy(Object v) {
        if (v instanceof Node n) {
            return n.copy();
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                out.add(copy(o));
            }
            return out;
        }
        return v;
    }

    /** Every reference in this node, inline children included, with the key path that holds it. */
    List<Map.Entry<String, Ref>> refs() {
        List<Map.Entry<String, Ref>> out = new ArrayList<>();
        collect("", this, out);
        return out;
    }

    private static void collect(String path, Object v, List<Map.Entry<String, Ref>> out) {
        if (v instanceof Ref r) {
            out.add(Map.entry(path, r));
        } else if (v instanceof Node n) {
            for (Map.Entry<String, Object> e : n.entries.entrySet()) {
                collect(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
            }
        } else if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                collect(path + "." + i, l.get(i), out);
            }
        }
    }

    /** Replaces the reference at a path (as {@link #refs()} names it) by a value. */
    void replace(String path, Object value) {
        String[] parts = path.split("\\.");
        Object at = this;
        for (int i = 0; i < parts.length - 1; i++) {
            at = step(at, parts[i]);
        }
        String last = parts[parts.length - 1];
        if (at instanceof Node n) {
            n.entries.put(last, value);
        } else {
            @SuppressWarnings("unchecked")
            List<Object> l = (List<Object>) at;
            l.set(Integer.parseInt(last), value);
        }
    }

    private static Object step(Object at, String part) {
        return at instanceof Node n ? n.entries.get(part) : ((List<?>) at).get(Integer.parseInt(part));
    }

    // ---------------------------------------------------------------- rendering

    /**
     * keyval text (util/keyval.c): key=value items joined by ',', ',' in a value doubled. With
     * an implied key ("driver" for -blockdev, "qom-type" for -object) its value comes first
     * without "key=".
     */
    String keyval(String impliedKey) {
        List<String[]> flat = new ArrayList<>();
        flatten("", this, flat);
        StringBuilder out = new StringBuilder();
        if (impliedKey != null) {
            for (String[] p : flat) {
                if (p[0].equals(impliedKey)) {
                    out.append(p[1].replace(",", ",,"));
                }
            }
        }
        for (String[] p : flat) {
            if (impliedKey != null && p[0].equals(impliedKey)) {
                continue;
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(p[0]).append('=').append(p[1].replace(",", ",,"));
        }
        return out.toString();
    }

    private static void flatten(String path, Object v, List<String[]> out) {
        if (v instanceof Node n) {
            for (Map.Entry<String, Object> e : n.entries.entrySet()) {
                flatten(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
            }
        } else if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                flatten(path + "." + i, l.get(i), out);
            }
        } else {
            out.add(new String[] {path, scalar(v)});
        }
    }

    private static String scalar(Object v) {
        if (v == NULL) {
            return "";
        }
        if (v instanceof Ref r) {
            return r.name();
        }
        if (v instanceof Boolean b) {
            return b ? "on" : "off";
        }
        return String.valueOf(v);
    }

    /** JSON text, compact, keys in order, non-ASCII as is. */
    String json() {
        StringBuilder out = new StringBuilder();
        json(this, out);
        return out.toString();
    }

    private static void json(Object v, StringBuilder out) {
        if (v instanceof Node n) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : n.entries.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(e.getKey(), out);
                out.append(':');
                json(e.getValue(), out);
            }
            out.append('}');
        } else if (v instanceof List<?> l) {
            out.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                json(l.get(i), out);
            }
            out.append(']');
        } else if (v instanceof Ref r) {
            string(r.name(), out);
        } else if (v == NULL) {
            out.append("null");
        } else if (v instanceof Boolean || v instanceof Number) {
            out.append(v);
        } else {
            string((String) v, out);
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        return json();
    }
}
