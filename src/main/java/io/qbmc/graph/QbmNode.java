package io.qbmc.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The qbm filter: reads and writes go to the image child; every write marks the written
 * clusters dirty in each enabled bitmap, kept in plain bitmap files that outlive the VM.
 */
public record QbmNode(Child image, List<Bitmap> bitmaps, Mode mode, Map<String, Value> extra) implements BlockNode {

    /** The image's virtual size when the configuration states it (the size option), else null. */
    public Long size() {
        return Options.num(extra, "size");
    }

    /** When the bitmap files catch up with the writes. */
    public enum Mode {
        /** Before each write is acknowledged. */
        SYNCHRONOUS,
        /** On flush and close. */
        DEFERRED;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Mode of(String word) {
            for (Mode m : values()) {
                if (m.word().equals(word)) {
                    return m;
                }
            }
            return null;
        }
    }

    /** Granularity when none is given: QEMU's default for images without clusters. */
    public static final long DEFAULT_GRANULARITY = 65536;

    /**
     * One persistent dirty bitmap. Defaults are filled in (granularity 64 KiB, enabled), so a
     * bitmap means the same however it was written; name and file are null only when missing.
     */
    public record Bitmap(String name, Child file, long granularity, boolean enabled) {
        Value toValue() {
            Map<String, Value> m = new LinkedHashMap<>();
            if (name != null) {
                m.put("name", new Value.Str(name));
            }
            if (file != null) {
                m.put("file", new Value.Node(file));
            }
            m.put("granularity", new Value.Int(granularity));
            m.put("enabled", new Value.Bool(enabled));
            return new Value.Obj(m);
        }

        static Bitmap from(Value v) {
            Map<String, Value> m = v instanceof Value.Obj o ? o.members() : Map.of();
            Long g = Options.num(m, "granularity");
            Boolean enabled = Options.bool(m, "enabled");
            return new Bitmap(Options.str(m, "name"), Options.child(m, "file"), g == null ? DEFAULT_GRANULARITY : g,
                    enabled == null || enabled);
        }
    }

    public QbmNode {
        bitmaps = List.copyOf(bitmaps);
        extra = Options.freeze(extra);
    }

    static QbmNode from(Map<String, Value> o) {
        List<Bitmap> bitmaps = new ArrayList<>();
        if (o.get("bitmaps") instanceof Value.Arr a) {
            for (Value v : a.items()) {
                bitmaps.add(Bitmap.from(v));
            }
        }
        Mode mode = Mode.of(Options.str(o, "mode"));
        return new QbmNode(Options.child(o, "image"), bitmaps, mode == null ? Mode.SYNCHRONOUS : mode,
                Options.rest(o, "image", "bitmaps", "mode"));
    }

    @Override
    public String nodeName() {
        return Options.str(extra, "node-name");
    }

    @Override
    public String driver() {
        return "qbm";
    }

    @Override
    public Map<String, Value> options() {
        List<Value> items = new ArrayList<>();
        for (Bitmap b : bitmaps) {
            items.add(b.toValue());
        }
        return Options.with(extra, "mode", mode.word(), "image", image,
                "bitmaps", items.isEmpty() ? null : new Value.Arr(items));
    }
}
