package io.qbmc.qbm;

import io.qbmc.text.Suggest;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.source.Source;
import io.qbmc.source.Span;
import io.qbmc.syntax.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a QBM v1 descriptor and checks its layout (docs/qbm-spec.md). Every field keeps its
 * span, so the options built from a descriptor point back into it.
 */
public final class DescriptorReader {

    /** A descriptor with the spans of its fields, by path ("image.file", "bitmaps.0.granularity"). */
    public record Located(Descriptor descriptor, Map<String, Span> keys, Map<String, Span> values, Span whole) {
    }

    private final Diagnostics diags;
    private final Map<String, Span> keys = new HashMap<>();
    private final Map<String, Span> values = new HashMap<>();
    private boolean failed;

    private DescriptorReader(Diagnostics diags) {
        this.diags = diags;
    }

    /** Whether a text looks like a descriptor: a JSON object whose first key is "QBM". */
    public static boolean looksLike(String text) {
        return text.stripLeading().startsWith("{") && text.matches("(?s)\\s*\\{\\s*\"QBM\"\\s*:.*");
    }

    public static Located read(Source source, Diagnostics diags) {
        JsonNode root = LocatedJson.parse(source, diags);
        if (root == null) {
            return null;
        }
        DescriptorReader r = new DescriptorReader(diags);
        Descriptor d = r.top(root);
        return d == null || r.failed ? null : new Located(d, r.keys, r.values, root.span());
    }

    private void error(Code code, Span at, String message, String hint) {
        diags.report(code, at, message, hint);
        failed = true;
    }

    private Descriptor top(JsonNode root) {
        if (!(root instanceof JsonNode.JObject o) || o.members().size() != 1 || !o.members().get(0).key().equals("QBM")
                || !(o.members().get(0).value() instanceof JsonNode.JObject)) {
            error(Code.DESCRIPTOR_LAYOUT, root.span(), "A QBM descriptor is exactly {\"QBM\": {...}}",
                    "wrap the descriptor in one object with the single key \"QBM\"");
            return null;
        }
        JsonNode.JObject qbm = (JsonNode.JObject) o.members().get(0).value();
        keys.put("", o.members().get(0).keySpan());
        Map<String, JsonNode.Member> m = members(qbm, "", List.of("version", "image", "backing", "mode", "bitmaps"));
        Integer version = version(m.get("version"), qbm);
        Descriptor.Image image = image(m.get("image"), "image", qbm, true);
        Descriptor.Image backing = m.containsKey("backing") ? image(m.get("backing"), "backing", qbm, true) : null;
        String mode = null;
        if (m.containsKey("mode")) {
            mode = string(m.get("mode"), "mode");
            if (mode != null && !mode.equals("synchronous") && !mode.equals("deferred")) {
                error(Code.DESCRIPTOR_LAYOUT, m.get("mode").value().span(), "mode must be \"synchronous\" or \"deferred\"",
                        null);
            }
        }
        List<Descriptor.Bitmap> bitmaps = bitmaps(m.get("bitmaps"), qbm);
        if (version == null || image == null || bitmaps == null) {
            return null;
        }
        return new Descriptor(version, image, backing, mode, bitmaps);
    }

    /**
     * Members by name; unknown names are errors, with a suggestion.
     *
     * @param known the fields in the order the spec lists them, which hints repeat
     */
    private Map<String, JsonNode.Member> members(JsonNode.JObject o, String path, List<String> known) {
        Map<String, JsonNode.Member> out = new LinkedHashMap<>();
        for (JsonNode.Member mem : o.members()) {
            String p = path.isEmpty() ? mem.key() : path + "." + mem.key();
            if (!known.contains(mem.key())) {
                String guess = Suggest.closest(mem.key(), known);
                error(Code.DESCRIPTOR_LAYOUT, mem.keySpan(), "Unknown field '" + mem.key() + "'"
                                + (path.isEmpty() ? "" : " in " + path),
                        guess != null ? "did you mean '" + guess + "'?" : "fields here: " + String.join(", ", known));
                continue;
            }
            keys.put(p, mem.keySpan());
            values.put(p, mem.value().span());
            out.put(mem.key(), mem);
        }
        return out;
    }

