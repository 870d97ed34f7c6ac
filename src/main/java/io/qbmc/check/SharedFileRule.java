package io.qbmc.check;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.QbmNode;
import io.qbmc.graph.Value;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same file opened by two nodes of one stack. Where a qbm filter is involved it is an error:
 * an image that is also a bitmap file, or two bitmaps in one file, corrupt each other. Elsewhere
 * QEMU's image locking usually refuses it at run time, so it is a warning.
 */
final class SharedFileRule implements Rule {
    private record Use(BlockNode node, String path, boolean underQbm) {
    }

    @Override
    public void check(CheckContext context, Diagnostics diags) {
        for (BlockNode root : context.graph().roots()) {
            Map<String, List<Use>> byFile = new LinkedHashMap<>();
            collect(root, false, context.graph().named(), byFile, new java.util.HashSet<>());
            for (Map.Entry<String, List<Use>> e : byFile.entrySet()) {
                List<Use> uses = e.getValue();
                if (uses.size() < 2) {
                    continue;
                }
                boolean qbm = uses.stream().anyMatch(Use::underQbm);
                Use first = uses.get(0);
                for (Use u : uses.subList(1, uses.size())) {
                    var span = context.origins().value(u.node(), "filename");
                    String where = context.origins().value(first.node(), "filename").toString();
                    if (qbm) {
                        diags.report(Code.SHARED_FILE, span,
                                "File '" + e.getKey() + "' is used twice in a qbm stack",
                                "also opened at " + where + "; the image and every bitmap need their own file");
                    } else {
                        diags.report(Code.SHARED_FILE_WARNING, span, "File '" + e.getKey() + "' is opened twice",
                                "also opened at " + where + "; QEMU's image locking will refuse the second open");
                    }
                }
            }
        }
    }

    private static void collect(BlockNode node, boolean underQbm, Map<String, BlockNode> named,
            Map<String, List<Use>> byFile, java.util.Set<String> followed) {
        boolean qbm = underQbm || node instanceof QbmNode;
        if (node.options().get("filename") instanceof Value.Str f && isFileDriver(node.driver())) {
            byFile.computeIfAbsent(normalize(f.value()), k -> new ArrayList<>()).add(new Use(node, f.value(), qbm));
        }
        CheckContext.forEachChild(node, (path, child) -> {
            if (child instanceof Child.Inline i) {
                collect(i.node(), qbm, named, byFile, followed);
            } else if (child instanceof Child.Ref r && named.containsKey(r.nodeName()) && followed.add(r.nodeName())) {
                collect(named.get(r.nodeName()), qbm, named, byFile, followed);
            }
        });
    }

    private static boolean isFileDriver(String driver) {
        return driver.equals("file") || driver.equals("host_device") || driver.equals("host_cdrom");
    }

    private static String normalize(String path) {
        try {
            return Path.of(path).normalize().toString();
        } catch (InvalidPathException e) {
            return path;
        }
    }
}
