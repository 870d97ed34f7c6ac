package io.qbmc.runtime;

import io.qbmc.compile.CompileResult;
import io.qbmc.diag.Code;
import io.qbmc.graph.BitmapLimit;
import io.qbmc.qbm.AtomicFiles;
import io.qbmc.qbm.BitmapLayout;
import io.qbmc.qbm.Descriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * qbmc bitmap: adds, removes, clears, enables, disables and merges bitmaps of a stack given by its
 * descriptor. The stack is locked as for writing. Every action is checked against the state the
 * earlier ones leave, in command-line order, before anything is written; then bitmap files are
 * written (each atomically), then the descriptor, then the files of removed bitmaps deleted. A
 * crash between these steps leaves at worst an unused file or a bitmap with extra dirty bits.
 */
public final class BitmapEditor {
    private final StackLayout layout;
    private final Path folder;
    private final boolean force;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Path> removed = new ArrayList<>();
    private final List<String> report = new ArrayList<>();

    /** A bitmap as the actions leave it; content is null while the file is unchanged. */
    private static final class Entry {
        Descriptor.Bitmap meta;
        byte[] content;
        boolean zero;
        boolean created;

        Entry(Descriptor.Bitmap meta) {
            this.meta = meta;
        }
    }

    private BitmapEditor(StackLayout layout, boolean force) {
        this.layout = layout;
        this.folder = layout.descriptor().getParent();
        this.force = force;
    }

    /**
     * Applies the actions to one bitmap of the stack.
     *
     * @param force replace an existing file when --add creates a bitmap file
     * @return one line per action, saying what it did
     */
    public static List<String> apply(CompileResult stack, String name, List<BitmapAction> actions, boolean force)
            throws IOException {
        // the first thing to say about a stack without a descriptor, before any of its files
        if (stack.valid() && stack.descriptors().isEmpty()) {
            throw needsDescriptor();
        }
        StackLayout layout = StackLayout.of(stack, true);
        if (layout.descriptor() == null) {
            throw needsDescriptor();
        }
        try (OpenFiles.Handle image = OpenFiles.open(layout.image(), true, true);
                DescriptorStore store = new DescriptorStore(layout.descriptor(),
                        OpenFiles.open(layout.descriptor(), true, true))) {
            BitmapEditor editor = new BitmapEditor(layout, force);
            for (Descriptor.Bitmap b : store.read().bitmaps()) {
                editor.entries.add(new Entry(b));
            }
            for (BitmapAction a : actions) {
                editor.apply(name, a);
            }
            if (editor.entries.isEmpty()) {
                throw new StackException(Code.DESCRIPTOR_LAYOUT, "A descriptor holds at least one bitmap; '" + name
                        + "' is the last one", "add another bitmap in the same command, or delete the stack");
            }
            editor.commit(store);
            return editor.report;
        }
    }

    private static StackException needsDescriptor() {
        return new StackException(Code.NEEDS_DESCRIPTOR, "qbmc bitmap changes the bitmaps a QBM descriptor lists; "
                + "this stack is given as options and has none",
                "compile a descriptor (qbmc compile INPUT --out DIR) and pass DIR/NAME.qbm");
    }

    private void apply(String name, BitmapAction action) throws IOException {
        if (action instanceof BitmapAction.Add add) {
            add(name, add);
            return;
        }
        Entry e = find(name);
        if (action instanceof BitmapAction.Remove) {
            entries.remove(e);
            removed.add(path(e.meta.file()));
            report.add("removed bitmap '" + name + "'");
        } else if (action instanceof BitmapAction.Clear) {
            e.zero = true;
            e.content = null;
            // the chain taken from it no longer knows what changed since its last link
            e.meta = e.meta.withInUse(false).withGeneration(Descriptor.Bitmap.fresh());
            report.add("cleared bitmap '" + name + "'");
        } else if (action instanceof BitmapAction.Enable) {
            e.meta = withEnabled(e.meta, true);
            report.add("enabled bitmap '" + name + "'");
        } else if (action instanceof BitmapAction.Disable) {
            e.meta = withEnabled(e.meta, false);
            report.add("disabled bitmap '" + name + "'");
        } else if (action instanceof BitmapAction.Merge merge) {
            merge(e, merge.source());
        }
    }

