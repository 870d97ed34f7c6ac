package io.qbmc.check;

import io.qbmc.graph.BlockGraph;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.Origins;
import io.qbmc.graph.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What rules look at: the graph, where everything was written, and every node with the options
 * it inherits from its parents (cache.*, read-only), computed once.
 */
public final class CheckContext {
    private final BlockGraph graph;
    private final Origins origins;
    private final boolean objectsKnown;
    private final List<Visit> visits = new ArrayList<>();

    /**
     * A node as reached from a top-level node.
     *
     * @param top        the top-level node it was reached from
     * @param path       option path from the top node, e.g. "file.image"
     * @param inherited  options inherited from parents, by name ("cache.direct", "read-only")
     */
    public record Visit(BlockNode node, BlockNode top, String path, Map<String, Value> inherited) {
    }

    public CheckContext(BlockGraph graph, Origins origins, boolean objectsKnown) {
        this.graph = graph;
        this.origins = origins;
        this.objectsKnown = objectsKnown;
        for (BlockNode top : graph.nodes()) {
            walk(top, top, "", Map.of(), Collections.newSetFromMap(new IdentityHashMap<>()));
        }
    }

    public BlockGraph graph() {
        return graph;
    }

    public Origins origins() {
        return origins;
    }

    /** Whether the input defined its -object's, so references to objects can be checked. */
    public boolean objectsKnown() {
        return objectsKnown;
    }

    /** Every node of every top-level tree, inline children included, parents before children. */
    public List<Visit> visits() {
        return visits;
    }

    private void walk(BlockNode node, BlockNode top, String path, Map<String, Value> inherited,
            java.util.Set<BlockNode> seen) {
        if (!seen.add(node)) {
            return;
        }
        visits.add(new Visit(node, top, path, inherited));
        Map<String, Value> mine = new java.util.LinkedHashMap<>(inherited);
        Value cache = node.options().get("cache");
        if (cache instanceof Value.Obj o) {
            for (Map.Entry<String, Value> e : o.members().entrySet()) {
                mine.put("cache." + e.getKey(), e.getValue());
            }
        }
        Value ro = node.options().get("read-only");
        if (ro != null) {
            mine.put("read-only", ro);
        }
        forEachInlineChild(node, (childPath, child) ->
                walk(child, top, path.isEmpty() ? childPath : path + "." + childPath, mine, seen));
    }

    /** Calls back for every inline child of a node, with its option path relative to the node. */
    public static void forEachInlineChild(BlockNode node, java.util.function.BiConsumer<String, BlockNode> action) {
        for (Map.Entry<String, Value> e : node.options().entrySet()) {
            children(e.getKey(), e.getValue(), action);
        }
    }

    /** Calls back for every child slot (inline, reference or null) of a node. */
    public static void forEachChild(BlockNode node, java.util.function.BiConsumer<String, Child> action) {
        for (Map.Entry<String, Value> e : node.options().entrySet()) {
            slots(e.getKey(), e.getValue(), action);
        }
    }

    private static void children(String path, Value v, java.util.function.BiConsumer<String, BlockNode> action) {
        slots(path, v, (p, c) -> {
            if (c instanceof Child.Inline i) {
                action.accept(p, i.node());
            }
        });
    }

    private static void slots(String path, Value v, java.util.function.BiConsumer<String, Child> action) {
        if (v instanceof Value.Node n) {
            action.accept(path, n.child());
        } else if (v instanceof Value.Obj o) {
            for (Map.Entry<String, Value> e : o.members().entrySet()) {
                slots(path + "." + e.getKey(), e.getValue(), action);
            }
        } else if (v instanceof Value.Arr a) {
            for (int i = 0; i < a.items().size(); i++) {
                slots(path + "." + i, a.items().get(i), action);
            }
        }
    }

    /** An option of a node, inherited from its parents when the node does not set it. */
    public static Value effective(Visit visit, String name) {
        Value own = lookup(visit.node().options(), name);
        return own != null ? own : visit.inherited().get(name);
    }

    /** A possibly dotted option path in an options map. */
    public static Value lookup(Map<String, Value> options, String path) {
        Value at = null;
        Map<String, Value> level = options;
        for (String part : path.split("\\.")) {
            if (level == null) {
                return null;
            }
            at = level.get(part);
            level = at instanceof Value.Obj o ? o.members() : null;
        }
        return at;
    }
}
