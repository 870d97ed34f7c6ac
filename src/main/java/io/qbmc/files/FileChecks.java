package io.qbmc.files;

import io.qbmc.check.CheckContext;
import io.qbmc.compile.ProtocolFilename;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.BlockGraph;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.Origins;
import io.qbmc.graph.QbmNode;
import io.qbmc.graph.RawNode;
import io.qbmc.graph.Value;
import io.qbmc.qbm.BitmapLayout;
import io.qbmc.qbm.Descriptor;
import io.qbmc.qbm.DescriptorReader;
import io.qbmc.qbm.ImageSize;
import io.qbmc.source.Span;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * validate --check-files: what depends on the files themselves, which plain validation leaves
 * alone. Images exist and have a known size, bitmap files have exactly the right size and no bits
 * past the end of the image, and no bitmap is left in use by a writer that stopped.
 */
public final class FileChecks {
    private FileChecks() {
    }

    public static void run(BlockGraph graph, Origins origins, List<DescriptorReader.Located> descriptors,
            Diagnostics diags) {
        CheckContext context = new CheckContext(graph, origins, false);
        // a -blockdev set or command line joins its nodes by node-name: the image and bitmap files
        // of a qbm node are found through them as through inline children
        Map<String, BlockNode> named = graph.named();
        for (CheckContext.Visit v : context.visits()) {
            BlockNode n = v.node();
            if (isFileDriver(n.driver()) && n.options().get("filename") instanceof Value.Str f) {
                exists(n, f.value(), origins, descriptors, diags);
            }
            if (n instanceof RawNode raw) {
                rawWindow(raw, named, origins, diags);
            }
            if (n instanceof QbmNode qbm) {
                qbm(qbm, named, origins, descriptors, diags);
                distinct(qbm, origins, diags);
            }
            if (n instanceof io.qbmc.graph.Qcow2Node q && q.backing() == null) {
                backingFileName(q, named, origins, diags);
            }
        }
        for (DescriptorReader.Located d : descriptors) {
            inUse(d, diags);
            descriptorDistinct(d, diags);
        }
    }

    private static boolean isFileDriver(String driver) {
        return driver.equals("file") || driver.equals("host_device") || driver.equals("host_cdrom");
    }

