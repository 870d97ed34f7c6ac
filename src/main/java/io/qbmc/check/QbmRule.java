package io.qbmc.check;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.QbmNode;
import io.qbmc.graph.BitmapLimit;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The qbm filter's bitmaps follow QEMU's dirty-bitmap rules (block/dirty-bitmap.c, qcow2-bitmap.c). */
final class QbmRule implements Rule {
    static final long MIN_GRANULARITY = 512;
    static final long MAX_GRANULARITY = 1L << 31;
    static final int MAX_NAME_BYTES = 1023;
    static final int MAX_BITMAPS = 65535;

    @Override
    public void check(CheckContext context, Diagnostics diags) {
        for (CheckContext.Visit v : context.visits()) {
            if (!(v.node() instanceof QbmNode qbm)) {
                continue;
            }
            var origins = context.origins();
            if (qbm.bitmaps().size() > MAX_BITMAPS) {
                diags.report(Code.INPUT_LIMIT, origins.value(qbm, "bitmaps"),
                        "Too many bitmaps: " + qbm.bitmaps().size() + " (at most " + MAX_BITMAPS + ")", null);
            }
            if (qbm.bitmaps().isEmpty() && qbm.options().containsKey("bitmaps")) {
                diags.report(Code.MISSING_OPTION, origins.value(qbm, "bitmaps"),
                        "A qbm filter needs at least one bitmap", "add bitmaps.0.name=... and bitmaps.0.file...");
            }
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < qbm.bitmaps().size(); i++) {
                QbmNode.Bitmap b = qbm.bitmaps().get(i);
                String at = "bitmaps." + i;
                if (b.name() != null) {
                    name(b.name(), i, seen, qbm, context, diags);
                }
                long g = b.granularity();
                if (Long.compareUnsigned(g, MIN_GRANULARITY) < 0 || Long.bitCount(g) != 1) {
                    diags.report(Code.BITMAP_GRANULARITY, origins.value(qbm, at + ".granularity"),
                            "Granularity must be power of 2 and at least 512",
                            "e.g. 65536 (64k), the default for raw images");
                } else if (Long.compareUnsigned(g, MAX_GRANULARITY) > 0) {
                    diags.report(Code.BITMAP_GRANULARITY, origins.value(qbm, at + ".granularity"),
                            "Granularity exceeds maximum (2147483648 bytes)", "the largest granularity is 2G");
                }
            }
            Long size = qbm.size() != null ? qbm.size() : KnownSize.of(qbm.image());
            if (size != null) {
                for (int i = 0; i < qbm.bitmaps().size(); i++) {
                    QbmNode.Bitmap b = qbm.bitmaps().get(i);
                    long g = b.granularity();
                    if (Long.bitCount(g) == 1 && Long.compareUnsigned(g, MIN_GRANULARITY) >= 0
                            && Long.compareUnsigned(g, MAX_GRANULARITY) <= 0
                            && BitmapLimit.tooLarge(size, g)) {
                        diags.report(Code.BITMAP_TOO_LARGE, origins.value(qbm, "bitmaps." + i + ".granularity"),
                                "Too much space will be occupied by the bitmap. Use larger granularity",
                                "an image of " + Long.toUnsignedString(size) + " bytes needs a granularity of at least "
                                        + BitmapLimit.smallestGranularity(size) + " (at most 512 MiB x granularity)");
                    }
                }
            }
        }
    }

    private static void name(String name, int i, Map<String, Integer> seen, QbmNode qbm, CheckContext context,
            Diagnostics diags) {
        var span = context.origins().value(qbm, "bitmaps." + i + ".name");
        if (name.isEmpty()) {
            diags.report(Code.BITMAP_NAME, span, "Bitmap name cannot be empty", "give every bitmap a name");
            return;
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            diags.report(Code.BITMAP_NAME, span, "Name length exceeds maximum (" + MAX_NAME_BYTES + " characters)",
                    "names have at most " + MAX_NAME_BYTES + " bytes of UTF-8; this one has " + bytes);
            return;
        }
        Integer first = seen.putIfAbsent(name, i);
        if (first != null) {
            diags.report(Code.DUPLICATE_BITMAP, span, "Bitmap already exists: " + name,
                    "bitmaps." + first + " has the same name; names are unique within one filter");
        }
    }
}
