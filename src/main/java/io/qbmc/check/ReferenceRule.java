package io.qbmc.check;

import io.qbmc.text.Suggest;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Node-name references: each must name a node that exists when QEMU opens the referring one
 * (-blockdev nodes are created in order), names are unique, and references never form a cycle.
 */
final class ReferenceRule implements Rule {
    @Override
    public void check(CheckContext context, Diagnostics diags) {
        Map<String, Integer> definedAt = new HashMap<>();
        Map<String, BlockNode> byName = new LinkedHashMap<>();
        List<BlockNode> tops = context.graph().nodes();
        // by identity: hashing records would walk whole subtrees for every lookup
        Map<BlockNode, Integer> topIndex = new java.util.IdentityHashMap<>();
        for (int i = 0; i < tops.size(); i++) {
            topIndex.put(tops.get(i), i);
        }
        for (CheckContext.Visit v : context.visits()) {
            String name = v.node().nodeName();
            if (name == null) {
                continue;
            }
            if (byName.containsKey(name)) {
                diags.report(Code.DUPLICATE_NODE_NAME, context.origins().value(v.node(), "node-name"),
                        "Duplicate nodes with node-name='" + name + "'",
                        "first defined at " + context.origins().value(byName.get(name), "node-name"));
                continue;
            }
            byName.put(name, v.node());
            definedAt.put(name, topIndex.get(v.top()));
        }
        Set<String> inCycle = cycles(tops, byName, context, diags);
        for (CheckContext.Visit v : context.visits()) {
            int here = topIndex.get(v.top());
            CheckContext.forEachChild(v.node(), (path, child) -> {
                if (!(child instanceof Child.Ref ref)) {
                    return;
                }
                String target = ref.nodeName();
                if (inCycle.contains(target)) {
                    return;
                }
                Integer at = definedAt.get(target);
                if (at == null) {
                    diags.report(Code.UNKNOWN_REFERENCE, context.origins().value(v.node(), path),
                            "Cannot find device='" + target + "' nor node-name='" + target + "'",
                            hint(target, byName.keySet(), path));
                } else if (at > here) {
                    diags.report(Code.UNKNOWN_REFERENCE, context.origins().value(v.node(), path),
                            "Cannot find device='" + target + "' nor node-name='" + target + "'",
                            "node '" + target + "' is defined later; QEMU creates -blockdev nodes in order,"
                                    + " so define it first");
                }
            });
        }
    }

    private static String hint(String target, Set<String> names, String path) {
        String guess = io.qbmc.text.Suggest.closest(target, names);
        if (guess != null) {
            return "did you mean '" + guess + "'?";
        }
        return "a string child names an existing node; for a file write " + path + ".driver=file,"
                + path + ".filename=" + target;
    }

    /** Reports reference cycles among top-level nodes; returns the names involved. */
    private static Set<String> cycles(List<BlockNode> tops, Map<String, BlockNode> byName, CheckContext context,
            Diagnostics diags) {
        Map<String, List<String>> edges = new HashMap<>();
        for (BlockNode top : tops) {
            String name = top.nodeName();
            if (name == null) {
                continue;
            }
            Set<String> refs = new HashSet<>();
            io.qbmc.graph.BlockGraph.collectRefs(top, refs);
            edges.put(name, new ArrayList<>(refs));
        }
        Set<String> involved = new HashSet<>();
        Set<String> done = new HashSet<>();
        for (String start : edges.keySet()) {
            List<String> stack = new ArrayList<>();
            dfs(start, edges, stack, new HashSet<>(), done, involved, byName, context, diags);
        }
        return involved;
    }

    private static void dfs(String at, Map<String, List<String>> edges, List<String> stack, Set<String> onStack,
            Set<String> done, Set<String> involved, Map<String, BlockNode> byName, CheckContext context,
            Diagnostics diags) {
        if (done.contains(at)) {
            return;
        }
        if (onStack.contains(at)) {
            List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(at), stack.size()));
            if (involved.addAll(cycle)) {
                cycle.add(at);
                BlockNode node = byName.get(at);
                diags.report(Code.REFERENCE_CYCLE, context.origins().value(node, "node-name"),
                        "Nodes reference each other in a cycle: " + String.join(" -> ", cycle),
                        "a node cannot be its own child, directly or through others");
            }
            return;
        }
        onStack.add(at);
        stack.add(at);
        for (String next : edges.getOrDefault(at, List.of())) {
            if (edges.containsKey(next)) {
                dfs(next, edges, stack, onStack, done, involved, byName, context, diags);
            }
        }
        stack.remove(stack.size() - 1);
        onStack.remove(at);
        done.add(at);
    }
}
