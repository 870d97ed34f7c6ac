package io.qbmc.check;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Value;

/** replication_open's checks (block/replication.c): top-id goes with the secondary side only. */
final class ReplicationRule implements Rule {
    @Override
    public void check(CheckContext context, Diagnostics diags) {
        for (CheckContext.Visit v : context.visits()) {
            BlockNode n = v.node();
            if (!n.driver().equals("replication") || !(n.options().get("mode") instanceof Value.Str mode)) {
                continue;
            }
            boolean topId = n.options().containsKey("top-id");
            if (mode.value().equals("primary") && topId) {
                diags.report(Code.DRIVER_CONSTRAINT, context.origins().value(n, "top-id"),
                        "The primary side does not support option top-id", "drop top-id, or set mode=secondary");
            } else if (mode.value().equals("secondary") && !topId) {
                diags.report(Code.MISSING_OPTION, context.origins().value(n, "mode"),
                        "Missing the option top-id",
                        "the secondary side needs top-id=NODE, the node-name of the top of its chain");
            }
        }
    }
}
