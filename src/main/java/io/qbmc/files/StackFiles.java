package io.qbmc.files;

import io.qbmc.qbm.ImageSize;
import io.qbmc.qbm.BitmapLayout;
import io.qbmc.qbm.Descriptor;
import io.qbmc.qbm.DescriptorWriter;
import io.qbmc.qbm.AtomicFiles;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.emit.DescriptorEmitter;
import io.qbmc.emit.NotExpressible;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.Origins;
import io.qbmc.graph.QbmNode;
import io.qbmc.source.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What qbmc compile writes for a qbm stack: the descriptor and one zeroed bitmap file per bitmap,
 * planned and checked first (paths inside the folder, sizes known, nothing overwritten), then
 * written atomically, bitmaps before the descriptor that refers to them.
 */
public final class StackFiles {

    public record BitmapFile(Path path, long size) {
    }

    /** Everything compile will write. */
    public record Plan(Path descriptorPath, String descriptorText, List<BitmapFile> bitmaps, long imageSize) {
    }

    private StackFiles() {
    }

    /**
     * Checks and plans; null after reporting why nothing can be written. Paths in the
     * configuration are relative to out, the folder the descriptor goes to.
     */
    public static Plan plan(BlockNode root, Origins origins, Path out, String name, boolean allowOutside,
            boolean replace, Diagnostics sink) {
        Diagnostics diags = new Diagnostics();
        Plan plan = plan(root, origins, out, name, allowOutside, replace, diags, 0);
        sink.addAll(diags.sorted());
        return diags.hasErrors() ? null : plan;
    }

    private static Plan plan(BlockNode root, Origins origins, Path out, String name, boolean allowOutside,
            boolean replace, Diagnostics diags, int unused) {
        QbmNode qbm;
        Descriptor d;
        try {
            qbm = DescriptorEmitter.qbmOf(root);
            d = DescriptorEmitter.descriptor(root);
        } catch (NotExpressible e) {
            diags.report(Code.UNSUPPORTED_FORM, origins.span(root), e.getMessage(),
                    "qbmc compile needs a qbm filter (or raw over one) with file-based image and bitmaps");
            return null;
        }
        Map<String, Span> spans = filenameSpans(qbm, origins);
        checkInside(d.image().file(), spans.get("image"), out, allowOutside, diags);
        if (d.backing() != null) {
            checkInside(d.backing().file(), spans.get("backing"), out, allowOutside, diags);
        }
        for (int i = 0; i < d.bitmaps().size(); i++) {
            checkInside(d.bitmaps().get(i).file(), spans.get("bitmaps." + i), out, allowOutside, diags);
        }
        Long size = ImageSize.of(qbm, out);
        Long imageSize = ImageSize.ofImage(qbm, out);
        if (qbm.size() != null && imageSize != null && !qbm.size().equals(imageSize)) {
            // bitmaps sized for the stated size would not cover the image --check-files reads later
            diags.report(Code.FILE_MISMATCH, origins.value(qbm, "size"), "The configuration says the image has "
                            + qbm.size() + " bytes, but " + d.image().file() + " has " + imageSize,
                    "drop size = (compile reads it from the image), or set it to " + imageSize);
        }
        if (size == null) {
            diags.report(Code.FILE_MISMATCH, spans.getOrDefault("image", origins.span(root)),
                    "The image's size is unknown: '" + d.image().file() + "' does not exist in " + out
                            + " and the configuration gives no size",
                    "add size = 20G to the qbm filter, or create the image first");
        } else {
            for (int i = 0; i < d.bitmaps().size(); i++) {
                long g = d.bitmaps().get(i).granularity();
                if (Long.compareUnsigned(BitmapLayout.fileSize(size, g), BitmapLayout.MAX_FILE_SIZE) > 0) {
                    diags.report(Code.BITMAP_TOO_LARGE, spans.getOrDefault("bitmaps." + i, origins.span(root)),
                            "Too much space will be occupied by the bitmap. Use larger granularity",
                            "the image has " + size + " bytes; granularity " + g + " covers at most "
                                    + BitmapLayout.MAX_FILE_SIZE * 8 * g);
                }
            }
        }
        Path descriptorPath = out.resolve(name + ".qbm");
        List<BitmapFile> files = new ArrayList<>();
        if (Files.exists(descriptorPath) && !replace) {
            diags.report(Code.WOULD_OVERWRITE, origins.span(root), "Descriptor " + descriptorPath + " exists",
                    "use --force to replace it");
        }
        for (int i = 0; i < d.bitmaps().size(); i++) {
            Descriptor.Bitmap b = d.bitmaps().get(i);
            Path p = resolve(out, b.file());
            if (p == null) {
                continue;
            }
            if (p.normalize().equals(descriptorPath.normalize())) {
                diags.report(Code.SHARED_FILE, spans.get("bitmaps." + i), "Bitmap file " + p + " is the descriptor",
                        "name the bitmap file differently");
            } else if (Files.exists(p) && !replace) {
                diags.report(Code.WOULD_OVERWRITE, spans.get("bitmaps." + i), "Bitmap file " + p + " exists",
                        "use --force to replace it");
            }
            if (size != null) {
                files.add(new BitmapFile(p, BitmapLayout.fileSize(size, b.granularity())));
            }
        }
        Path image = resolve(out, d.image().file());
        if (image != null && image.normalize().equals(descriptorPath.normalize())) {
            diags.report(Code.SHARED_FILE, spans.get("image"), "The image " + image + " is the descriptor",
                    "name the descriptor with --name");
        }
        if (size == null) {
            return null;
        }
        return new Plan(descriptorPath, DescriptorWriter.write(d), files, size);
    }

