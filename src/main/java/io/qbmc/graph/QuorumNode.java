package io.qbmc.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The quorum filter: reads vote across children, writes go to all. */
public record QuorumNode(List<Child> children, Long voteThreshold, Boolean blkverify, Boolean rewriteCorrupted,
        String readPattern, Map<String, Value> extra) implements BlockNode {
    public QuorumNode {
        children = List.copyOf(children);
        extra = Options.freeze(extra);
    }

    static QuorumNode from(Map<String, Value> o) {
        List<Child> children = new ArrayList<>();
        if (o.get("children") instanceof Value.Arr a) {
            for (Value v : a.items()) {
                if (v instanceof Value.Node n) {
                    children.add(n.child());
                }
            }
        }
        return new QuorumNode(children, Options.num(o, "vote-threshold"), Options.bool(o, "blkverify"),
                Options.bool(o, "rewrite-corrupted"), Options.str(o, "read-pattern"),
                Options.rest(o, "children", "vote-threshold", "blkverify", "rewrite-corrupted", "read-pattern"));
    }

    @Override
    public String nodeName() {
        return Options.str(extra, "node-name");
    }

    @Override
    public String driver() {
        return "quorum";
    }

    @Override
    public Map<String, Value> options() {
        List<Value> items = new ArrayList<>();
        for (Child c : children) {
            items.add(new Value.Node(c));
        }
        return Options.with(extra, "children", items.isEmpty() ? null : new Value.Arr(items),
                "vote-threshold", voteThreshold, "blkverify", blkverify, "rewrite-corrupted", rewriteCorrupted,
                "read-pattern", readPattern);
    }
}
