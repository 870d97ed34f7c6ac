package io.qbmc.graph;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a child opened in place takes from its parent (QEMU 7.2 block.c bdrv_inherited_options):
 * cache.direct, cache.no-flush and force-share are copied when the child does not set them;
 * read-only and auto-read-only too, except for a backing child, which opens read-only; and every
 * child unmaps discards unless told otherwise. A node opened on its own (a -blockdev node, or a
 * child given by node-name) inherits nothing.
 */
public final class Inheritance {
    private static final String[] CACHE = {"direct", "no-flush"};

    private Inheritance() {
    }

    /**
     * A child's options as QEMU opens it: its own, plus what it inherits.
     *
     * @param parent the parent's options as QEMU opened it (its own inherited ones included)
     * @param cow    whether the child is its parent's backing file
     */
    public static Map<String, Value> effective(Map<String, Value> own, Map<String, Value> parent, boolean cow) {
        Map<String, Value> out = new LinkedHashMap<>(own);
        Map<String, Value> cache = new LinkedHashMap<>();
        if (own.get("cache") instanceof Value.Obj c) {
            cache.putAll(c.members());
        }
        if (parent.get("cache") instanceof Value.Obj c) {
            for (String m : CACHE) {
                if (c.members().containsKey(m)) {
                    cache.putIfAbsent(m, c.members().get(m));
                }
            }
        }
        if (!cache.isEmpty()) {
            out.put("cache", new Value.Obj(cache));
        }
        inherit(out, parent, "force-share");
        if (cow) {
            out.putIfAbsent("read-only", new Value.Bool(true));
            out.putIfAbsent("auto-read-only", new Value.Bool(false));
        } else {
            inherit(out, parent, "read-only");
            inherit(out, parent, "auto-read-only");
        }
        // bdrv_co_pdiscard respects the parent's policy, so QEMU lets every child unmap
        out.putIfAbsent("discard", new Value.Str("unmap"));
        return out;
    }

    /** A child written as a node of its own (-blockdev): what it inherited must be stated. */
    public static BlockNode writtenOut(BlockNode child, Map<String, Value> parent, boolean cow) {
        return BlockNodes.of(child.driver(), effective(child.options(), parent, cow));
    }

    /**
     * A node of its own about to become a child in place (inlining a -blockdev reference): it
     * must state the defaults of a node of its own wherever inheriting would change them.
     */
    public static BlockNode keepingOwnDefaults(BlockNode node, Map<String, Value> parent, boolean cow) {
        Map<String, Value> own = node.options();
        Map<String, Value> asChild = effective(own, parent, cow);
        Map<String, Value> out = new LinkedHashMap<>(own);
        if (!own.containsKey("discard")) {
            out.put("discard", new Value.Str("ignore"));
        }
        for (String key : new String[] {"read-only", "auto-read-only", "force-share"}) {
            if (!own.containsKey(key) && asChild.get(key) instanceof Value.Bool b && b.value()) {
                out.put(key, new Value.Bool(false));
            }
        }
        Map<String, Value> cache = own.get("cache") instanceof Value.Obj c ? new LinkedHashMap<>(c.members())
                : new LinkedHashMap<>();
        boolean changed = false;
        for (String m : CACHE) {
            if (!cache.containsKey(m) && asChild.get("cache") instanceof Value.Obj c
                    && c.members().get(m) instanceof Value.Bool b && b.value()) {
                cache.put(m, new Value.Bool(false));
                changed = true;
            }
        }
        if (changed) {
            out.put("cache", new Value.Obj(cache));
        }
        return BlockNodes.of(node.driver(), out);
    }

    private static void inherit(Map<String, Value> out, Map<String, Value> parent, String key) {
        Value v = parent.get(key);
        if (v != null) {
            out.putIfAbsent(key, v);
        }
    }
}
