package io.qbmc.check;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.RawNode;

/** raw's size window (block/raw-format.c raw_apply_options); checks against the file belong to --check-files. */
final class RawRule implements Rule {
    @Override
    public void check(CheckContext context, Diagnostics diags) {
        for (CheckContext.Visit v : context.visits()) {
            if (v.node() instanceof RawNode raw && raw.size() != null && Long.remainderUnsigned(raw.size(), 512) != 0) {
                diags.report(Code.DRIVER_CONSTRAINT, context.origins().value(raw, "size"),
                        "Specified size is not multiple of 512",
                        "round size to a multiple of 512 bytes, e.g. " + Long.toUnsignedString(raw.size() / 512 * 512));
            }
        }
    }
}
