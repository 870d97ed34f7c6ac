package io.qbmc.check;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Value;

/** null_file_open (block/null.c): latency-ns is kept in an int64_t and must not be negative. */
final class NullRule implements Rule {
    @Override
    public void check(CheckContext context, Diagnostics diags) {
        for (CheckContext.Visit v : context.visits()) {
            BlockNode n = v.node();
            if ((n.driver().equals("null-co") || n.driver().equals("null-aio"))
                    && n.options().get("latency-ns") instanceof Value.Int l && l.bits() < 0) {
                diags.report(Code.DRIVER_CONSTRAINT, context.origins().value(n, "latency-ns"),
                        "latency-ns is invalid", "use a latency from 0 to 9223372036854775807 nanoseconds");
            }
        }
    }
}
