package io.qbmc.check;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.DriveOptions;
import io.qbmc.graph.Value;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** Block-layer option combinations QEMU refuses (block.c bdrv_open_common, file-posix.c). */
final class CommonOptionsRule implements Rule {
    @Override
    public void check(CheckContext context, Diagnostics diags) {
        // blockdev_init gives a -drive's top node read-only=off unless it says otherwise
        Set<BlockNode> driveTops = Collections.newSetFromMap(new IdentityHashMap<>());
        for (DriveOptions d : context.graph().drives()) {
            if (d.node() >= 0) {
                driveTops.add(context.graph().nodes().get(d.node()));
            }
        }
        for (CheckContext.Visit v : context.visits()) {
            var o = v.node().options();
            if (o.get("detect-zeroes") instanceof Value.Str dz && dz.value().equals("unmap")
                    && !(CheckContext.effective(v, "discard") instanceof Value.Str d && d.value().equals("unmap"))) {
                diags.report(Code.DRIVER_CONSTRAINT, context.origins().value(v.node(), "detect-zeroes"),
                        "setting detect-zeroes to unmap is not allowed without setting discard operation to unmap",
                        "add discard=unmap, or use detect-zeroes=on");
            }
            boolean ownShare = o.get("force-share") instanceof Value.Bool own && own.value();
            boolean inherited = !o.containsKey("force-share")
                    && CheckContext.effective(v, "force-share") instanceof Value.Bool fs && fs.value();
            if (ownShare || inherited && o.get("read-only") instanceof Value.Bool r && !r.value()) {
                // an inherited force-share is reported where it is written, unless this child
                // asks for read-write itself
                Value ro = CheckContext.effective(v, "read-only");
                if (ro instanceof Value.Bool b && !b.value() || ro == null && driveTops.contains(v.top())) {
                    // read-only=off asks for read-write, which block.c refuses with force-share
                    diags.report(Code.DRIVER_CONSTRAINT, context.origins().value(v.node(), "force-share"),
                            "force-share=on can only be used with read-only images", "set read-only=on");
                } else if (ro == null) {
                    diags.report(Code.FORCE_SHARE_READ_WRITE, context.origins().value(v.node(), "force-share"),
                            "force-share=on can only be used with read-only images",
                            "QEMU refuses it when the node is opened read-write, as a VM does; add read-only=on");
                }
            }
            if (o.get("aio") instanceof Value.Str aio && aio.value().equals("native")
                    && !(CheckContext.effective(v, "cache.direct") instanceof Value.Bool d && d.value())) {
                diags.report(Code.DRIVER_CONSTRAINT, context.origins().value(v.node(), "aio"),
                        "aio=native was specified, but it requires cache.direct=on, which was not specified.",
                        "add cache.direct=on (on this node or a parent), or use aio=threads");
            }
        }
    }
}
