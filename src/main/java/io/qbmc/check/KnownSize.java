package io.qbmc.check;

import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.GenericNode;
import io.qbmc.graph.RawNode;
import io.qbmc.graph.Value;

/** The virtual size of a node when the configuration states it, without reading any file. */
final class KnownSize {
    private KnownSize() {
    }

    static Long of(Child child) {
        if (child instanceof Child.Inline i) {
            return of(i.node());
        }
        return null;
    }

    static Long of(BlockNode node) {
        if (node instanceof RawNode raw) {
            return raw.size() != null ? raw.size() : of(raw.file());
        }
        if (node instanceof GenericNode g && (g.driver().equals("null-co") || g.driver().equals("null-aio"))) {
            return g.options().get("size") instanceof Value.Int i ? i.bits() : 1L << 30;
        }
        return null;
    }
}
