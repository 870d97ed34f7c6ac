package io.qbmc.qbm;

import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.GenericNode;
import io.qbmc.graph.QbmNode;
import io.qbmc.graph.Qcow2Node;
import io.qbmc.graph.RawNode;
import io.qbmc.graph.Value;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The virtual size of a qbm stack's image: stated in the configuration (qbm size, raw size,
 * null-co size), or read from the image file (a raw file's length, a qcow2 header's size).
 */
public final class ImageSize {
    private ImageSize() {
    }

    /**
     * The node a child slot holds: inline, or a reference to a top-level node of a -blockdev set or
     * command line, which named maps by node-name; null when it is neither.
     */
    public static BlockNode node(Child c, Map<String, BlockNode> named) {
        if (c instanceof Child.Inline in) {
            return in.node();
        }
        return c instanceof Child.Ref r ? named.get(r.nodeName()) : null;
    }

    /** The size the configuration states, without reading files; null when it does not. */
    public static Long stated(QbmNode qbm) {
        return stated(qbm, Map.of());
    }

    /** As {@link #stated(QbmNode)}, following references through named. */
    public static Long stated(QbmNode qbm, Map<String, BlockNode> named) {
        return qbm.size() != null ? qbm.size() : stated(qbm.image(), named, 0);
    }

    /** @param depth guards against a reference cycle, which validation reports on its own */
    static Long stated(Child c, Map<String, BlockNode> named, int depth) {
        BlockNode n = node(c, named);
        if (n == null || depth > 64) {
            return null;
        }
        if (n instanceof RawNode raw) {
            return raw.size() != null ? raw.size() : stated(raw.file(), named, depth + 1);
        }
        if (n instanceof GenericNode g && (g.driver().equals("null-co") || g.driver().equals("null-aio"))) {
            return g.options().get("size") instanceof Value.Int i ? i.bits() : 1L << 30;
        }
        return null;
    }

    /**
     * The size from the configuration, else from the image file, paths resolved against base.
     *
     * @return the size, or null when neither says
     */
    public static Long of(QbmNode qbm, Path base) {
        return of(qbm, base, Map.of());
    }

    /** As {@link #of(QbmNode, Path)}, following references through named. */
    public static Long of(QbmNode qbm, Path base, Map<String, BlockNode> named) {
        Long s = stated(qbm, named);
        return s != null ? s : actual(qbm, base, named);
    }

    /** The size the image node gives the guest: a stated raw window, else the file's; ignores qbm's size. */
    public static Long ofImage(QbmNode qbm, Path base, Map<String, BlockNode> named) {
        Long s = stated(qbm.image(), named, 0);
        return s != null ? s : actual(qbm, base, named);
    }

    /** The size read from the image file alone; null when it cannot be read. */
    public static Long actual(QbmNode qbm, Path base, Map<String, BlockNode> named) {
        BlockNode format = node(qbm.image(), named);
        if (format == null) {
            return null;
        }
        Path file = fileOf(format, base, named);
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            if (format instanceof Qcow2Node) {
                return qcow2VirtualSize(file);
            }
            if (format instanceof RawNode raw) {
                long len = Files.size(file);
                return raw.offset() == null ? len : Math.max(0, len - raw.offset());
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** The path of a format node's file child, when it is a plain file. */
    public static Path fileOf(BlockNode format, Path base) {
        return fileOf(format, base, Map.of());
    }

    /** As {@link #fileOf(BlockNode, Path)}, following a reference through named. */
    public static Path fileOf(BlockNode format, Path base, Map<String, BlockNode> named) {
        Value v = format.options().get("file");
        BlockNode file = v instanceof Value.Node n ? node(n.child(), named) : null;
        if (file != null && file.options().get("filename") instanceof Value.Str s) {
            try {
                Path p = Path.of(s.value());
                return base == null || p.isAbsolute() ? p : base.resolve(p);
            } catch (InvalidPathException e) {
                return null;
            }
        }
        return null;
    }

    /** A qcow2 header: magic "QFI\xfb", then the virtual size at byte 24, big-endian. */
    static Long qcow2VirtualSize(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(32);
            while (header.hasRemaining() && ch.read(header) > 0) {
                // read the fixed header
            }
            if (header.position() < 32 || header.getInt(0) != 0x514649fb) {
                return null;
            }
            return header.getLong(24);
        }
    }
}
