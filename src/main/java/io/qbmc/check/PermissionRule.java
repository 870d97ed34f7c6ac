package io.qbmc.check;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.RawNode;
import io.qbmc.graph.Value;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A node opened read-write needs write access to its storage child when it writes metadata or
 * maps guest offsets (qcow2, raw with a window: block.c bdrv_default_perms_for_storage),
 * and a read-only child refuses it (bdrv_node_refresh_perm) unless it may fall back with
 * auto-read-only. Filters and plain raw pass their parents' needs through instead.
 */
final class PermissionRule implements Rule {
    @Override
    public void check(CheckContext context, Diagnostics diags) {
        Map<BlockNode, CheckContext.Visit> visits = new IdentityHashMap<>();
        for (CheckContext.Visit v : context.visits()) {
            visits.putIfAbsent(v.node(), v);
        }
        Map<String, BlockNode> named = context.graph().named();
        for (CheckContext.Visit v : context.visits()) {
            BlockNode n = v.node();
            if (!needsWritableStorage(n) || !isFalse(CheckContext.effective(v, "read-only"))) {
                continue;
            }
            Child file = n.options().get("file") instanceof Value.Node c ? c.child() : null;
            BlockNode child = file instanceof Child.Inline in ? in.node()
                    : file instanceof Child.Ref r ? named.get(r.nodeName()) : null;
            CheckContext.Visit cv = child == null ? null : visits.get(child);
            if (cv == null) {
                continue;
            }
            if (isTrue(CheckContext.effective(cv, "read-only")) && !isTrue(CheckContext.effective(cv, "auto-read-only"))) {
                diags.report(Code.DRIVER_CONSTRAINT, context.origins().value(child, "read-only"),
                        "Block node is read-only",
                        "'" + n.driver() + "' opened read-write writes to its file node; open it read-only too,"
                                + " or let the file node be written (read-only=off or auto-read-only=on)");
            }
        }
    }

    private static boolean needsWritableStorage(BlockNode n) {
        return switch (n.driver()) {
            case "qcow2" -> true;
            case "raw" -> n instanceof RawNode raw && (raw.offset() != null || raw.size() != null);
            default -> false;
        };
    }

    private static boolean isTrue(Value v) {
        return v instanceof Value.Bool b && b.value();
    }

    private static boolean isFalse(Value v) {
        return v instanceof Value.Bool b && !b.value();
    }
}
