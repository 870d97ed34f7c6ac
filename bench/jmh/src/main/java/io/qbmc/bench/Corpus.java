package io.qbmc.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * B2 and B7's input: a folder of spec files in every form validate reads from folders, a few of
 * them broken, 100 to a subfolder. Each file comes with the arguments qemu-img info takes for the
 * same configuration, so the baseline opens what qbmc checks.
 *
 * <p>Specs name two real images in the corpus folder (a raw file and a qcow2 overlay), so
 * qemu-img opens them rather than failing early on a missing file. qemu-img reads dotted options
 * (--image-opts) and json: names; HOCON files and QBM descriptors are not forms it knows, so for
 * those it gets the file itself, as `qemu-img info FILE` (it probes it and reports a raw file).
 */
public final class Corpus {
    /** One spec file and the qemu-img info arguments for the same configuration. */
    public record Entry(Path file, List<String> qemuArgs, boolean broken) {
    }

    private Corpus() {
    }

    /** Writes {@code count} specs under {@code dir} (which must be empty or missing). */
    public static List<Entry> write(Path dir, int count) {
        try {
            Files.createDirectories(dir);
            Path raw = dir.resolve("disk.img").toAbsolutePath();
            Path base = dir.resolve("base.qcow2").toAbsolutePath();
            Path overlay = dir.resolve("overlay.qcow2").toAbsolutePath();
            if (!Files.exists(overlay)) {
                for (String r : List.of("disk.img", "disk-0.img", "disk-1.img", "disk-2.img")) {
                    try (var ch = java.nio.channels.FileChannel.open(dir.resolve(r), java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.WRITE)) {
                        ch.truncate(0);
                        ch.write(java.nio.ByteBuffer.wrap(new byte[1]), (1 << 20) - 1);
                    }
                }
                run("qemu-img", "create", "-q", "-f", "qcow2", base.toString(), "1M");
                run("qemu-img", "create", "-q", "-f", "qcow2", "-F", "qcow2", "-b", base.toString(), overlay.toString());
            }
            List<Entry> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Path sub = dir.resolve(String.format("d%03d", i / 100));
                if (i % 100 == 0) {
                    Files.createDirectories(sub);
                }
                out.add(one(sub, i, raw.toString(), base.toString(), overlay.toString()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Entry one(Path sub, int i, String raw, String base, String overlay) throws IOException {
        boolean broken = i % 97 == 13;
        String name = String.format("s%05d", i);
        switch (i % 8) {
            case 0, 1: { // dotted, --image-opts
                String spec = "driver=raw,file.driver=file,file.filename=" + raw.replace(",", ",,")
                        + (i % 3 == 0 ? ",read-only=on" : ",cache.direct=off") + (broken ? ",file.filenme=x" : "");
                return write(sub.resolve(name + ".opts"), spec, List.of("--image-opts", spec), broken);
            }
            case 2: { // dotted qcow2 over a qcow2 backing file
                String spec = "driver=qcow2,file.driver=file,file.filename=" + overlay
                        + ",backing.driver=qcow2,backing.file.driver=file,backing.file.filename=" + base
                        + (broken ? ",l2-cache-size=banana" : ",cache-clean-interval=600");
                return write(sub.resolve(name + ".opts"), spec, List.of("--image-opts", spec), broken);
            }
            case 3: { // a json: filename
                String spec = "json:{\"driver\": \"qcow2\", \"file\": {\"driver\": \"file\", \"filename\": \"" + overlay
                        + "\"}" + (broken ? ", \"lazy-refcounts\": \"maybe\"" : ", \"lazy-refcounts\": true") + "}";
                return write(sub.resolve(name + ".opts"), spec, List.of(spec), broken);
            }
            case 4: { // a .json config: a quorum of three
                StringBuilder s = new StringBuilder("{\"driver\": \"quorum\", \"vote-threshold\": ")
                        .append(broken ? 4 : 2).append(", \"children\": [");
                for (int c = 0; c < 3; c++) {
                    s.append(c == 0 ? "" : ", ").append("{\"driver\": \"raw\", \"file\": {\"driver\": \"file\", \"filename\": \"")
                            .append(raw.replace("disk.img", "disk-" + c + ".img")).append("\"}}");
                }
                String spec = s.append("]}").toString();
                return write(sub.resolve(name + ".json"), spec, List.of("json:" + spec), broken);
            }
            case 5: { // a -blockdev set, as libvirt writes it
                String spec = "[\n  {\"driver\": \"file\", \"filename\": \"" + overlay + "\", \"node-name\": \"s" + i + "\"},\n"
                        + "  {\"driver\": \"qcow2\", \"node-name\": \"f" + i + "\", \"file\": \"s" + i + "\""
                        + (broken ? ", \"discard\": \"sometimes\"" : ", \"discard\": \"unmap\"") + "}\n]\n";
                String json = "json:{\"driver\": \"qcow2\", \"file\": {\"driver\": \"file\", \"filename\": \"" + overlay
                        + "\"}, \"discard\": \"" + (broken ? "sometimes" : "unmap") + "\"}";
                return write(sub.resolve(name + ".json"), spec, List.of(json), broken);
            }
            case 6: { // HOCON: a qbm stack
                String spec = "# stack " + i + "\ndriver = raw\nfile {\n  driver = qbm\n  mode = "
                        + (broken ? "sometimes" : "deferred") + "\n  size = 1M\n"
                        + "  image { driver = raw, file { driver = file, filename = \"" + raw + "\" } }\n"
                        + "  bitmaps = [\n    { name = b" + i + ", granularity = 64k, file { driver = file, filename = \"b"
                        + i + ".bitmap\" } }\n  ]\n}\n";
                Path p = sub.resolve(name + ".conf");
                return write(p, spec, List.of(p.toAbsolutePath().toString()), broken);
            }
            default: { // a QBM descriptor
                String spec = "{\n  \"QBM\": {\n    \"version\": 1,\n    \"image\": {\"file\": \"" + raw
                        + "\", \"format\": \"raw\", \"size\": 1048576},\n    \"mode\": \"synchronous\",\n    \"bitmaps\": [\n"
                        + "      {\"name\": \"b" + i + "\", \"file\": \"b" + i + ".bitmap\", \"granularity\": "
                        + (broken ? 1000 : 65536) + ", \"type\": \"dirty\", \"enabled\": true, \"in-use\": false}\n    ]\n  }\n}\n";
                Path p = sub.resolve(name + ".qbm");
                return write(p, spec, List.of(p.toAbsolutePath().toString()), broken);
            }
        }
    }

    private static Entry write(Path p, String text, List<String> qemuArgs, boolean broken) throws IOException {
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return new Entry(p, qemuArgs, broken);
    }

    private static void run(String... cmd) throws IOException {
        try {
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public static void main(String[] args) {
        List<Entry> all = write(Path.of(args[0]), Integer.parseInt(args[1]));
        System.out.println(all.size() + " specs, " + all.stream().filter(Entry::broken).count() + " broken");
    }
}