    private static Path path(String file) {
        try {
            return Path.of(file);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static void exists(BlockNode n, String file, Origins origins, List<DescriptorReader.Located> descriptors,
            Diagnostics diags) {
        Path p = path(file);
        Span at = origins.value(n, "filename");
        if (p == null || !Files.exists(p)) {
            diags.report(Code.FILE_MISMATCH, at, "Could not open '" + file + "': No such file or directory",
                    "create it, or fix the path (" + relativeTo(at, descriptors) + ")");
        } else if (n.driver().equals("file") && !Files.isRegularFile(p)) {
            diags.report(Code.FILE_MISMATCH, at, "'file' driver requires '" + file + "' to be a regular file",
                    "use driver=host_device for block devices");
        } else if (!n.driver().equals("file") && Files.isRegularFile(p)) {
            diags.report(Code.FILE_MISMATCH, at,
                    "'" + n.driver() + "' driver requires '" + file + "' to be either a character or block device",
                    "use driver=file for regular files");
        }
    }

    /** Where a relative path written at span starts: a descriptor's own paths start at its folder. */
    private static String relativeTo(Span at, List<DescriptorReader.Located> descriptors) {
        for (DescriptorReader.Located d : descriptors) {
            io.qbmc.source.Source s = d.whole().source();
            if (s != null && s == at.source() && s.file() != null) {
                Path folder = s.file().toAbsolutePath().getParent();
                return "relative paths in a descriptor start at the descriptor's folder, " + folder;
            }
        }
        return "relative paths start at the working folder";
    }

    /** raw-format.c raw_apply_options against the file's real size. */
    private static void rawWindow(RawNode raw, Map<String, BlockNode> named, Origins origins, Diagnostics diags) {
        Path file = ImageSize.fileOf(raw, null, named);
        if (file == null || !Files.isRegularFile(file) || (raw.offset() == null && raw.size() == null)) {
            return;
        }
        long len;
        try {
            len = Files.size(file);
        } catch (IOException e) {
            return;
        }
        long offset = raw.offset() == null ? 0 : raw.offset();
        if (Long.compareUnsigned(offset, len) > 0) {
            diags.report(Code.FILE_MISMATCH, origins.value(raw, "offset"), "Offset (" + Long.toUnsignedString(offset)
                    + ") cannot be greater than size of the containing file (" + len + ")", null);
        } else if (raw.size() != null && Long.compareUnsigned(offset + raw.size(), len) > 0) {
            diags.report(Code.FILE_MISMATCH, origins.value(raw, "size"), "The sum of offset (" + offset + ") and size ("
                    + Long.toUnsignedString(raw.size()) + ") has to be smaller or equal to the  actual size of the"
                    + " containing file (" + len + ")", null);
        }
    }

    private static void qbm(QbmNode qbm, Map<String, BlockNode> named, Origins origins,
            List<DescriptorReader.Located> descriptors, Diagnostics diags) {
        // ImageSize.of is the stated size, else the image's: one read of the image serves both
        Long imageSize = ImageSize.ofImage(qbm, null, named);
        Long size = qbm.size() != null ? qbm.size() : imageSize;
        if (qbm.size() != null && imageSize != null && !qbm.size().equals(imageSize)) {
            diags.report(Code.FILE_MISMATCH, origins.value(qbm, "size"), "The configuration says the image has " + qbm.size()
                            + " bytes, but it has " + imageSize,
                    "fix size=, or resize the image and recreate the bitmaps");
        }
        if (size == null) {
            diags.report(Code.FILE_MISMATCH, origins.value(qbm, "image"),
                    "The image's size is unknown", "create the image, or state its size with size=...");
            return;
        }
        for (int i = 0; i < qbm.bitmaps().size(); i++) {
            QbmNode.Bitmap b = qbm.bitmaps().get(i);
            BlockNode fileNode = ImageSize.node(b.file(), named);
            if (fileNode == null || !(fileNode.options().get("filename") instanceof Value.Str f)) {
                continue;
            }
            Path p = path(f.value());
            if (p == null || !Files.isRegularFile(p) || isADescriptor(p, descriptors)) {
                // a bitmap stored in a descriptor is reported as that (descriptorDistinct), not by its size
                continue;
            }
            Span at = origins.value(fileNode, "filename");
            long expected = BitmapLayout.fileSize(size, b.granularity());
            try {
                long actual = Files.size(p);
                if (actual != expected) {
                    diags.report(Code.FILE_MISMATCH, at, "Bitmap file '" + f.value() + "' has " + actual
                                    + " bytes; an image of " + size + " bytes at granularity " + b.granularity()
                                    + " needs " + expected,
                            "recreate it (qbmc compile --force), or fix the granularity or the image size");
                    continue;
                }
                int mask = BitmapLayout.tailMask(size, b.granularity());
                if (mask != 0 && expected > 0 && (lastByte(p, expected) & mask) != 0) {
                    diags.report(Code.FILE_MISMATCH, at, "Bitmap file '" + f.value()
                            + "' has bits set past the end of the image", "the file is corrupt; recreate it");
                }
            } catch (IOException e) {
                diags.report(Code.FILE_ACCESS, at, "Could not read '" + f.value() + "': " + e.getMessage(), null);
            }
        }
    }

    /**
     * The backing file name in a qcow2 header, which QEMU opens like a filename argument: a
     * json: name there is honoured (block.c bdrv_open_backing_file), so it is compiled and its
     * problems are reported in its own text; a plain name must exist beside the image.
     */
    private static void backingFileName(io.qbmc.graph.Qcow2Node q, Map<String, BlockNode> named, Origins origins,
            Diagnostics diags) {
        Path image = ImageSize.fileOf(q, null, named);
        if (image == null || !Files.isRegularFile(image)) {
            return;
        }
        String name;
        try {
            name = Qcow2Header.backingFileName(image);
        } catch (IOException e) {
            return;
        }
        if (name == null) {
            return;
        }
        BlockNode file = ImageSize.node(q.file(), named);
        Span at = file != null ? origins.value(file, "filename") : origins.span(q);
        boolean json = name.startsWith("json:");
        if (json || ProtocolFilename.hasProtocol(name)) {
            // bdrv_get_full_backing_filename keeps such a name as it is, and bdrv_open_inherit parses it:
            // a json: name's every problem is reported; of a protocol name (nbd://..., rbd:...), what
            // its driver refuses (the format is the header's or probed, so no probing warning)
            io.qbmc.source.Source text = new io.qbmc.source.Source(image + " (backing file name)", name);
            var r = new io.qbmc.compile.Compiler(io.qbmc.compile.Dialect.IMAGE_OPTS).compileFilename(text);
            for (io.qbmc.diag.Diagnostic d : r.diagnostics()) {
                if (json || d.isError()) {
                    diags.add(d);
                }
            }
            return;
        }
        Path backing = image.toAbsolutePath().getParent().resolve(name);
        if (!Files.exists(backing)) {
            diags.report(Code.FILE_MISMATCH, at, "Backing file '" + name + "' of '" + image + "' does not exist",
                    "QEMU resolves it against the image's folder: " + backing);
        }
    }

    private static int lastByte(Path p, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, size - 1);
            return b.get(0) & 0xff;
        }
    }

