package io.qbmc.testing.gen;

import io.qbmc.graph.BlockGraph;
import io.qbmc.graph.BlockNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Valid block graphs over every driver the schemas declare. */
public final class Graphs {
    /** Deep enough for format over filter over format over protocol, small enough to read when shrunk. */
    static final int TREE_DEPTH = 3;
    static final int SET_DEPTH = 2;

    private static final SchemaNodes TREE_NODES = new SchemaNodes(false, TREE_DEPTH);
    private static final SchemaNodes SET_NODES = new SchemaNodes(true, SET_DEPTH);

    private Graphs() {
    }

    /** One tree of inline nodes, as a json: filename or a dotted string holds it. */
    public static Arbitrary<BlockGraph> trees() {
        return TREE_NODES.hoisting(TREE_NODES.node(0, false, false)).map(Repair::tree).map(BlockGraph::of);
    }

    /**
     * A -blockdev set: one to four named top nodes, each a tree whose children may refer by
     * node-name to nodes defined earlier in the set (top or inline).
     */
    public static Arbitrary<BlockGraph> blockdevSets() {
        Arbitrary<BlockNode> first = SET_NODES.hoisting(SET_NODES.node(0, false, false));
        Arbitrary<List<BlockNode>> more = SET_NODES.hoisting(SET_NODES.node(0, false, true)).list().ofMaxSize(3);
        return Combinators.combine(first, more).as((f, m) -> {
            List<BlockNode> all = new ArrayList<>();
            all.add(f);
            all.addAll(m);
            return new BlockGraph(Repair.set(all), List.of(), List.of());
        });
    }
}
