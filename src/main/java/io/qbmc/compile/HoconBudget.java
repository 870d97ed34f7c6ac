package io.qbmc.compile;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What resolving a HOCON file's substitutions would cost, worked out from the unresolved tree
 * before typesafe-config resolves it. A few lines can ask for gigabytes ("x1 = ${x0}${x0}",
 * forty times) or for time quadratic in their count ("k += 1", thousands of times), and
 * typesafe-config has no limit of its own.
 */
final class HoconBudget {
    /** Substitutions one value may hold; past a few hundred, += chains take seconds to resolve. */
    static final int MAX_REFERENCES_PER_VALUE = 256;

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{\\??\\s*([^}]*?)\\s*\\}");

    /** A value's own text, less its substitutions, and the paths they name. */
    private record Leaf(long literal, List<String> references, ConfigOrigin origin) {
    }

    /** Over budget: which value, and why. */
    record Overrun(String path, ConfigOrigin origin, String why) {
    }

    private final Map<String, Leaf> leaves = new LinkedHashMap<>();
    private final Map<String, Long> sizes = new HashMap<>();
    private final Set<String> visiting = new HashSet<>();
    private final long maxChars;

    private HoconBudget(long maxChars) {
        this.maxChars = maxChars;
    }

    /** The first value whose substitutions are over budget, or null. */
    static Overrun check(ConfigObject root, long maxChars) {
        HoconBudget b = new HoconBudget(maxChars);
        try {
            b.collect(root, "");
        } catch (ConfigException e) {
            return null; // a shape the walk cannot read unresolved: typesafe-config reports on it
        }
        for (Map.Entry<String, Leaf> e : b.leaves.entrySet()) {
            Leaf l = e.getValue();
            if (l.references().size() > MAX_REFERENCES_PER_VALUE) {
                return new Overrun(e.getKey(), l.origin(), "holds " + l.references().size()
                        + " substitutions (+= counts as one); the limit is " + MAX_REFERENCES_PER_VALUE);
            }
        }
        for (Map.Entry<String, Leaf> e : b.leaves.entrySet()) {
            if (b.size(e.getKey()) > maxChars) {
                return new Overrun(e.getKey(), e.getValue().origin(), "would expand to more than " + maxChars
                        + " characters through its substitutions");
            }
        }
        return null;
    }

    private void collect(ConfigValue v, String path) {
        if (v instanceof ConfigObject o) {
            for (Map.Entry<String, ConfigValue> e : o.entrySet()) {
                collect(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
            }
        } else if (v instanceof ConfigList l) {
            for (int i = 0; i < l.size(); i++) {
                collect(l.get(i), path + "." + i);
            }
        } else {
            String text = v.render(ConfigRenderOptions.concise());
            Matcher m = REFERENCE.matcher(text);
            List<String> refs = new java.util.ArrayList<>();
            long literal = text.length();
            while (m.find()) {
                refs.add(m.group(1));
                literal -= m.end() - m.start();
            }
            leaves.put(path, new Leaf(Math.max(0, literal), refs, v.origin()));
        }
    }

    /** Characters the value at path expands to, capped just past the budget. */
    private long size(String path) {
        Long known = sizes.get(path);
        if (known != null) {
            return known;
        }
        if (!visiting.add(path)) {
            return 0; // a cycle: typesafe-config reports it
        }
        long total = 0;
        Leaf leaf = leaves.get(path);
        if (leaf != null) {
            total = leaf.literal();
            for (String ref : leaf.references()) {
                total = Math.min(maxChars + 1, total + referenced(ref));
            }
        } else {
            // an object or list: all the values under it
            String prefix = path + ".";
            for (String p : leaves.keySet()) {
                if (p.startsWith(prefix)) {
                    total = Math.min(maxChars + 1, total + size(p));
                }
            }
        }
        visiting.remove(path);
        sizes.put(path, total);
        return total;
    }

    private long referenced(String ref) {
        if (leaves.containsKey(ref)) {
            return size(ref);
        }
        String prefix = ref + ".";
        for (String p : leaves.keySet()) {
            if (p.startsWith(prefix)) {
                return size(ref);
            }
        }
        return ref.length(); // an environment variable, or missing: small either way
    }
}
