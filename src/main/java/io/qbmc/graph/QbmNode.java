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

    /** One persistent dirty bitmap; absent options are null. */
    public record Bitmap(String name, Child file, Long granularity, Boolean enabled) {
        Value toValue() {
            Map<String, Value> m = new LinkedHashMap<>();
            if (name != null) {
                m.put("name", new Value.Str(name));
            }
            if (file != null) {
                m.put("file", new Value.Node(file));
            }
            if (granularity != null) {
                m.put("granularity", new Value.Int(granularity));
            }
            if (enabled != null) {
                m.put("enabled", new Value.Bool(enabled));
            }
            return new Value.Obj(m);
        }

        static Bitmap from(Value v) {
            Map<String, Value> m = v instanceof Value.Obj o ? o.members() : Map.of();
            return new Bitmap(Options.str(m, "name"), Options.child(m, "file"), Options.num(m, "granularity"),
                    Options.bool(m, "enabled"));
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
        String mode = Options.str(o, "mode");
        return new QbmNode(Options.child(o, "image"), bitmaps, mode == null ? null : Mode.of(mode),
                Options.rest(o, "image", "bitmaps", "mode"));
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
        return Options.with(extra, "mode", mode == null ? null : mode.word(), "image", image,
                "bitmaps", items.isEmpty() ? null : new Value.Arr(items));
    }
}
