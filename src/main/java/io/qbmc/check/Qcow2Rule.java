package io.qbmc.check;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.Qcow2Node;
import io.qbmc.graph.Value;

/** qcow2's cache options, checked before the image is read (block/qcow2.c read_cache_sizes, qcow2_update_options). */
final class Qcow2Rule implements Rule {
    private static final long UINT_MAX = 0xffffffffL;

    @Override
    public void check(CheckContext context, Diagnostics diags) {
        for (CheckContext.Visit v : context.visits()) {
            if (!(v.node() instanceof Qcow2Node q)) {
                continue;
            }
            var o = q.options();
            var origins = context.origins();
            Long cache = size(o.get("cache-size"));
            Long l2 = size(o.get("l2-cache-size"));
            Long refcount = size(o.get("refcount-cache-size"));
            if (cache != null) {
                if (l2 != null && refcount != null) {
                    diags.report(Code.DRIVER_CONSTRAINT, origins.key(q, "cache-size"),
                            "cache-size, l2-cache-size and refcount-cache-size may not be set at the same time",
                            "set two of them; QEMU derives the third");
                } else if (l2 != null && Long.compareUnsigned(l2, cache) > 0) {
                    diags.report(Code.DRIVER_CONSTRAINT, origins.value(q, "l2-cache-size"),
                            "l2-cache-size may not exceed cache-size", null);
                } else if (refcount != null && Long.compareUnsigned(refcount, cache) > 0) {
                    diags.report(Code.DRIVER_CONSTRAINT, origins.value(q, "refcount-cache-size"),
                            "refcount-cache-size may not exceed cache-size", null);
                }
            }
            Long interval = size(o.get("cache-clean-interval"));
            if (interval != null && Long.compareUnsigned(interval, UINT_MAX) > 0) {
                diags.report(Code.OUT_OF_RANGE, origins.value(q, "cache-clean-interval"), "Cache clean interval too big",
                        "at most " + UINT_MAX + " seconds");
            }
        }
    }

    private static Long size(Value v) {
        return v instanceof Value.Int i ? i.bits() : null;
    }
}
