package io.qbmc.runtime;

import io.qbmc.api.OutputForm;
import io.qbmc.api.Qbmc;
import io.qbmc.compile.CompileResult;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.diag.Diagnostics;
import io.qbmc.files.FileChecks;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.FileNode;
import io.qbmc.graph.HostDeviceNode;
import io.qbmc.graph.QbmNode;
import io.qbmc.graph.Qcow2Node;
import io.qbmc.graph.RawNode;
import io.qbmc.graph.Value;
import io.qbmc.qbm.DescriptorReader;
import io.qbmc.qbm.ImageSize;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the runtime needs from a compiled stack, resolved once: the image file and the window of it
 * the guest sees, the bitmaps and their files, the mode, and the descriptor that holds persistent
 * state (null when the stack was given as options).
 *
 * @param image       the image file (a regular file or a host device)
 * @param imageOffset where the guest's byte 0 lies in the file (raw offset=)
 * @param size        the image's virtual size in bytes
 * @param readOnly    some node of the stack says read-only=on
 */
public record StackLayout(Path image, long imageOffset, long size, QbmNode.Mode mode, List<BitmapSpec> bitmaps,
        Path descriptor, boolean readOnly) {

    /** One bitmap as the stack configures it. */
    public record BitmapSpec(String name, Path file, long granularity, boolean enabled) {
    }

    public StackLayout {
        bitmaps = List.copyOf(bitmaps);
    }

    public BitmapSpec bitmap(String name) {
        for (BitmapSpec b : bitmaps) {
            if (b.name().equals(name)) {
                return b;
            }
        }
        return null;
    }

    /**
     * Resolves a valid compile result, then checks the files as validate --check-files does
     * (image exists with a known size, bitmap files of the right size). A bitmap left in use is not
     * a reason to refuse the open: it is opened and reported inconsistent.
     *
     * @throws StackException when the graph is not a runnable stack or its files do not fit
     */
    public static StackLayout of(CompileResult r) {
        return of(r, false);
    }

    /**
     * As {@link #of(CompileResult)}; with repair, problems of bitmap files (missing, wrong size)
     * are let through, so that qbmc bitmap can remove or clear a damaged bitmap.
     */
    public static StackLayout of(CompileResult r, boolean repair) {
        if (r.graph() == null || !r.valid()) {
            throw new StackException(r.diagnostics().stream().filter(Diagnostic::isError).toList());
        }
        BlockNode root;
        try {
            // one tree needs no inlining, and keeps its nodes, whose origins place diagnostics
            root = r.graph().nodes().size() == 1 ? r.graph().nodes().get(0) : Qbmc.singleTree(r.graph(), OutputForm.QBM);
        } catch (Qbmc.UnsupportedFormException e) {
            throw notRunnable(e.getMessage() + "; the runtime opens one stack", e.hint());
        }
        QbmNode qbm = qbmOf(root);
        RawNode format = imageFormat(qbm);
        BlockNode protocol = format.file() instanceof Child.Inline in ? in.node() : null;
        String filename = protocol instanceof FileNode f ? f.filename()
                : protocol instanceof HostDeviceNode h ? h.filename() : null;
        if (filename == null) {
            throw notRunnable("The image must be raw over a file or host_device node, not "
                    + (protocol == null ? "a reference" : protocol.driver()),
                    "give image.file.driver=file,image.file.filename=PATH");
        }
        List<BitmapSpec> bitmaps = new ArrayList<>();
        java.util.Set<io.qbmc.source.Span> bitmapFiles = new java.util.HashSet<>();
        for (QbmNode.Bitmap b : qbm.bitmaps()) {
            if (!(b.file() instanceof Child.Inline in) || !(in.node() instanceof FileNode f) || f.filename() == null) {
                throw notRunnable("Bitmap '" + b.name() + "' must be kept in a plain file node",
                        "give bitmaps.N.file.driver=file,bitmaps.N.file.filename=PATH");
            }
            bitmaps.add(new BitmapSpec(b.name(), path(f.filename()), b.granularity(), b.enabled()));
            io.qbmc.source.Span at = r.origins().value(f, "filename");
            if (repair && at.isKnown()) {
                bitmapFiles.add(at);
            }
        }
        Diagnostics files = new Diagnostics();
        FileChecks.run(r.graph(), r.origins(), r.descriptors(), files);
        List<Diagnostic> fatal = files.sorted().stream()
                .filter(d -> d.isError() && d.code() != Code.BITMAP_IN_USE && !bitmapFiles.contains(d.span())).toList();
        if (!fatal.isEmpty()) {
            throw new StackException(fatal);
        }
        Long size = ImageSize.of(qbm, null);
        if (size == null) {
            throw new StackException(Code.FILE_MISMATCH, "The image's size is unknown", "create the image first");
        }
        return new StackLayout(path(filename), format.offset() == null ? 0 : format.offset(), size, qbm.mode(),
                bitmaps, descriptorOf(r), readOnly(root) || readOnly(qbm) || readOnly(format) || readOnly(protocol));
    }

    private static QbmNode qbmOf(BlockNode root) {
        if (root instanceof QbmNode q) {
            return q;
        }
        if (root instanceof RawNode raw && raw.file() instanceof Child.Inline in && in.node() instanceof QbmNode q) {
            if (raw.offset() != null || raw.size() != null) {
                throw notRunnable("The raw node above the qbm filter has an offset or size window",
                        "put the window on the image's raw node instead");
            }
            return q;
        }
        throw notRunnable("The runtime opens a qbm stack: a qbm filter, or raw over one; this graph's top node is "
                + (root.driver().isEmpty() ? "a probed format" : root.driver()),
                "write the stack as a QBM descriptor (qbmc compile) or as driver=qbm,...");
    }

    private static RawNode imageFormat(QbmNode qbm) {
        BlockNode image = qbm.image() instanceof Child.Inline in ? in.node() : null;
        if (image instanceof RawNode raw) {
            return raw;
        }
        if (image instanceof Qcow2Node) {
            throw notRunnable("The runtime reads and writes raw images; this stack's image is qcow2",
                    "convert it (qemu-img convert -O raw) or keep qcow2's own persistent bitmaps");
        }
        throw notRunnable("The qbm filter's image must be a raw node, not "
                        + (image == null ? "a reference" : image.driver().isEmpty() ? "a probed format" : image.driver()),
                "give image.driver=raw");
    }

    private static Path descriptorOf(CompileResult r) {
        List<DescriptorReader.Located> ds = r.descriptors();
        if (ds.size() > 1) {
            throw notRunnable("The input names " + ds.size() + " descriptors; the runtime opens one stack", null);
        }
        if (ds.isEmpty() || ds.get(0).whole().source() == null || ds.get(0).whole().source().file() == null) {
            return null;
        }
        return ds.get(0).whole().source().file().toAbsolutePath().normalize();
    }

    private static boolean readOnly(BlockNode n) {
        return n != null && n.options().get("read-only") instanceof Value.Bool b && b.value();
    }

    private static Path path(String file) {
        try {
            return Path.of(file).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new StackException(Code.FILE_ACCESS, "'" + file + "' is not a valid path", null);
        }
    }

    static StackException notRunnable(String message, String hint) {
        return new StackException(Code.STACK_NOT_RUNNABLE, message, hint);
    }
}
