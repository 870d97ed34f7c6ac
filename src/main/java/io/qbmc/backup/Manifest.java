package io.qbmc.backup;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qbmc.diag.Code;
import io.qbmc.runtime.StackException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * manifest.json of a chain link: which image bytes the link holds, where, and their SHA-256.
 *
 * <pre>{@code
 * {"qbmc-backup": 1, "chain": "UUID", "link": 1, "kind": "incremental", "parent": 0,
 *  "created": "2025-01-01T00:00:00Z", "image": {"file": "/abs/disk.img", "size": 67108864},
 *  "bitmap": {"name": "daily", "granularity": 65536, "generation": 0}, "data": "data.raw",
 *  "extents": [{"offset": 0, "length": 65536, "sha256": "..."}]}
 * }</pre>
 *
 * The data file is a sparse raw file as long as the image; each extent lies at its image offset.
 * A full link lists the image's non-zero runs (the rest is zero); an incremental link lists the
 * dirty runs, zeros included, since they overwrite what the earlier links hold.
 *
 * @param parent     the previous link's number, or null for a full link
 * @param generation the generation the bitmap has from this link on: the backup moves the bitmap to
 *                   it when the link is durable, and the next incremental link needs the bitmap
 *                   still at it (0 in manifests from before generations)
 */
public record Manifest(String chain, int link, Kind kind, Integer parent, String created, String image, long size,
        String bitmap, long granularity, long generation, List<Entry> extents) {

    public static final int FORMAT = 1;
    public static final String FILE = "manifest.json";
    public static final String DATA = "data.raw";
    private static final Set<String> FIELDS = Set.of("qbmc-backup", "chain", "link", "kind", "parent", "created",
            "image", "bitmap", "data", "extents");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public enum Kind {
        FULL, INCREMENTAL;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One extent of the link with the SHA-256 of its bytes, in lower-case hex. */
    public record Entry(long offset, long length, String sha256) {
    }

    public Manifest {
        extents = List.copyOf(extents);
    }

    public long bytes() {
        long n = 0;
        for (Entry e : extents) {
            n += e.length();
        }
        return n;
    }

    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("qbmc-backup", FORMAT);
        o.put("chain", chain);
        o.put("link", link);
        o.put("kind", kind.word());
        if (parent == null) {
            o.putNull("parent");
        } else {
            o.put("parent", parent);
        }
        o.put("created", created);
        ObjectNode img = o.putObject("image");
        img.put("file", image);
        img.put("size", size);
        ObjectNode bm = o.putObject("bitmap");
        bm.put("name", bitmap);
        bm.put("granularity", granularity);
        bm.put("generation", generation);
        o.put("data", DATA);
        ArrayNode list = o.putArray("extents");
        for (Entry e : extents) {
            ObjectNode x = list.addObject();
            x.put("offset", e.offset());
            x.put("length", e.length());
            x.put("sha256", e.sha256());
        }
        try {
            return JSON.writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads and checks a manifest; every problem is a CHAIN_INVALID naming the file and field. */
    public static Manifest parse(String where, String text) {
        JsonNode o;
        try {
            o = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw invalid(where, "is not valid JSON" + (at == null || at.getLineNr() < 1 ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": "
                    + io.qbmc.qbm.LocatedJson.message(e));
        }
        if (o == null || !o.isObject()) {
            throw invalid(where, "is not a JSON object");
        }
        for (Iterator<String> it = o.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw invalid(where, "has an unknown field '" + f + "'");
            }
        }
        if (integer(o, "qbmc-backup", where) != FORMAT) {
            throw invalid(where, "has format " + o.get("qbmc-backup") + "; this qbmc reads format " + FORMAT);
        }
        String kindWord = text(o, "kind", where);
        Kind kind = kindWord.equals("full") ? Kind.FULL : kindWord.equals("incremental") ? Kind.INCREMENTAL : null;
        if (kind == null) {
            throw invalid(where, "has kind '" + kindWord + "'; expected full or incremental");
        }
        Integer parent = o.path("parent").isNull() || o.path("parent").isMissingNode() ? null
                : (int) integer(o, "parent", where);
        JsonNode img = object(o, "image", where);
        JsonNode bm = object(o, "bitmap", where);
        if (!DATA.equals(o.path("data").asText(null))) {
            throw invalid(where, "must name its data file \"" + DATA + "\"");
        }
        List<Entry> extents = new ArrayList<>();
        JsonNode list = o.get("extents");
        if (list == null || !list.isArray()) {
            throw invalid(where, "needs an 'extents' array");
        }
        for (JsonNode x : list) {
            String sum = text(x, "sha256", where);
            if (!sum.matches("[0-9a-f]{64}")) {
                throw invalid(where, "has an extent whose sha256 is not 64 lower-case hex digits");
            }
            extents.add(new Entry(integer(x, "offset", where), integer(x, "length", where), sum));
        }
        return new Manifest(text(o, "chain", where), (int) integer(o, "link", where), kind, parent,
                text(o, "created", where), text(img, "file", where), integer(img, "size", where),
                text(bm, "name", where), integer(bm, "granularity", where),
                bm.has("generation") ? integer(bm, "generation", where) : 0, extents);
    }

    private static long integer(JsonNode o, String field, String where) {
        JsonNode v = o.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
            throw invalid(where, "needs '" + field + "' as a non-negative integer");
        }
        return v.asLong();
    }

    private static String text(JsonNode o, String field, String where) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) {
            throw invalid(where, "needs '" + field + "' as a string");
        }
        return v.asText();
    }

    private static JsonNode object(JsonNode o, String field, String where) {
        JsonNode v = o.get(field);
        if (v == null || !v.isObject()) {
            throw invalid(where, "needs '" + field + "' as an object");
        }
        return v;
    }

    static StackException invalid(String where, String what) {
        return new StackException(Code.CHAIN_INVALID, where + " " + what, "a manifest is written by qbmc backup;"
                + " a damaged link cannot be restored, nor anything after it");
    }
}
