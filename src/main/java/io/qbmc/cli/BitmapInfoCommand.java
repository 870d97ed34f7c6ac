package io.qbmc.cli;

import io.qbmc.text.JsonText;
import io.qbmc.runtime.BitmapInfo;
import io.qbmc.runtime.BlockDevice;
import io.qbmc.runtime.StackLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** qbmc bitmap info: every bitmap of a stack with its state. */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Show the stack's bitmaps: granularity, enabled, consistent or not, dirty bytes. Opens the stack"
                + " read-only.")
final class BitmapInfoCommand extends RuntimeCommand {
    @Mixin
    ReadStackMixin read;

    @Override
    protected int run(PrintWriter out, PrintWriter err) throws IOException {
        boolean json = read.json(this);
        try (BlockDevice dev = read.open(this)) {
            StackLayout l = dev.layout();
            List<BitmapInfo> bitmaps = dev.bitmaps();
            if (json) {
                out.println(json(l, bitmaps));
                return Main.OK;
            }
            out.println("stack:  " + (l.descriptor() != null ? l.descriptor() : "(options, no descriptor)"));
            out.println("image:  " + l.image() + " (" + l.size() + " bytes, raw"
                    + (l.imageOffset() != 0 ? ", at offset " + l.imageOffset() : "") + ")");
            out.println("mode:   " + l.mode().word());
            out.printf("%-16s %12s  %-8s %-13s %14s  %s%n", "BITMAP", "GRANULARITY", "ENABLED", "STATE", "DIRTY BYTES",
                    "FILE");
            for (BitmapInfo b : bitmaps) {
                out.printf("%-16s %12d  %-8s %-13s %14s  %s%n", b.name(), b.granularity(), b.enabled() ? "yes" : "no",
                        b.consistent() ? "consistent" : dev.writerRunning() ? "IN USE" : "INCONSISTENT",
                        b.consistent() ? b.dirtyBytes() : "?", b.file());
            }
            if (bitmaps.stream().anyMatch(b -> !b.consistent()) && dev.writerRunning()) {
                out.println("A writer has the stack open now: in deferred mode its bitmap files lag behind the image"
                        + " until it flushes or closes, so they show as in use.");
            } else if (bitmaps.stream().anyMatch(b -> !b.consistent())) {
                out.println("An inconsistent bitmap was in use when its writer stopped and may miss writes: clear it"
                        + " (qbmc bitmap --clear STACK BITMAP) or remove it, then take a full backup.");
            }
        }
        return Main.OK;
    }

    private static String json(StackLayout l, List<BitmapInfo> bitmaps) {
        StringBuilder s = new StringBuilder("{\"stack\":");
        s.append(l.descriptor() == null ? "null" : JsonText.quote(l.descriptor().toString()));
        s.append(",\"image\":").append(JsonText.quote(l.image().toString())).append(",\"size\":").append(l.size());
        s.append(",\"mode\":").append(JsonText.quote(l.mode().word())).append(",\"bitmaps\":[");
        for (int i = 0; i < bitmaps.size(); i++) {
            BitmapInfo b = bitmaps.get(i);
            s.append(i == 0 ? "" : ",").append("{\"name\":").append(JsonText.quote(b.name()))
                    .append(",\"granularity\":").append(b.granularity()).append(",\"enabled\":").append(b.enabled())
                    .append(",\"consistent\":").append(b.consistent()).append(",\"dirty-clusters\":")
                    .append(b.dirtyClusters()).append(",\"dirty-bytes\":").append(b.dirtyBytes())
                    .append(",\"file\":").append(JsonText.quote(b.file().toString()))
                    .append(",\"generation\":").append(b.generation()).append('}');
        }
        return s.append("]}").toString();
    }
}
