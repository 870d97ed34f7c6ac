package io.qbmc.compile;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.options.FlatOption;
import io.qbmc.options.Scalar;
import io.qbmc.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Options that QEMU passes to bdrv_open as a filename rather than as options: blkdebug's
 * x-image and blkverify's x-image and x-raw. Only there (and in the top-level filename) does
 * QEMU parse a json: filename; everywhere else "json:{...}" is a literal path. The filename
 * becomes the child's options, with the child's explicit options winning, as in QEMU.
 */
final class LegacyFilenames {
    /** How deeply json: filenames may nest inside each other. */
    static final int MAX_DEPTH = 32;

    /**
     * @param protocolRole whether the child opens as a protocol when it names no driver: blkdebug's
     *                     image and blkverify's raw do (bdrv_open_file_child); blkverify's test is
     *                     probed (bdrv_open_child), so a plain path becomes test.file.filename
     */
    private record Legacy(String driver, String option, String child, boolean protocolRole) {
    }

    private static final List<Legacy> LEGACY = List.of(
            new Legacy("blkdebug", "x-image", "image", true),
            new Legacy("blkverify", "x-image", "test", false),
            new Legacy("blkverify", "x-raw", "raw", true));

    private LegacyFilenames() {
    }

    /** The options with every legacy filename expanded; null after reporting an error that stops QEMU. */
    static List<FlatOption> expand(List<FlatOption> options, Diagnostics diags) {
        return expand(options, diags, 0);
    }

    private static List<FlatOption> expand(List<FlatOption> options, Diagnostics diags, int depth) {
        Map<String, String> drivers = new HashMap<>();
        for (FlatOption o : options) {
            if (o.key().equals("driver") || o.key().endsWith(".driver")) {
                drivers.put(o.key().substring(0, o.key().length() - "driver".length()), o.value().display());
            }
        }
        List<FlatOption> out = new ArrayList<>(options);
        boolean changed = false;
        for (FlatOption o : options) {
            for (Legacy l : LEGACY) {
                if (!o.key().endsWith(l.option())) {
                    continue;
                }
                String prefix = o.key().substring(0, o.key().length() - l.option().length());
                if (!(prefix.isEmpty() || prefix.endsWith(".")) || !l.driver().equals(drivers.get(prefix))
                        || !(o.value() instanceof Scalar.Str s)) {
                    continue;
                }
                out.remove(o);
                changed = true;
                String childPrefix = prefix + l.child() + ".";
                if (JsonFilename.is(s.value()) && o.valueText() != null) {
                    if (depth >= MAX_DEPTH) {
                        diags.report(Code.INPUT_LIMIT, o.valueSpan(),
                                "json: filenames nested more than " + MAX_DEPTH + " levels deep", null);
                        return options;
                    }
                    List<FlatOption> json = JsonFilename.read(o.valueText(), diags);
                    List<FlatOption> inner = json == null ? null : expand(json, diags, depth + 1);
                    if (inner != null) {
                        List<FlatOption> prefixed = new ArrayList<>();
                        for (FlatOption j : inner) {
                            prefixed.add(prefixed(j, childPrefix));
                        }
                        out = Merge.explicitWins(prefixed, out, diags);
                    }
                } else {
                    if (depth >= MAX_DEPTH) {
                        diags.report(Code.INPUT_LIMIT, o.valueSpan(),
                                "filenames nested more than " + MAX_DEPTH + " levels deep", null);
                        return null;
                    }
                    // a filename argument: a protocol prefix names the child's driver, whose own
                    // x-image (blkdebug:, blkverify:) is expanded in the next round
                    FlatOption arg = new FlatOption(o.key(), o.keySpan(), s, o.valueSpan(), o.fragmentSpans(),
                            o.valueText());
                    out = ProtocolFilename.place(arg, childPrefix, l.protocolRole(), out, diags);
                    if (out == null) {
                        return null;
                    }
                }
            }
        }
        // a filename may have given a child a legacy filename of its own (blkdebug::blkdebug::a.raw)
        return changed ? expand(out, diags, depth + 1) : options;
    }

    private static FlatOption prefixed(FlatOption o, String prefix) {
        String key = prefix + o.key();
        Span[] frags = spans(key, o.keySpan());
        Span[] own = o.fragmentSpans();
        if (own != null) {
            System.arraycopy(own, 0, frags, frags.length - own.length, own.length);
        }
        return new FlatOption(key, o.keySpan(), o.value(), o.valueSpan(), frags, o.valueText());
    }

    private static Span[] spans(String key, Span at) {
        Span[] s = new Span[key.split("\\.", -1).length];
        java.util.Arrays.fill(s, at);
        return s;
    }
}
