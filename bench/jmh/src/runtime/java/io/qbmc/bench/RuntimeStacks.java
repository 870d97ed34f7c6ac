package io.qbmc.bench;

import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Compiler;
import io.qbmc.compile.Dialect;
import io.qbmc.runtime.Access;
import io.qbmc.runtime.BlockDevice;
import io.qbmc.source.Source;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** qbm stacks on disk for B4 and B6, as qbmc compile writes them: a sparse raw image, one zeroed bitmap, a descriptor. */
final class RuntimeStacks {
    private RuntimeStacks() {
    }

    /** DIR/disk.img of {@code size} bytes, DIR/b0.bitmap at {@code granularity}, DIR/disk.qbm in {@code mode}. */
    static Path create(Path dir, long size, long granularity, String mode) throws IOException {
        Files.createDirectories(dir);
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("disk.img").toFile(), "rw")) {
            f.setLength(size);
        }
        resetBitmap(dir, size, granularity);
        String descriptor = "{\"QBM\": {\"version\": 1, \"image\": {\"file\": \"disk.img\", \"format\": \"raw\", \"size\": " + size
                + "}, \"mode\": \"" + mode + "\", \"bitmaps\": [{\"name\": \"b0\", \"file\": \"b0.bitmap\", \"granularity\": "
                + granularity + ", \"type\": \"dirty\", \"enabled\": true, \"in-use\": false}]}}\n";
        Path qbm = dir.resolve("disk.qbm");
        Files.writeString(qbm, descriptor, StandardCharsets.UTF_8);
        return qbm;
    }

    /** A zeroed bitmap file: ceil(ceil(size / granularity) / 8) bytes, sparse. */
    static void resetBitmap(Path dir, long size, long granularity) throws IOException {
        long bits = (size + granularity - 1) / granularity;
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("b0.bitmap").toFile(), "rw")) {
            f.setLength(0);
            f.setLength((bits + 7) / 8);
        }
    }

    static BlockDevice open(Path qbm) throws IOException {
        String text = Files.readString(qbm, StandardCharsets.UTF_8);
        CompileResult r = new Compiler(Dialect.IMAGE_OPTS).compile(new Source(qbm.toString(), text, qbm));
        if (!r.valid()) {
            throw new IllegalStateException("the benchmark stack does not compile: " + r.diagnostics());
        }
        return BlockDevice.open(r, Access.READ_WRITE);
    }

    static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
