package io.qbmc.bench;

import io.qbmc.compile.Dialect;
import io.qbmc.source.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The inputs the benchmarks compile: the examples, and generated ones. */
public final class Specs {
    /** The example specs B1 compiles, by file name in examples/. */
    public static final String[] EXAMPLES = {"backing.json", "blockdev-set.json", "drive.txt", "qbm.opts",
            "quorum.opts", "two-bitmaps.conf", "two-bitmaps.qbm", "vm-cmdline.sh"};

    /** B1's generated spec: a qbm filter over a 32-child quorum, with 8 bitmaps. */
    public static final String QUORUM_32X8 = "quorum-32x8";

    private Specs() {
    }

    /** Prints the names of B1's inputs, one a line, for bench/run (CompileBench's spec parameter takes the same). */
    public static void main(String[] args) {
        for (String e : EXAMPLES) {
            System.out.println(e);
        }
        System.out.println(QUORUM_32X8);
    }

    /** The project's root folder: -Dqbmc.root, else the working folder (bench/run runs from the root). */
    public static Path root() {
        return Path.of(System.getProperty("qbmc.root", ".")).toAbsolutePath().normalize();
    }

    /** A spec by name: an example file (with its path, since the extension picks the form), or a generated one. */
    public static Source source(String name) {
        if (name.equals(QUORUM_32X8)) {
            return new Source("<input>", qbmOverQuorum(32, 8));
        }
        Path p = root().resolve("examples").resolve(name);
        try {
            return new Source(p.toString(), Files.readString(p, StandardCharsets.UTF_8), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The dialect the examples are read with (as ExamplesTest does: drive* files are -drive options). */
    public static Dialect dialect(String name) {
        return name.startsWith("drive") ? Dialect.DRIVE : Dialect.IMAGE_OPTS;
    }

    /** A dotted string: raw over a qbm filter whose image is a quorum of {@code children} raw files, with {@code bitmaps} bitmaps. */
    public static String qbmOverQuorum(int children, int bitmaps) {
        StringBuilder s = new StringBuilder("driver=raw,file.driver=qbm,file.mode=synchronous,file.image.driver=quorum");
        s.append(",file.image.vote-threshold=").append(children / 2 + 1);
        for (int i = 0; i < children; i++) {
            String c = ",file.image.children." + i;
            s.append(c).append(".driver=raw").append(c).append(".file.driver=file").append(c)
                    .append(".file.filename=disk-").append(i).append(".img");
        }
        for (int k = 0; k < bitmaps; k++) {
            String b = ",file.bitmaps." + k;
            s.append(b).append(".name=bm").append(k).append(b).append(".granularity=65536").append(b)
                    .append(".file.driver=file").append(b).append(".file.filename=bm").append(k).append(".raw");
        }
        return s.toString();
    }
}
