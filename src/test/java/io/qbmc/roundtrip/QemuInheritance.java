package io.qbmc.roundtrip;

import io.qbmc.graph.BlockNode;
import io.qbmc.graph.BlockNodes;
import io.qbmc.graph.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a child opened in place takes from its parent, as QEMU 7.2's block.c
 * bdrv_inherited_options gives it: cache.direct, cache.no-flush and force-share when the parent
 * has them; read-only and auto-read-only likewise, except that a backing (COW) child defaults to
 * read-only=on, auto-read-only=off; and discard=unmap by default. A -blockdev node is opened on
 * its own and inherits nothing, so this is what a child must state once it is written as a node
 * of its own. Written here independently of the emitter, from the QEMU source, as the oracle.
 */
final class QemuInheritance {
    private QemuInheritance() {
    }

    /**
     * The child with every option it would inherit written out, its own options untouched.
     *
     * @param parent the parent with its own inherited options already written out
     * @param cow    whether the child is the parent's backing file
     */
    static BlockNode openedAlone(BlockNode child, BlockNode parent, boolean cow) {
        Map<String, Value> o = new LinkedHashMap<>(child.options());
        Map<String, Value> p = parent.options();
        Map<String, Value> cache = o.get("cache") instanceof Value.Obj c ? new LinkedHashMap<>(c.members())
                : new LinkedHashMap<>();
        if (p.get("cache") instanceof Value.Obj pc) {
            for (String member : new String[] {"direct", "no-flush"}) {
                if (!cache.containsKey(member) && pc.members().containsKey(member)) {
                    cache.put(member, pc.members().get(member));
                }
            }
        }
        if (!cache.isEmpty()) {
            o.put("cache", new Value.Obj(cache));
        }
        copyDefault(o, p, "force-share");
        if (cow) {
            o.putIfAbsent("read-only", new Value.Bool(true));
            o.putIfAbsent("auto-read-only", new Value.Bool(false));
        } else {
            copyDefault(o, p, "read-only");
            copyDefault(o, p, "auto-read-only");
        }
        o.putIfAbsent("discard", new Value.Str("unmap"));
        return BlockNodes.of(child.driver(), o);
    }

    /** qdict_copy_default: the parent's value when the child has none. */
    private static void copyDefault(Map<String, Value> child, Map<String, Value> parent, String key) {
        if (!child.containsKey(key) && parent.containsKey(key)) {
            child.put(key, parent.get(key));
        }
    }
}
