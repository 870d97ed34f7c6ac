package io.qbmc.check;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Value;

/**
 * blkdebug's request limits (block/blkdebug.c blkdebug_open): align a power of two below
 * INT_MAX, the others multiples of the alignment. The image's own alignment is 1 for files
 * opened without O_DIRECT, which is what qbmc can know without opening it.
 */
final class BlkdebugRule implements Rule {
    private static final long INT_MAX = Integer.MAX_VALUE;

    @Override
    public void check(CheckContext context, Diagnostics diags) {
        for (CheckContext.Visit v : context.visits()) {
            BlockNode n = v.node();
            if (!n.driver().equals("blkdebug")) {
                continue;
            }
            long align = size(n, "align");
            if (align != 0 && (Long.compareUnsigned(align, INT_MAX) >= 0 || Long.bitCount(align) != 1)) {
                report(n, "align", align, context, diags, "align must be a power of two below 2^31");
                continue;
            }
            long base = Math.max(align, 1);
            if (!limit(n, "max-transfer", base, context, diags)) {
                continue;
            }
            long optWriteZero = size(n, "opt-write-zero");
            if (!limit(n, "opt-write-zero", base, context, diags)
                    || !limit(n, "max-write-zero", Math.max(optWriteZero, base), context, diags)) {
                continue;
            }
            long optDiscard = size(n, "opt-discard");
            if (limit(n, "opt-discard", base, context, diags)) {
                limit(n, "max-discard", Math.max(optDiscard, base), context, diags);
            }
        }
    }

    private static long size(BlockNode n, String option) {
        return n.options().get(option) instanceof Value.Int i ? i.bits() : 0;
    }

    /** A limit must be below INT_MAX and a multiple of the alignment it depends on. */
    private static boolean limit(BlockNode n, String option, long alignment, CheckContext context, Diagnostics diags) {
        long value = size(n, option);
        if (value == 0) {
            return true;
        }
        if (Long.compareUnsigned(value, INT_MAX) >= 0 || Long.remainderUnsigned(value, alignment) != 0) {
            report(n, option, value, context, diags, option + " must be below 2^31 and a multiple of " + alignment);
            return false;
        }
        return true;
    }

    private static void report(BlockNode n, String option, long value, CheckContext context, Diagnostics diags,
            String hint) {
        diags.report(Code.DRIVER_CONSTRAINT, context.origins().value(n, option),
                "Cannot meet constraints with " + option + " " + Long.toUnsignedString(value), hint);
    }
}
