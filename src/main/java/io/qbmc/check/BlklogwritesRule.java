package io.qbmc.check;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Value;

/**
 * blk_log_writes_open's checks (block/blklogwrites.c): log-append takes the sector size from the
 * log's superblock, so the two exclude each other; a sector size is a power of two from
 * sizeof(struct log_write_super) = 32 to 2^23; the superblock update interval is not 0.
 */
final class BlklogwritesRule implements Rule {
    private static final long MIN_SECTOR = 32;
    private static final long MAX_SECTOR = 1L << 23;

    @Override
    public void check(CheckContext context, Diagnostics diags) {
        for (CheckContext.Visit v : context.visits()) {
            BlockNode n = v.node();
            if (!n.driver().equals("blklogwrites")) {
                continue;
            }
            var origins = context.origins();
            boolean append = n.options().get("log-append") instanceof Value.Bool b && b.value();
            Value sector = n.options().get("log-sector-size");
            if (append && sector != null) {
                diags.report(Code.DRIVER_CONSTRAINT, origins.value(n, "log-sector-size"),
                        "log-append and log-sector-size are mutually exclusive",
                        "drop log-sector-size: with log-append=on the log's superblock gives the sector size");
                continue;
            }
            if (!append && sector instanceof Value.Int s && !validSector(s.bits())) {
                diags.report(Code.DRIVER_CONSTRAINT, origins.value(n, "log-sector-size"),
                        "Invalid log sector size " + Long.toUnsignedString(s.bits()),
                        "use a power of two from 32 to 8M, e.g. 512 or 4096");
                continue;
            }
            if (n.options().get("log-super-update-interval") instanceof Value.Int i && i.bits() == 0) {
                diags.report(Code.DRIVER_CONSTRAINT, origins.value(n, "log-super-update-interval"),
                        "Invalid log superblock update interval 0",
                        "use at least 1, or leave it out for the default 4096");
            }
        }
    }

    private static boolean validSector(long size) {
        return Long.bitCount(size) == 1 && size >= MIN_SECTOR && size <= MAX_SECTOR;
    }
}
