package io.qbmc.check;

import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.BlockGraph;
import io.qbmc.graph.Origins;
import java.util.List;

/** Runs every rule over a graph. */
public final class Checks {
    /** The rules, each independent of the others. */
    public static final List<Rule> RULES = List.of(
            new NodeNameRule(),
            new ReferenceRule(),
            new CommonOptionsRule(),
            new RawRule(),
            new QuorumRule(),
            new QbmRule(),
            new SharedFileRule(),
            new ObjectReferenceRule(),
            new BlkdebugRule(),
            new NetworkRule(),
            new Qcow2Rule(),
            new VvfatRule(),
            new BlklogwritesRule(),
            new PreallocateRule(),
            new ReplicationRule(),
            new NullRule(),
            new GlusterRule(),
            new PermissionRule());

    private Checks() {
    }

    public static void run(BlockGraph graph, Origins origins, boolean objectsKnown, Diagnostics diags) {
        run(graph, origins, objectsKnown, null, java.util.Set.of(), diags);
    }

    /**
     * @param objectsInOrder where each -object is defined, when objects and nodes are created in
     *                       command-line order (qemu-storage-daemon); null otherwise
     * @param blockdevTops   the top-level nodes given as -blockdev nodes (compared by identity)
     */
    public static void run(BlockGraph graph, Origins origins, boolean objectsKnown,
            java.util.Map<String, io.qbmc.source.Span> objectsInOrder, java.util.Set<io.qbmc.graph.BlockNode> blockdevTops,
            Diagnostics diags) {
        CheckContext context = new CheckContext(graph, origins, objectsKnown, objectsInOrder, blockdevTops);
        for (Rule rule : RULES) {
            rule.check(context, diags);
        }
    }
}
