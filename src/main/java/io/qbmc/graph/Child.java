package io.qbmc.graph;

/** What fills a child slot: a node defined in place, a reference by node-name, or nothing (backing: null). */
public sealed interface Child {

    record Inline(BlockNode node) implements Child {
    }

    record Ref(String nodeName) implements Child {
    }

    /** An explicit null: "backing": null opens an image without its backing file. */
    record None() implements Child {
    }
}
