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
import io.qbmc.graph.BitmapLimit;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.Origins;
import io.qbmc.graph.QbmNode;
import io.qbmc.source.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
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
    public record Plan(Path descriptorPath, String descriptorText, List<BitmapFile> bitmaps, long imageSize,
            Path image) {
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
        // ImageSize.of is the stated size, else the image's: one read of the image serves both
        Long imageSize = ImageSize.ofImage(qbm, out, Map.of());
        Long size = qbm.size() != null ? qbm.size() : imageSize;
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
                if (BitmapLimit.tooLarge(size, g)) {
                    diags.report(Code.BITMAP_TOO_LARGE, spans.getOrDefault("bitmaps." + i, origins.span(root)),
                            "Too much space will be occupied by the bitmap. Use larger granularity",
                            "the image has " + size + " bytes; granularity " + g + " covers at most "
                                    + BitmapLimit.MAX_BITS * g);
                }
            }
        }
        boolean[] inside = new boolean[d.bitmaps().size()];
        for (int i = 0; i < d.bitmaps().size(); i++) {
            inside[i] = checkInside(d.bitmaps().get(i).file(), spans.get("bitmaps." + i), out, allowOutside, diags);
        }
        // lexically normal, as a descriptor's paths are read (sub/../a.bitmap is DIR/a.bitmap)
        Path descriptorPath = out.resolve(name + ".qbm").normalize();
        Span whole = origins.span(root);
        Path realOut = allowOutside ? null : realFolder(out.toAbsolutePath().normalize());
        List<Located> located = new ArrayList<>();
        Path image = resolve(out, d.image().file());
        if (image != null) {
            located.add(new Located("the image " + image, image, spans.getOrDefault("image", whole),
                    realLocation(image.toAbsolutePath()), true));
        }
        Located descriptor = target("descriptor " + descriptorPath, descriptorPath, whole, true, replace, realOut,
                diags);
        if (descriptor != null) {
            located.add(descriptor);
        }
        List<BitmapFile> files = new ArrayList<>();
        for (int i = 0; i < d.bitmaps().size(); i++) {
            Descriptor.Bitmap b = d.bitmaps().get(i);
            Path p = resolve(out, b.file());
            if (p == null) {
                continue;
            }
            Located t = target("bitmap file " + p, p, spans.getOrDefault("bitmaps." + i, whole), inside[i], replace,
                    realOut, diags);
            if (t != null) {
                located.add(t);
            }
            if (size != null) {
                files.add(new BitmapFile(p, BitmapLayout.fileSize(size, b.granularity())));
            }
        }
        distinct(located, diags);
        if (size == null) {
            return null;
        }
        // compile makes new, zeroed bitmaps: like bitmap --add, each gets a fresh generation, so no
        // backup chain of an earlier stack (recompiled with --force, or deleted and compiled again)
        // can be continued from a bitmap that has not seen its writes
        d = d.withBitmaps(d.bitmaps().stream().map(b -> b.withGeneration(Descriptor.Bitmap.fresh())).toList());
        return new Plan(descriptorPath, DescriptorWriter.write(d), files, size, image);
    }

    /** A file of the stack: what to call it, where it was named, and where it really is (null if unknown). */
    private record Located(String what, Path path, Span at, Path real, boolean image) {
    }

    /**
     * Checks a file compile will write: its folder can be made (no part of the path is a file),
     * links on the way stay inside DIR, it is not a folder, and it exists only with --force.
     */
    private static Located target(String what, Path p, Span at, boolean checkLinks, boolean replace, Path realOut,
            Diagnostics diags) {
        Path parent = p.toAbsolutePath().getParent();
        Path existing = deepestExisting(parent);
        if (!Files.isDirectory(existing)) {
            diags.report(Code.FILE_ACCESS, at, capital(what) + " cannot be written: " + existing
                            + (Files.exists(existing) ? " is a file, not a folder" : " is a broken link"),
                    "remove or rename " + existing + ", or choose another path");
            return null;
        }
        Path real = realLocation(p.toAbsolutePath());
        if (real == null) {
            diags.report(Code.FILE_ACCESS, at, capital(what) + " cannot be written: its folder " + existing
                    + " cannot be read", null);
            return null;
        }
        if (checkLinks && realOut != null && !real.getParent().startsWith(realOut)) {
            diags.report(Code.PATH_OUTSIDE, at, capital(what) + " leaves the output folder " + realOut
                            + " through a link: it is in " + real.getParent(),
                    "use a path whose folders are inside the output folder, or pass --allow-outside");
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            diags.report(Code.FILE_ACCESS, at, capital(what) + " is a folder", "choose another name; --force replaces files only");
        } else if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !replace) {
            diags.report(Code.WOULD_OVERWRITE, at, capital(what) + " exists", "use --force to replace it");
        }
        return new Located(what, p, at, real, false);
    }

    /**
     * The image, the descriptor and the bitmap files must be different files, whatever --force
     * says: two names for one file (a link, or a link among the folders) would have compile zero
     * the image or a bitmap write over another.
     */
    private static void distinct(List<Located> files, Diagnostics diags) {
        for (int i = 1; i < files.size(); i++) {
            for (int j = 0; j < i; j++) {
                Located a = files.get(j);
                Located b = files.get(i);
                if (sameFile(a, b)) {
                    diags.report(Code.SHARED_FILE, b.at(), capital(b.what()) + " is the same file as " + a.what(),
                            a.image() ? "compile never writes the image, not even with --force; name the file differently"
                                    : "give each its own file; a link to another file of the stack is that file");
                    break;
                }
            }
        }
    }

    private static boolean sameFile(Located a, Located b) {
        if (FileChecks.sameFile(a.path(), b.path())) {
            return true;
        }
        // not yet there: the same name in the same real folder (a folder link on the way)
        return !(Files.exists(a.path()) && Files.exists(b.path())) && a.real() != null && a.real().equals(b.real());
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The deepest of p and its ancestors that exists (a link counts, even a broken one). */
    private static Path deepestExisting(Path p) {
        Path at = p;
        while (at.getParent() != null && !Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
            at = at.getParent();
        }
        return at;
    }

    /**
     * Where an absolute path will be: its parent's deepest existing folder with every link
     * resolved, then the rest as written; the last name itself is not followed, as a rename
     * replaces a link rather than what it points to. Null when the folders cannot be read.
     */
    private static Path realLocation(Path p) {
        Path parent = p.getParent();
        if (parent == null) {
            return p;
        }
        Path real = realFolder(parent);
        return real == null ? null : real.resolve(p.getFileName());
    }

    /** An absolute folder with every link among it and its ancestors resolved, as far as they exist. */
    private static Path realFolder(Path dir) {
        Path existing = deepestExisting(dir);
        try {
            return existing.toRealPath().resolve(existing.relativize(dir)).normalize();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Writes the plan: every file staged first (written and fsynced under a temporary name), then
     * the bitmap files take their names, then the descriptor. A failure removes what this run
     * created, files and folders, so a failed compile leaves DIR as it was.
     */
    public static void write(Plan plan, boolean replace) throws IOException {
        List<Path> createdFolders = new ArrayList<>();
        List<AtomicFiles.Staged> staged = new ArrayList<>();
        List<Path> created = new ArrayList<>();
        try {
            for (BitmapFile f : plan.bitmaps()) {
                createFolders(f.path().toAbsolutePath().getParent(), createdFolders);
                staged.add(AtomicFiles.stage(f.path(), AtomicFiles.zeros(f.size())));
            }
            createFolders(plan.descriptorPath().toAbsolutePath().getParent(), createdFolders);
            staged.add(AtomicFiles.stage(plan.descriptorPath(),
                    AtomicFiles.bytes(plan.descriptorText().getBytes(StandardCharsets.UTF_8))));
            for (AtomicFiles.Staged s : staged) {
                if (plan.image() != null && FileChecks.sameFile(s.target(), plan.image())) {
                    // planning refused this; a link made since must not have the image replaced
                    throw new IOException(s.target() + " is now the image " + plan.image() + "; not replaced");
                }
                boolean existed = Files.exists(s.target(), LinkOption.NOFOLLOW_LINKS);
                s.commit(replace);
                if (!existed) {
                    created.add(s.target());
                }
            }
        } catch (IOException | RuntimeException e) {
            for (AtomicFiles.Staged s : staged) {
                quietly(() -> s.discard());
            }
            for (int i = created.size() - 1; i >= 0; i--) {
                Path p = created.get(i);
                quietly(() -> Files.deleteIfExists(p));
            }
            for (int i = createdFolders.size() - 1; i >= 0; i--) {
                Path p = createdFolders.get(i);
                quietly(() -> Files.deleteIfExists(p));
            }
            throw e;
        }
    }

    /** Creates the missing folders of dir, recording each, outermost first. */
    private static void createFolders(Path dir, List<Path> created) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            Files.createDirectory(p);
            created.add(p);
        }
    }

    private interface Cleanup {
        void run() throws IOException;
    }

    /** Cleanup after a failure: a step that fails too must not hide the first failure. */
    private static void quietly(Cleanup step) {
        try {
            step.run();
        } catch (IOException ignored) {
            // a folder that is not empty, or a file already gone: the first failure is what to report
        }
    }

    /** Whether the path, as written, stays in out (reported when it does not); true with allowOutside. */
    private static boolean checkInside(String file, Span at, Path out, boolean allowOutside, Diagnostics diags) {
        if (allowOutside) {
            return true;
        }
        Path p;
        try {
            p = Path.of(file);
        } catch (InvalidPathException e) {
            diags.report(Code.FILE_ACCESS, at, "'" + file + "' is not a valid path", null);
            return false;
        }
        if (p.isAbsolute() || p.normalize().startsWith("..") || p.normalize().toString().isEmpty()) {
            diags.report(Code.PATH_OUTSIDE, at, "Path '" + file + "' leaves the output folder " + out,
                    "use a path relative to the output folder, or pass --allow-outside");
            return false;
        }
        return true;
    }

    private static Path resolve(Path out, String file) {
        try {
            return out.resolve(file).normalize();
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