    private static void inUse(DescriptorReader.Located d, Diagnostics diags) {
        List<Descriptor.Bitmap> bitmaps = d.descriptor().bitmaps();
        for (int i = 0; i < bitmaps.size(); i++) {
            if (bitmaps.get(i).inUse()) {
                Span at = d.values().getOrDefault("bitmaps." + i + ".in-use", d.whole());
                diags.report(Code.BITMAP_IN_USE, at, "Bitmap '" + bitmaps.get(i).name()
                                + "' is inconsistent: it was in use when its writer stopped",
                        "clear it (qbmc bitmap --clear) or remove and re-add it, then take a full backup");
            }
        }
    }

    private static void descriptorDistinct(DescriptorReader.Located d, Diagnostics diags) {
        Path self = d.whole().source() == null ? null : d.whole().source().file();
        if (self == null) {
            return;
        }
        Path folder = self.toAbsolutePath().getParent();
        Descriptor desc = d.descriptor();
        if (sameFile(folder, desc.image().file(), self)) {
            diags.report(Code.SHARED_FILE, d.values().getOrDefault("image.file", d.whole()),
                    "The image is the descriptor itself", null);
        }
        for (int i = 0; i < desc.bitmaps().size(); i++) {
            if (sameFile(folder, desc.bitmaps().get(i).file(), self)) {
                diags.report(Code.SHARED_FILE, d.values().getOrDefault("bitmaps." + i + ".file", d.whole()),
                        "Bitmap '" + desc.bitmaps().get(i).name() + "' is stored in the descriptor itself", null);
            }
        }
    }

    private static boolean sameFile(Path folder, String file, Path self) {
        Path p = path(file);
        return p != null && sameFile(folder.resolve(p).normalize(), self);
    }

    /**
     * One file under two names: the same text, or, where both exist, the same file however it is
     * reached (a symbolic link, a hard link, a folder link on the way).
     */
    static boolean sameFile(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isADescriptor(Path p, List<DescriptorReader.Located> descriptors) {
        for (DescriptorReader.Located d : descriptors) {
            Path self = d.whole().source() == null ? null : d.whole().source().file();
            if (self != null && sameFile(p, self)) {
                return true;
            }
        }
        return false;
    }

    /** A file of the stack. */
    private record StackFile(String name, Path path, Span at) {
    }

    /**
     * Image and bitmap files that are one file reached through a link. The same text is left to
     * the plain check (SharedFileRule), which reports it without looking at the disk.
     */
    private static void distinct(QbmNode qbm, Origins origins, Diagnostics diags) {
        List<StackFile> files = new java.util.ArrayList<>();
        if (qbm.image() instanceof Child.Inline img && img.node().options().get("file") instanceof Value.Node n
                && n.child() instanceof Child.Inline f) {
            Path p = ImageSize.fileOf(img.node(), null);
            if (p != null) {
                files.add(new StackFile("the image", p, origins.value(f.node(), "filename")));
            }
        }
        for (QbmNode.Bitmap b : qbm.bitmaps()) {
            if (b.file() instanceof Child.Inline in && in.node().options().get("filename") instanceof Value.Str f) {
                Path p = path(f.value());
                if (p != null) {
                    files.add(new StackFile("bitmap '" + b.name() + "'", p, origins.value(in.node(), "filename")));
                }
            }
        }
        for (int i = 1; i < files.size(); i++) {
            for (int j = 0; j < i; j++) {
                StackFile a = files.get(j);
                StackFile b = files.get(i);
                if (!a.path().normalize().equals(b.path().normalize()) && sameFile(a.path(), b.path())) {
                    diags.report(Code.SHARED_FILE, b.at(), "The file of " + b.name() + ", '" + b.path()
                                    + "', is the file of " + a.name() + ", '" + a.path() + "', through a link",
                            "give " + b.name() + " a file of its own; a link to another file of the stack is that file");
                    break;
                }
            }
        }
    }
}
