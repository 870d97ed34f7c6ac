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
    private final Map<String, io.qbmc.source.Span> objectsInOrder;
    private final List<Visit> visits = new ArrayList<>();

    /**
     * A node as reached from a top-level node.
     *
     * @param top        the top-level node it was reached from
     * @param path       option path from the top node, e.g. "file.image"
     * @param effective  the node's options as QEMU opens it: its own plus what it inherits from
     *                   its parents (graph.Inheritance)
     */
    public record Visit(BlockNode node, BlockNode top, String path, Map<String, Value> effective) {
    }

    public CheckContext(BlockGraph graph, Origins origins, boolean objectsKnown) {
        this(graph, origins, objectsKnown, null, java.util.Set.of());
    }

    /**
     * @param objectsInOrder where each -object is defined, when the program creates objects and
     *                       nodes in command-line order (qemu-storage-daemon); null otherwise
     * @param blockdevTops   the top-level nodes given as -blockdev nodes, by identity: QEMU opens
     *                       them read-write unless they say read-only=on (blockdev.c
     *                       bds_tree_init sets read-only=off as the default), and their inline
     *                       children inherit that
     */
    public CheckContext(BlockGraph graph, Origins origins, boolean objectsKnown,
            Map<String, io.qbmc.source.Span> objectsInOrder, java.util.Set<BlockNode> blockdevTops) {
        this.graph = graph;
        this.origins = origins;
        this.objectsKnown = objectsKnown;
        this.objectsInOrder = objectsInOrder;
        for (BlockNode top : graph.nodes()) {
            Map<String, Value> effective = top.options();
            if (blockdevTops.contains(top) && !effective.containsKey("read-only")) {
                effective = new java.util.LinkedHashMap<>(effective);
                effective.put("read-only", new Value.Bool(false));
            }
            walk(top, top, "", effective, Collections.newSetFromMap(new IdentityHashMap<>()));
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

    /**
     * Whether an -object comes after the top-level node, where the program creates objects and
     * nodes in command-line order: the node then cannot find it.
     */
    public boolean definedAfter(String objectId, BlockNode top) {
        if (objectsInOrder == null || !objectsInOrder.containsKey(objectId)) {
            return false;
        }
        io.qbmc.source.Span object = objectsInOrder.get(objectId);
        io.qbmc.source.Span node = origins.span(top);
        return object.hasOffsets() && node.hasOffsets() && object.source() == node.source()
                && object.start() > node.start();
    }

    /** Every node of every top-level tree, inline children included, parents before children. */
    public List<Visit> visits() {
        return visits;
    }

    private void walk(BlockNode node, BlockNode top, String path, Map<String, Value> effective,
            java.util.Set<BlockNode> seen) {
        if (!seen.add(node)) {
            return;
        }
        visits.add(new Visit(node, top, path, effective));
        forEachInlineChild(node, (childPath, child) -> walk(child, top, path.isEmpty() ? childPath : path + "." + childPath,
                io.qbmc.graph.Inheritance.effective(child.options(), effective, childPath.equals("backing")), seen));
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

    /** An option of a node as QEMU opens it: its own, else inherited from its parents; null when neither. */
    public static Value effective(Visit visit, String name) {
        return lookup(visit.effective(), name);
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