    /** Writes the plan: bitmap files first, then the descriptor, each atomically. */
    public static void write(Plan plan, boolean replace) throws IOException {
        for (BitmapFile f : plan.bitmaps()) {
            Files.createDirectories(f.path().toAbsolutePath().getParent());
            AtomicFiles.writeZeros(f.path(), f.size(), replace);
        }
        Files.createDirectories(plan.descriptorPath().toAbsolutePath().getParent());
        AtomicFiles.write(plan.descriptorPath(), plan.descriptorText().getBytes(StandardCharsets.UTF_8), replace);
    }

    private static void checkInside(String file, Span at, Path out, boolean allowOutside, Diagnostics diags) {
        if (allowOutside) {
            return;
        }
        Path p;
        try {
            p = Path.of(file);
        } catch (InvalidPathException e) {
            diags.report(Code.FILE_ACCESS, at, "'" + file + "' is not a valid path", null);
            return;
        }
        if (p.isAbsolute() || p.normalize().startsWith("..") || p.normalize().toString().isEmpty()) {
            diags.report(Code.PATH_OUTSIDE, at, "Path '" + file + "' leaves the output folder " + out,
                    "use a path relative to the output folder, or pass --allow-outside");
        }
    }

    private static Path resolve(Path out, String file) {
        try {
            return out.resolve(file);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** Spans of the filenames of image, backing and each bitmap file, for diagnostics. */
    private static Map<String, Span> filenameSpans(QbmNode qbm, Origins origins) {
        Map<String, Span> out = new HashMap<>();
        if (qbm.image() instanceof Child.Inline img) {
            BlockNode format = img.node();
            put(out, "image", format.options().get("file"), origins);
            put(out, "backing", format.options().get("backing") instanceof io.qbmc.graph.Value.Node n
                    && n.child() instanceof Child.Inline b ? b.node().options().get("file") : null, origins);
        }
        for (int i = 0; i < qbm.bitmaps().size(); i++) {
            Child c = qbm.bitmaps().get(i).file();
            if (c instanceof Child.Inline in) {
                out.put("bitmaps." + i, origins.value(in.node(), "filename"));
            }
        }
        return out;
    }

    private static void put(Map<String, Span> out, String key, io.qbmc.graph.Value fileChild, Origins origins) {
        if (fileChild instanceof io.qbmc.graph.Value.Node n && n.child() instanceof Child.Inline in) {
            out.put(key, origins.value(in.node(), "filename"));
        }
    }
}