    private Integer version(JsonNode.Member m, JsonNode.JObject qbm) {
        if (m == null) {
            error(Code.DESCRIPTOR_LAYOUT, qbm.span(), "Missing field 'version'", "add \"version\": 1");
            return null;
        }
        if (m.value() instanceof JsonNode.JNumber n && n.literal().matches("-?\\d+")) {
            BigDecimal v = new BigDecimal(n.literal());
            if (v.compareTo(BigDecimal.ONE) == 0) {
                return Descriptor.VERSION;
            }
            error(Code.DESCRIPTOR_VERSION, n.span(), "Unsupported QBM version " + n.literal(),
                    "this qbmc reads version " + Descriptor.VERSION);
            return null;
        }
        error(Code.DESCRIPTOR_VERSION, m.value().span(), "version must be the integer 1",
                "supported versions: " + Descriptor.VERSION + " (written without quotes or fraction)");
        return null;
    }

    private Descriptor.Image image(JsonNode.Member m, String path, JsonNode.JObject parent, boolean required) {
        if (m == null) {
            if (required) {
                error(Code.DESCRIPTOR_LAYOUT, parent.span(), "Missing field '" + path + "'",
                        "add \"" + path + "\": {\"file\": \"disk.img\", \"format\": \"raw\"}");
            }
            return null;
        }
        if (!(m.value() instanceof JsonNode.JObject o)) {
            error(Code.DESCRIPTOR_LAYOUT, m.value().span(), "'" + path + "' must be an object",
                    "{\"file\": \"disk.img\", \"format\": \"raw\"}");
            return null;
        }
        Map<String, JsonNode.Member> f = members(o, path, List.of("file", "format", "driver", "size"));
        String file = requiredString(f.get("file"), path + ".file", o);
        String format = requiredString(f.get("format"), path + ".format", o);
        String driver = f.containsKey("driver") ? string(f.get("driver"), path + ".driver") : null;
        if (driver != null && !Set.of("file", "host_device", "host_cdrom").contains(driver)) {
            error(Code.DESCRIPTOR_LAYOUT, f.get("driver").value().span(),
                    "'" + path + ".driver' must be file, host_device or host_cdrom", null);
        }
        Long size = f.containsKey("size") ? integer(f.get("size"), path + ".size") : null;
        return file == null || format == null ? null : new Descriptor.Image(file, format, driver, size);
    }

    private List<Descriptor.Bitmap> bitmaps(JsonNode.Member m, JsonNode.JObject qbm) {
        if (m == null) {
            error(Code.DESCRIPTOR_LAYOUT, qbm.span(), "Missing field 'bitmaps'",
                    "add \"bitmaps\": [{\"name\": ..., \"file\": ..., \"granularity\": 65536}]");
            return null;
        }
        List<Descriptor.Bitmap> out = new ArrayList<>();
        boolean empty = m.value() instanceof JsonNode.JArray a0 ? a0.items().isEmpty()
                : m.value() instanceof JsonNode.JObject o0 && o0.members().isEmpty();
        if (empty) {
            // a filter with nothing to record: not "missing", which would send the user to options syntax
            error(Code.DESCRIPTOR_LAYOUT, m.value().span(), "A QBM descriptor needs at least one bitmap",
                    "add {\"name\": \"bm0\", \"file\": \"bm0.raw\", \"granularity\": 65536} to 'bitmaps'");
            return null;
        }
        if (m.value() instanceof JsonNode.JArray a) {
            for (int i = 0; i < a.items().size(); i++) {
                Descriptor.Bitmap b = bitmap(a.items().get(i), "bitmaps." + i, null, null);
                if (b != null) {
                    out.add(b);
                }
            }
        } else if (m.value() instanceof JsonNode.JObject byName) {
            // the 2016 draft's form: an object keyed by bitmap name
            int i = 0;
            for (JsonNode.Member mem : byName.members()) {
                Descriptor.Bitmap b = bitmap(mem.value(), "bitmaps." + i, mem.key(), mem.keySpan());
                if (b != null) {
                    out.add(b);
                }
                i++;
            }
        } else {
            error(Code.DESCRIPTOR_LAYOUT, m.value().span(), "'bitmaps' must be an array of bitmap objects",
                    "[{\"name\": \"bm0\", \"file\": \"bm0.raw\", \"granularity\": 65536}]");
            return null;
        }
        return out;
    }

