package io.qbmc.compile;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.options.FlatOption;
import io.qbmc.options.Scalar;
import io.qbmc.qbm.Descriptor;
import io.qbmc.qbm.DescriptorReader;
import io.qbmc.source.Source;
import io.qbmc.source.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * QBM descriptors as input. A descriptor file on its own is the stack the brief describes: a raw
 * format node over the qbm filter. Inside options, driver=qbm with descriptor=PATH (or, in the
 * style of a QEMU format driver, file.filename=PATH) takes image, bitmaps and mode from the
 * descriptor; options given explicitly beside it win.
 */
final class DescriptorInput {
    private DescriptorInput() {
    }

    /** A whole descriptor file: raw over qbm. */
    static void read(Source source, FrontEndResult into, Diagnostics diags) {
        DescriptorReader.Located d = DescriptorReader.read(source, diags);
        if (d == null) {
            return;
        }
        into.descriptors.add(d);
        List<FlatOption> flat = new ArrayList<>();
        Span top = d.keys().getOrDefault("", d.whole());
        flat.add(option("driver", top, new Scalar.Str("raw"), top));
        flat.add(option("file.driver", top, new Scalar.Str("qbm"), top));
        flat.addAll(options(d, "file.", folder(source)));
        io.qbmc.source.Text whole = io.qbmc.source.Text.of(source);
        ImageOpts.add(flat, whole, into, diags);
    }

    static Path folder(Source source) {
        return source.file() == null ? null : source.file().getParent();
    }

    /** The options a descriptor stands for, under a prefix ("file." or "" or "a.b."). */
    static List<FlatOption> options(DescriptorReader.Located located, String prefix, Path folder) {
        Descriptor d = located.descriptor();
        Map<String, Span> keys = located.keys();
        Map<String, Span> values = located.values();
        List<FlatOption> out = new ArrayList<>();
        if (d.mode() != null) {
            out.add(option(prefix + "mode", keys.get("mode"), new Scalar.Str(d.mode()), values.get("mode")));
        }
        if (d.image().size() != null) {
            out.add(option(prefix + "size", keys.get("image.size"), new Scalar.Num(Long.toString(d.image().size())),
                    values.get("image.size")));
        }
        image(out, prefix + "image.", d.image(), "image", keys, values, folder);
        if (d.backing() != null) {
            image(out, prefix + "image.backing.", d.backing(), "backing", keys, values, folder);
        }
        for (int i = 0; i < d.bitmaps().size(); i++) {
            Descriptor.Bitmap b = d.bitmaps().get(i);
            String at = "bitmaps." + i;
            String p = prefix + at + ".";
            out.add(option(p + "name", keys.get(at + ".name"), new Scalar.Str(b.name()), values.get(at + ".name")));
            out.add(option(p + "file.driver", keys.get(at + ".file"), new Scalar.Str("file"), values.get(at + ".file")));
            out.add(option(p + "file.filename", keys.get(at + ".file"), new Scalar.Str(resolve(folder, b.file())),
                    values.get(at + ".file")));
            out.add(option(p + "granularity", keys.get(at + ".granularity"),
                    new Scalar.Num(Long.toString(b.granularity())), values.get(at + ".granularity")));
            out.add(option(p + "enabled", keys.get(at + ".enabled"), new Scalar.Bool(b.enabled()),
                    values.get(at + ".enabled")));
        }
        return out;
    }

    private static void image(List<FlatOption> out, String p, Descriptor.Image image, String at,
            Map<String, Span> keys, Map<String, Span> values, Path folder) {
        out.add(option(p + "driver", keys.get(at + ".format"), new Scalar.Str(image.format()),
                values.get(at + ".format")));
        String driver = image.driver() == null ? "file" : image.driver();
        out.add(option(p + "file.driver", keys.get(at + ".driver"), new Scalar.Str(driver), values.get(at + ".driver")));
        out.add(option(p + "file.filename", keys.get(at + ".file"), new Scalar.Str(resolve(folder, image.file())),
                values.get(at + ".file")));
    }

    /** Relative paths resolve against the descriptor's folder. */
    static String resolve(Path folder, String file) {
        if (folder == null) {
            return file;
        }
        try {
            Path p = Path.of(file);
            return p.isAbsolute() ? file : folder.resolve(p).normalize().toString();
        } catch (InvalidPathException e) {
            return file;
        }
    }

    private static FlatOption option(String key, Span keySpan, Scalar value, Span valueSpan) {
        Span k = keySpan == null ? Span.NONE : keySpan;
        Span v = valueSpan == null ? k : valueSpan;
        Span[] frags = new Span[key.split("\\.", -1).length];
        java.util.Arrays.fill(frags, k);
        return new FlatOption(key, k, value, v, frags, null);
    }

    /**
     * Expands driver=qbm nodes that name a descriptor (descriptor=PATH or file.filename=PATH).
     * Paths resolve against the folder of the input that names them.
     */
    static List<FlatOption> expand(List<FlatOption> options, Path inputFolder, List<DescriptorReader.Located> used,
            Diagnostics diags) {
        List<FlatOption> out = new ArrayList<>(options);
        for (FlatOption o : options) {
            if (!(o.key().equals("driver") || o.key().endsWith(".driver")) || !o.value().display().equals("qbm")) {
                continue;
            }
            String prefix = o.key().substring(0, o.key().length() - "driver".length());
            FlatOption path = find(out, prefix + "descriptor");
            boolean asFile = false;
            if (path == null) {
                path = find(out, prefix + "file.filename");
                asFile = path != null;
            }
            if (path == null) {
                continue;
            }
            String file = resolve(inputFolder, path.value().display());
            Source source;
            try {
                source = new Source(file, Files.readString(Path.of(file), StandardCharsets.UTF_8), Path.of(file));
            } catch (IOException | InvalidPathException e) {
                diags.report(Code.FILE_ACCESS, path.valueSpan(), "Could not read the QBM descriptor '" + file + "': "
                        + describe(e), "the descriptor is read when the configuration is compiled");
                source = null;
            }
            DescriptorReader.Located d = source == null ? null : DescriptorReader.read(source, diags);
            out.remove(path);
            if (asFile) {
                FlatOption fileDriver = find(out, prefix + "file.driver");
                if (fileDriver != null) {
                    out.remove(fileDriver);
                }
            }
            if (d != null) {
                used.add(d);
                out = Merge.explicitWins(options(d, prefix, folder(source)), out, diags);
            } else {
                // reported already: the node keeps its descriptor option, which tells the binder not to
                // report the image and bitmaps the descriptor would have supplied as missing
                out.add(new FlatOption(prefix + "descriptor", path.keySpan(), path.value(), path.valueSpan(),
                        path.fragmentSpans(), path.valueText()));
            }
        }
        return out;
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static FlatOption find(List<FlatOption> options, String key) {
        for (int i = options.size() - 1; i >= 0; i--) {
            if (options.get(i).key().equals(key)) {
                return options.get(i);
            }
        }
        return null;
    }
}
