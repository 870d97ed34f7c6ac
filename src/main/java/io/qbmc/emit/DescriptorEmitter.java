package io.qbmc.emit;

import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.QbmNode;
import io.qbmc.graph.RawNode;
import io.qbmc.graph.Value;
import io.qbmc.qbm.Descriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A qbm stack as a QBM v1 descriptor. A descriptor holds what the format can say: a format over a
 * file-like protocol for the image (and its backing), bitmaps in files, mode and size. Anything
 * else (node-names, cache options, other protocols) has no place in it and is refused by name.
 */
public final class DescriptorEmitter {
    private static final Set<String> FILE_DRIVERS = Set.of("file", "host_device", "host_cdrom");

    private DescriptorEmitter() {
    }

    private static NotExpressible refuse(String what) {
        return new NotExpressible("A QBM descriptor cannot hold this graph: " + what,
                "translate to json, dotted or hocon instead");
    }

    /** The qbm filter a descriptor describes: the root itself, or the file of a plain raw root. */
    public static QbmNode qbmOf(BlockNode root) {
        if (root instanceof QbmNode q) {
            return q;
        }
        if (root instanceof RawNode raw && raw.file() instanceof Child.Inline in && in.node() instanceof QbmNode q) {
            if (raw.offset() != null || raw.size() != null || !raw.extra().isEmpty()) {
                java.util.Set<String> extra = new java.util.TreeSet<>(raw.options().keySet());
                extra.remove("file");
                throw refuse("the raw node above the qbm filter has options a descriptor cannot hold: "
                        + extra);
            }
            return q;
        }
        throw refuse("a descriptor describes a qbm filter, or raw over a qbm filter; this graph's top"
                + " node is " + (root.driver().isEmpty() ? "a probed format" : root.driver()));
    }

    public static Descriptor descriptor(BlockNode root) {
        QbmNode q = qbmOf(root);
        for (String k : new java.util.TreeSet<>(q.extra().keySet())) {
            if (!k.equals("size")) {
                throw refuse("qbm option '" + k + "' has no place in a descriptor");
            }
        }
        BlockNode image = inline(q.image(), "image");
        Descriptor.Image backing = null;
        Map<String, Value> imageOptions = image.options();
        for (String k : new java.util.TreeSet<>(imageOptions.keySet())) {
            if (!k.equals("file") && !k.equals("backing")) {
                throw refuse("image option '" + k + "' has no place in a descriptor");
            }
        }
        if (imageOptions.get("backing") instanceof Value.Node n) {
            BlockNode b = inline(n.child(), "image.backing");
            for (String k : new java.util.TreeSet<>(b.options().keySet())) {
                if (!k.equals("file")) {
                    throw refuse("backing option '" + k + "' has no place in a descriptor");
                }
            }
            backing = image(b, "image.backing", null);
        }
        List<Descriptor.Bitmap> bitmaps = new ArrayList<>();
        for (int i = 0; i < q.bitmaps().size(); i++) {
            QbmNode.Bitmap b = q.bitmaps().get(i);
            BlockNode file = inline(b.file(), "bitmaps." + i + ".file");
            if (!file.driver().equals("file") || file.options().size() != 1 || file.nodeName() != null) {
                throw refuse("bitmaps." + i + ".file must be a plain file node with only a filename");
            }
            bitmaps.add(new Descriptor.Bitmap(b.name(), filename(file), b.granularity(), "dirty", b.enabled(), false));
        }
        return new Descriptor(Descriptor.VERSION, image(image, "image", q.size()), backing, q.mode().word(), bitmaps);
    }

    private static Descriptor.Image image(BlockNode format, String path, Long size) {
        if (format.driver().isEmpty()) {
            throw refuse(path + " has no driver; a descriptor names the image format");
        }
        BlockNode file = inline(format.options().get("file") instanceof Value.Node n ? n.child() : null, path + ".file");
        if (!FILE_DRIVERS.contains(file.driver()) || file.options().size() != 1) {
            throw refuse(path + ".file must be a file, host_device or host_cdrom node with only a filename");
        }
        return new Descriptor.Image(filename(file), format.driver(), file.driver().equals("file") ? null : file.driver(),
                size);
    }

    private static BlockNode inline(Child c, String path) {
        if (c instanceof Child.Inline in) {
            return in.node();
        }
        throw refuse(path + " must be given in place, not " + (c == null ? "missing" : "as a reference"));
    }

    private static String filename(BlockNode file) {
        return file.options().get("filename") instanceof Value.Str s ? s.value() : "";
    }
}
