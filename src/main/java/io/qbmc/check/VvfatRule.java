package io.qbmc.check;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Value;
import java.nio.charset.StandardCharsets;

/**
 * vvfat_open's checks (block/vvfat.c): fat-type is read into an int, so only its low 32 bits
 * count, and 0 picks the default; the label is copied into an 11-byte field.
 */
final class VvfatRule implements Rule {
    @Override
    public void check(CheckContext context, Diagnostics diags) {
        for (CheckContext.Visit v : context.visits()) {
            BlockNode n = v.node();
            if (!n.driver().equals("vvfat")) {
                continue;
            }
            if (n.options().get("fat-type") instanceof Value.Int t) {
                int type = (int) t.bits();
                if (type != 0 && type != 12 && type != 16 && type != 32) {
                    diags.report(Code.DRIVER_CONSTRAINT, context.origins().value(n, "fat-type"),
                            "Valid FAT types are only 12, 16 and 32",
                            "set fat-type to 12, 16 or 32, or leave it out for the default");
                    continue;
                }
            }
            if (n.options().get("label") instanceof Value.Str label) {
                int bytes = label.value().getBytes(StandardCharsets.UTF_8).length;
                if (bytes > 11) {
                    diags.report(Code.DRIVER_CONSTRAINT, context.origins().value(n, "label"),
                            "vvfat label cannot be longer than 11 bytes",
                            "this label has " + bytes + " bytes; shorten it to at most 11");
                }
            }
        }
    }
}