    private Descriptor.Bitmap bitmap(JsonNode node, String path, String keyName, Span keyNameSpan) {
        if (!(node instanceof JsonNode.JObject o)) {
            // in the form keyed by name, the user wrote no index: name the key
            error(Code.DESCRIPTOR_LAYOUT, node.span(), keyName != null
                    ? "Bitmap '" + keyName + "' in 'bitmaps' must be an object" : "'" + path + "' must be an object",
                    keyName != null ? "{\"file\": \"" + keyName + ".raw\", \"granularity\": 65536}" : null);
            return null;
        }
        Map<String, JsonNode.Member> f = members(o, path,
                List.of("name", "file", "granularity", "type", "enabled", "in-use", "generation"));
        String name = keyName;
        if (f.containsKey("name")) {
            name = string(f.get("name"), path + ".name");
            if (keyName != null && name != null && !name.equals(keyName)) {
                error(Code.DESCRIPTOR_LAYOUT, f.get("name").value().span(),
                        "Bitmap keyed '" + keyName + "' is named '" + name + "'", "the key and the name must agree");
            }
        } else if (keyName != null) {
            keys.put(path + ".name", keyNameSpan);
            values.put(path + ".name", keyNameSpan);
        } else {
            error(Code.DESCRIPTOR_LAYOUT, o.span(), "Missing field '" + path + ".name'", null);
        }
        String file = requiredString(f.get("file"), path + ".file", o);
        Long granularity = null;
        if (f.get("granularity") == null) {
            error(Code.DESCRIPTOR_LAYOUT, o.span(), "Missing field '" + path + ".granularity'",
                    "add \"granularity\": 65536");
        } else {
            granularity = integer(f.get("granularity"), path + ".granularity");
        }
        String type = "dirty";
        if (f.containsKey("type")) {
            type = string(f.get("type"), path + ".type");
            if (type != null && !type.equals("dirty")) {
                error(Code.DESCRIPTOR_LAYOUT, f.get("type").value().span(),
                        "Bitmap type '" + type + "' is not supported", "QBM v1 bitmaps have type \"dirty\"");
            }
        }
        boolean enabled = !f.containsKey("enabled") || Boolean.TRUE.equals(bool(f.get("enabled"), path + ".enabled"));
        boolean inUse = f.containsKey("in-use") && Boolean.TRUE.equals(bool(f.get("in-use"), path + ".in-use"));
        long generation = 0;
        if (f.containsKey("generation")) {
            Long g = integer(f.get("generation"), path + ".generation");
            if (g != null && g > Descriptor.Bitmap.MAX_GENERATION) {
                error(Code.DESCRIPTOR_LAYOUT, f.get("generation").value().span(), "'" + path
                        + ".generation' must be at most " + Descriptor.Bitmap.MAX_GENERATION, null);
            } else if (g != null) {
                generation = g;
            }
        }
        if (name == null || file == null || granularity == null) {
            return null;
        }
        return new Descriptor.Bitmap(name, file, granularity, type, enabled, inUse, generation);
    }

    private String requiredString(JsonNode.Member m, String path, JsonNode.JObject parent) {
        if (m == null) {
            error(Code.DESCRIPTOR_LAYOUT, parent.span(), "Missing field '" + path + "'", null);
            return null;
        }
        String s = string(m, path);
        if (s != null && s.isEmpty()) {
            error(Code.DESCRIPTOR_LAYOUT, m.value().span(), "'" + path + "' must not be empty", null);
            return null;
        }
        return s;
    }

    private String string(JsonNode.Member m, String path) {
        if (m.value() instanceof JsonNode.JString s) {
            return s.value();
        }
        error(Code.DESCRIPTOR_LAYOUT, m.value().span(), "'" + path + "' must be a string", null);
        return null;
    }

    private Boolean bool(JsonNode.Member m, String path) {
        if (m.value() instanceof JsonNode.JBool b) {
            return b.value();
        }
        error(Code.DESCRIPTOR_LAYOUT, m.value().span(), "'" + path + "' must be true or false", null);
        return null;
    }

    private Long integer(JsonNode.Member m, String path) {
        if (m.value() instanceof JsonNode.JNumber n && n.literal().matches("\\d+")) {
            try {
                return Long.parseLong(n.literal());
            } catch (NumberFormatException tooBig) {
                // falls through to the error
            }
        }
        error(Code.DESCRIPTOR_LAYOUT, m.value().span(), "'" + path + "' must be a non-negative integer", null);
        return null;
    }
}
