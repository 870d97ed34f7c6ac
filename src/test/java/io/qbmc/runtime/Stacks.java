package io.qbmc.runtime;

import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Compiler;
import io.qbmc.compile.Dialect;
import io.qbmc.qbm.AtomicFiles;
import io.qbmc.qbm.BitmapLayout;
import io.qbmc.qbm.Descriptor;
import io.qbmc.qbm.DescriptorReader;
import io.qbmc.qbm.DescriptorWriter;
import io.qbmc.source.Source;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test stacks on disk: a sparse raw image, zeroed bitmap files and a descriptor, as qbmc compile makes them. */
public final class Stacks {
    private Stacks() {
    }

    /** A bitmap to create: name, granularity, enabled. */
    public record Bm(String name, long granularity, boolean enabled) {
        public static Bm of(String name, long granularity) {
            return new Bm(name, granularity, true);
        }
    }

    /** Creates DIR/disk.img (sparse, size bytes), one NAME.bitmap per bitmap and DIR/disk.qbm; returns the descriptor. */
    public static Path create(Path dir, long size, String mode, Bm... bitmaps) throws IOException {
        Files.createDirectories(dir);
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("disk.img").toFile(), "rw")) {
            f.setLength(size);
        }
        List<Descriptor.Bitmap> list = new ArrayList<>();
        for (Bm b : bitmaps) {
            AtomicFiles.writeZeros(dir.resolve(b.name() + ".bitmap"), BitmapLayout.fileSize(size, b.granularity()), false);
            list.add(new Descriptor.Bitmap(b.name(), b.name() + ".bitmap", b.granularity(), "dirty", b.enabled(), false));
        }
        Descriptor d = new Descriptor(1, new Descriptor.Image("disk.img", "raw", null, null), null, mode, list);
        Path qbm = dir.resolve("disk.qbm");
        Files.writeString(qbm, DescriptorWriter.write(d), StandardCharsets.UTF_8);
        return qbm;
    }

    public static CompileResult compile(Path descriptor) throws IOException {
        String text = Files.readString(descriptor, StandardCharsets.UTF_8);
        return new Compiler(Dialect.IMAGE_OPTS).compile(new Source(descriptor.toString(), text, descriptor));
    }

    public static CompileResult compile(String spec) {
        return new Compiler(Dialect.IMAGE_OPTS).compile(Source.of(spec));
    }

    public static BlockDevice open(Path descriptor, Access access) throws IOException {
        return BlockDevice.open(compile(descriptor), access);
    }

    /** The descriptor as it is on disk now. */
    public static Descriptor descriptor(Path descriptor) throws IOException {
        String text = Files.readString(descriptor, StandardCharsets.UTF_8);
        var diags = new io.qbmc.diag.Diagnostics();
        DescriptorReader.Located d = DescriptorReader.read(new Source(descriptor.toString(), text, descriptor), diags);
        if (d == null) {
            throw new AssertionError("bad descriptor: " + diags.sorted());
        }
        return d.descriptor();
    }

    public static boolean inUse(Path descriptor, String bitmap) throws IOException {
        return descriptor(descriptor).bitmaps().stream().filter(b -> b.name().equals(bitmap)).findFirst()
                .orElseThrow().inUse();
    }

    /** Sets in-use of one bitmap in the descriptor, as a writer that was killed leaves it. */
    public static void setInUse(Path descriptor, String bitmap) throws IOException {
        Descriptor d = descriptor(descriptor);
        List<Descriptor.Bitmap> out = new ArrayList<>();
        for (Descriptor.Bitmap b : d.bitmaps()) {
            out.add(b.name().equals(bitmap) ? b.withInUse(true) : b);
        }
        Files.writeString(descriptor, DescriptorWriter.write(d.withBitmaps(out)), StandardCharsets.UTF_8);
    }

    /** The bitmap file's content, read from disk. */
    public static DirtyBitmap bitmapFile(Path dir, String bitmap, long size, long granularity) throws IOException {
        return DirtyBitmap.of(size, granularity, Files.readAllBytes(dir.resolve(bitmap + ".bitmap")));
    }
}
