package io.qbmc.cli;

import io.qbmc.runtime.BlockDevice;
import io.qbmc.runtime.Extent;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** qbmc bitmap extents: the dirty runs of one bitmap, in bytes. */
@Command(name = "extents", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Print the dirty extents of a bitmap: merged runs of dirty clusters, in bytes, the last one cut"
                + " at the end of the image. JSON: [{\"offset\":N,\"length\":N}].",
                "An inconsistent bitmap (left in use by a writer that stopped) is refused."})
final class BitmapExtentsCommand extends RuntimeCommand {
    @Mixin
    ReadStackMixin read;

    @Option(names = "--bitmap", paramLabel = "NAME", required = true, description = "The bitmap.")
    String bitmap;

    @Override
    protected int run(PrintWriter out, PrintWriter err) throws IOException {
        boolean json = read.json(this);
        List<Extent> extents;
        try (BlockDevice dev = read.open(this)) {
            extents = dev.extents(bitmap);
        }
        if (json) {
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < extents.size(); i++) {
                Extent e = extents.get(i);
                s.append(i == 0 ? "" : ",").append("{\"offset\":").append(e.offset()).append(",\"length\":")
                        .append(e.length()).append('}');
            }
            out.println(s.append(']'));
            return Main.OK;
        }
        long total = 0;
        out.printf("%20s %20s%n", "OFFSET", "LENGTH");
        for (Extent e : extents) {
            out.printf("%20d %20d%n", e.offset(), e.length());
            total += e.length();
        }
        out.println(extents.size() + (extents.size() == 1 ? " extent, " : " extents, ") + total + " dirty bytes");
        return Main.OK;
    }
}
