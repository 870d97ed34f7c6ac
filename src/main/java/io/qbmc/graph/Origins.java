package io.qbmc.graph;

import io.qbmc.source.Span;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Where each node and option of a graph was written. Kept beside the graph rather than in it, so
 * that two graphs built from different texts are equal when they mean the same.
 */
public final class Origins {
    private final IdentityHashMap<BlockNode, NodeOrigin> byNode = new IdentityHashMap<>();

    /**
     * @param span   the whole text of the node
     * @param keys   option path relative to the node ("vote-threshold", "bitmaps.0.name") to the
     *               span of its key
     * @param values the same paths to the spans of their values
     */
    public record NodeOrigin(Span span, Map<String, Span> keys, Map<String, Span> values) {
    }

    public void put(BlockNode node, NodeOrigin origin) {
        byNode.put(node, origin);
    }

    public NodeOrigin of(BlockNode node) {
        return byNode.get(node);
    }

    /** The node's own span, or NONE. */
    public Span span(BlockNode node) {
        NodeOrigin o = byNode.get(node);
        return o == null ? Span.NONE : o.span();
    }

    /** The span of an option's value, else of its key, else of the node. */
    public Span value(BlockNode node, String path) {
        NodeOrigin o = byNode.get(node);
        if (o == null) {
            return Span.NONE;
        }
        Span v = o.values().get(path);
        if (v != null && v.isKnown()) {
            return v;
        }
        return key(node, path);
    }

    /** The span of an option's key, else of the node. */
    public Span key(BlockNode node, String path) {
        NodeOrigin o = byNode.get(node);
        if (o == null) {
            return Span.NONE;
        }
        Span k = o.keys().get(path);
        return k != null && k.isKnown() ? k : o.span();
    }
}
