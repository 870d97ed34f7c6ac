package io.qbmc.check;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Value;

/**
 * preallocate_absorb_opts (block/preallocate.c): prealloc-align is a multiple of 512. Its check
 * against the child's request alignment needs the file opened, so it is left to QEMU.
 */
final class PreallocateRule implements Rule {
    @Override
    public void check(CheckContext context, Diagnostics diags) {
        for (CheckContext.Visit v : context.visits()) {
            BlockNode n = v.node();
            if (n.driver().equals("preallocate") && n.options().get("prealloc-align") instanceof Value.Int a
                    && Long.remainderUnsigned(a.bits(), 512) != 0) {
                long down = a.bits() - Long.remainderUnsigned(a.bits(), 512);
                diags.report(Code.DRIVER_CONSTRAINT, context.origins().value(n, "prealloc-align"),
                        "prealloc-align parameter of preallocate filter is not aligned to 512",
                        "use a multiple of 512, e.g. " + Long.toUnsignedString(down == 0 ? 512 : down));
            }
        }
    }
}