    private void add(String name, BitmapAction.Add add) {
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > 1023) {
            throw new StackException(Code.BITMAP_NAME, "A bitmap name has 1 to 1023 bytes of UTF-8", null);
        }
        if (findOrNull(name) != null) {
            throw new StackException(Code.BITMAP_EXISTS, "Bitmap '" + name + "' already exists",
                    "pick another name, or --remove it first");
        }
        long g = add.granularity();
        if (g < 512 || g > (1L << 31) || Long.bitCount(g) != 1) {
            throw new StackException(Code.BITMAP_GRANULARITY, "Granularity " + g
                    + " is not a power of two from 512 to 2G", "use 64k, QEMU's default for raw images");
        }
        if (BitmapLimit.tooLarge(layout.size(), g)) {
            throw new StackException(Code.BITMAP_TOO_LARGE, "Too much space will be occupied by the bitmap. Use larger"
                    + " granularity", "the image has " + layout.size() + " bytes: give at least -g "
                    + BitmapLimit.smallestGranularity(layout.size()) + " (at most 512 MiB x granularity)");
        }
        String file = add.file() != null ? add.file() : name.replaceAll("[^A-Za-z0-9._-]", "_") + ".bitmap";
        if (add.file() != null) {
            // as qbmc compile: a stack's files stay in its folder, so the folder can be moved whole
            Path given;
            try {
                given = Path.of(file);
            } catch (InvalidPathException e) {
                throw new StackException(Code.FILE_ACCESS, "'" + file + "' is not a valid path", null);
            }
            if (given.isAbsolute() || given.normalize().startsWith("..") || given.normalize().toString().isEmpty()) {
                throw new StackException(Code.PATH_OUTSIDE, "Path '" + file + "' leaves the descriptor's folder "
                        + folder, "give a path relative to the descriptor's folder");
            }
        }
        Path p = path(file);
        Set<Path> taken = new HashSet<>();
        taken.add(layout.image());
        taken.add(layout.descriptor());
        for (Entry other : entries) {
            taken.add(path(other.meta.file()));
        }
        if (taken.contains(p)) {
            throw new StackException(Code.SHARED_FILE, "'" + p + "' is already a file of this stack",
                    "name the bitmap file differently");
        }
        Path parent = p.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            // checked with the other actions, before anything is written; else the failure would name
            // the hidden temporary file the atomic write goes through
            throw new StackException(Code.FILE_ACCESS, "Cannot create bitmap file " + p + ": the folder " + parent
                    + (Files.exists(parent) ? " is not a folder" : " does not exist"),
                    "create the folder first, or give --file a path in an existing folder");
        }
        if (Files.exists(p) && !force && !removed.contains(p)) {
            throw new StackException(Code.WOULD_OVERWRITE, "Bitmap file " + p + " exists",
                    "use --force to replace it, or choose another bitmap name");
        }
        Entry e = new Entry(new Descriptor.Bitmap(name, file, g, "dirty", true, false, Descriptor.Bitmap.fresh()));
        e.zero = true;
        e.created = true;
        entries.add(e);
        report.add("added bitmap '" + name + "' (granularity " + g + ", file " + p + ")");
    }

    private void merge(Entry target, String sourceName) throws IOException {
        Entry source = find(sourceName);
        if (source.meta.granularity() != target.meta.granularity()) {
            throw new StackException(Code.GRANULARITY_MISMATCH, "Cannot merge '" + sourceName + "' (granularity "
                    + source.meta.granularity() + ") into '" + target.meta.name() + "' (granularity "
                    + target.meta.granularity() + ")", "merge bitmaps of equal granularity");
        }
        for (Entry e : List.of(source, target)) {
            if (e.meta.inUse()) {
                throw new StackException(Code.BITMAP_IN_USE, "Bitmap '" + e.meta.name()
                        + "' is inconsistent (in use when its writer stopped) and cannot be merged",
                        "clear it (qbmc bitmap --clear) or remove it");
            }
        }
        if (source != target) {
            byte[] into = content(target);
            byte[] from = content(source);
            for (int i = 0; i < into.length; i++) {
                into[i] |= from[i];
            }
            target.zero = false;
        }
        report.add("merged bitmap '" + sourceName + "' into '" + target.meta.name() + "'");
    }

    private byte[] content(Entry e) throws IOException {
        if (e.content == null) {
            int n = (int) BitmapLayout.fileSize(layout.size(), e.meta.granularity());
            if (e.zero) {
                e.content = new byte[n];
            } else {
                try (BitmapFile f = BitmapFile.open(path(e.meta.file()), false)) {
                    e.content = f.load(layout.size(), e.meta.granularity()).toBytes();
                }
            }
        }
        return e.content;
    }

    private void commit(DescriptorStore store) throws IOException {
        for (Entry e : entries) {
            Path p = path(e.meta.file());
            boolean replace = !e.created || force || removed.contains(p);
            if (e.zero) {
                AtomicFiles.writeZeros(p, BitmapLayout.fileSize(layout.size(), e.meta.granularity()), replace);
            } else if (e.content != null) {
                AtomicFiles.write(p, e.content, replace);
            }
        }
        List<Descriptor.Bitmap> metas = entries.stream().map(e -> e.meta).toList();
        store.update(d -> d.withBitmaps(metas));
        Set<Path> kept = new HashSet<>();
        for (Entry e : entries) {
            kept.add(path(e.meta.file()));
        }
        for (Path p : removed) {
            if (!kept.contains(p)) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Entry find(String name) {
        Entry e = findOrNull(name);
        if (e == null) {
            List<String> names = entries.stream().map(x -> x.meta.name()).toList();
            throw new StackException(Code.UNKNOWN_BITMAP, "The stack has no bitmap '" + name + "'",
                    names.isEmpty() ? "add one with --add" : "its bitmaps: " + String.join(", ", names));
        }
        return e;
    }

    private Entry findOrNull(String name) {
        for (Entry e : entries) {
            if (e.meta.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private Path path(String file) {
        try {
            return folder.resolve(file).toAbsolutePath().normalize();
        } catch (InvalidPathException ex) {
            throw new StackException(Code.FILE_ACCESS, "'" + file + "' is not a valid path", null);
        }
    }

    /**
     * Writes made while a bitmap is disabled are not recorded, so both edges of that time end the
     * chains taken from it: one continued from a link taken before (or during) it would miss them.
     */
    private static Descriptor.Bitmap withEnabled(Descriptor.Bitmap b, boolean enabled) {
        return b.enabled() == enabled ? b : b.withEnabled(enabled).withGeneration(Descriptor.Bitmap.fresh());
    }
}
