package io.qbmc.differential;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A spec under construction: flat dotted keys with string values, in order, repetitions
 * allowed. Rendered as a dotted --image-opts string or as a json: filename, so one generated
 * configuration can be tried in both forms.
 */
final class Opts {
    /** Option names whose on/off values may be written as JSON booleans. */
    private static final Set<String> BOOLS = Set.of("read-only", "auto-read-only", "force-share", "direct", "no-flush",
            "drop-cache", "x-check-cache-dropped", "blkverify", "rewrite-corrupted", "read-zeroes", "once",
            "immediately", "lazy-refcounts", "pass-discard-request", "pass-discard-snapshot", "pass-discard-other",
            "sslverify", "numeric", "ipv4", "ipv6", "keep-alive", "main-header", "active-l1");
    private static final Pattern JSON_INT = Pattern.compile("0|[1-9][0-9]{0,17}");

    private final List<String[]> pairs = new ArrayList<>();

    static Opts of(String... keyValues) {
        Opts o = new Opts();
        for (int i = 0; i < keyValues.length; i += 2) {
            o.put(keyValues[i], keyValues[i + 1]);
        }
        return o;
    }

    Opts copy() {
        Opts o = new Opts();
        for (String[] p : pairs) {
            o.pairs.add(p.clone());
        }
        return o;
    }

    /** Sets a key, replacing its value in place if present. */
    Opts put(String key, String value) {
        for (String[] p : pairs) {
            if (p[0].equals(key)) {
                p[1] = value;
                return this;
            }
        }
        pairs.add(new String[] {key, value});
        return this;
    }

    /** Appends a key even if present: a repetition. */
    Opts add(String key, String value) {
        pairs.add(new String[] {key, value});
        return this;
    }

    /** Removes a key and everything under it. */
    Opts remove(String key) {
        pairs.removeIf(p -> p[0].equals(key) || p[0].startsWith(key + "."));
        return this;
    }

    /** Renames a key (and everything under it). */
    Opts rename(String from, String to) {
        for (String[] p : pairs) {
            if (p[0].equals(from)) {
                p[0] = to;
            } else if (p[0].startsWith(from + ".")) {
                p[0] = to + p[0].substring(from.length());
            }
        }
        return this;
    }

    /** Moves every key under a prefix: child options become options of "prefix.". */
    Opts nestUnder(String prefix) {
        for (String[] p : pairs) {
            p[0] = prefix + "." + p[0];
        }
        return this;
    }

    Opts addAll(Opts other) {
        for (String[] p : other.pairs) {
            pairs.add(p.clone());
        }
        return this;
    }

    String get(String key) {
        String v = null;
        for (String[] p : pairs) {
            if (p[0].equals(key)) {
                v = p[1];
            }
        }
        return v;
    }

    List<String> keys() {
        List<String> out = new ArrayList<>();
        for (String[] p : pairs) {
            out.add(p[0]);
        }
        return out;
    }

    boolean hasRepeats() {
        return pairs.stream().map(p -> p[0]).distinct().count() != pairs.size();
    }

    /** QemuOpts text: key=value items joined by ',', a ',' inside a value doubled (get_opt_value). */
    String dotted() {
        StringBuilder out = new StringBuilder();
        for (String[] p : pairs) {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(p[0]).append('=').append(p[1].replace(",", ",,"));
        }
        return out.toString();
    }

    /**
     * A json: filename. Keys are nested into objects (lists for 0..n-1 indices, most of the
     * time), unless keys clash, then written flat as the block layer accepts too. Integers and
     * booleans are sometimes typed, strings sometimes single-quoted or \\u-escaped: all are
     * QEMU's JSON dialect and must not change the meaning.
     */
    String json(Random rng) {
        boolean flat = hasRepeats() || clashes() || rng.nextInt(8) == 0;
        boolean single = rng.nextInt(6) == 0;
        boolean escape = rng.nextBoolean();
        boolean spaced = rng.nextInt(4) == 0;
        StringBuilder out = new StringBuilder("json:");
        if (flat) {
            out.append('{');
            boolean first = true;
            for (String[] p : pairs) {
                if (!first) {
                    out.append(spaced ? ", " : ",");
                }
                first = false;
                string(p[0], single, escape, out);
                out.append(spaced ? ": " : ":");
                scalar(p[0], p[1], rng, single, escape, out);
            }
            return out.append('}').toString();
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        for (String[] p : pairs) {
            insert(tree, p[0].split("\\.", -1), 0, p);
        }
        write(tree, "", rng, single, escape, spaced, out);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static void insert(Map<String, Object> tree, String[] parts, int i, String[] pair) {
        if (i == parts.length - 1) {
            tree.put(parts[i], pair);
            return;
        }
        Object sub = tree.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        insert((Map<String, Object>) sub, parts, i + 1, pair);
    }

    /** Whether some key is both a value and a prefix of another key: then only flat keys work. */
    private boolean clashes() {
        for (String[] a : pairs) {
            for (String[] b : pairs) {
                if (b[0].startsWith(a[0] + ".")) {
                    return true;
                }
            }
            if (a[0].isEmpty() || a[0].startsWith(".") || a[0].endsWith(".") || a[0].contains("..")) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static void write(Object node, String key, Random rng, boolean single, boolean escape, boolean spaced,
            StringBuilder out) {
        if (node instanceof String[] pair) {
            scalar(key, pair[1], rng, single, escape, out);
            return;
        }
        Map<String, Object> map = (Map<String, Object>) node;
        boolean list = isIndexList(map) && rng.nextInt(5) != 0;
        out.append(list ? '[' : '{');
        boolean first = true;
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (!first) {
                out.append(spaced ? ", " : ",");
            }
            first = false;
            if (!list) {
                string(e.getKey(), single, escape, out);
                out.append(spaced ? ": " : ":");
            }
            write(e.getValue(), e.getKey(), rng, single, escape, spaced, out);
        }
        out.append(list ? ']' : '}');
    }

    private static boolean isIndexList(Map<String, Object> map) {
        int i = 0;
        for (String k : map.keySet()) {
            if (!k.equals(Integer.toString(i++))) {
                return false;
            }
        }
        return !map.isEmpty();
    }

    private static void scalar(String key, String value, Random rng, boolean single, boolean escape,
            StringBuilder out) {
        String name = key.substring(key.lastIndexOf('.') + 1);
        if (JSON_INT.matcher(value).matches() && rng.nextBoolean()) {
            out.append(value);
        } else if (BOOLS.contains(name) && (value.equals("on") || value.equals("off")) && rng.nextBoolean()) {
            out.append(value.equals("on"));
        } else {
            string(value, single, escape, out);
        }
    }

    /** A JSON string; QEMU's lexer also takes single quotes (iotest 089). */
    static void string(String s, boolean single, boolean escapeNonAscii, StringBuilder out) {
        char quote = single && s.indexOf('\'') < 0 && s.indexOf('"') < 0 ? '\'' : '"';
        out.append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || escapeNonAscii && c > 0x7e) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append(quote);
    }
}
