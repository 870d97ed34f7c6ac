package io.qbmc.emit;

import io.qbmc.graph.BlockNode;
import io.qbmc.graph.BlockNodes;
import io.qbmc.graph.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options a child opened in place takes from its parent (QEMU 7.2 block.c
 * bdrv_inherited_options). A -blockdev node is opened on its own and inherits nothing, so a
 * child written as a node of its own must state them, or it would open with other settings:
 * read-write under a read-only parent, with the page cache under cache.direct=on, ignoring
 * discards.
 */
final class Inherited {
    /** Copied from the parent when the child does not set them (qdict_copy_default). */
    private static final String[] CACHE = {"direct", "no-flush"};

    private Inherited() {
    }

    /**
     * @param parent the parent as written, its own inherited options included
     * @param cow    whether the child is the parent's backing file, which opens read-only by default
     */
    static BlockNode writtenOut(BlockNode child, BlockNode parent, boolean cow) {
        Map<String, Value> mine = child.options();
        Map<String, Value> theirs = parent.options();
        Map<String, Value> out = new LinkedHashMap<>(mine);

        Map<String, Value> cache = new LinkedHashMap<>();
        if (mine.get("cache") instanceof Value.Obj c) {
            cache.putAll(c.members());
        }
        if (theirs.get("cache") instanceof Value.Obj c) {
            for (String m : CACHE) {
                if (c.members().containsKey(m)) {
                    cache.putIfAbsent(m, c.members().get(m));
                }
            }
        }
        if (!cache.isEmpty()) {
            out.put("cache", new Value.Obj(cache));
        }
        inherit(out, theirs, "force-share");
        if (cow) {
            out.putIfAbsent("read-only", new Value.Bool(true));
            out.putIfAbsent("auto-read-only", new Value.Bool(false));
        } else {
            inherit(out, theirs, "read-only");
            inherit(out, theirs, "auto-read-only");
        }
        // bdrv_co_pdiscard respects the parent's policy, so QEMU lets every child unmap
        out.putIfAbsent("discard", new Value.Str("unmap"));
        return BlockNodes.of(child.driver(), out);
    }

    private static void inherit(Map<String, Value> out, Map<String, Value> parent, String key) {
        Value v = parent.get(key);
        if (v != null) {
            out.putIfAbsent(key, v);
        }
    }
}
