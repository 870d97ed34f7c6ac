package io.qbmc.options;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.source.Span;
import io.qbmc.source.Text;
import io.qbmc.syntax.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * qdict_flatten: a JSON object becomes flat dotted options. Non-empty objects and arrays are
 * spread into "a.b" and "a.0" keys; empty ones stay values. A nested member beats a flat key of
 * the same name, whatever their order, as in QEMU.
 */
public final class JsonFlattener {

    private JsonFlattener() {
    }

    public static List<FlatOption> flatten(JsonNode.JObject object, Diagnostics diags) {
        Map<String, FlatOption> flat = new LinkedHashMap<>();
        Map<String, FlatOption> nested = new LinkedHashMap<>();
        walk(object, "", new ArrayList<>(), flat, nested, true);
        for (Map.Entry<String, FlatOption> e : nested.entrySet()) {
            FlatOption loser = flat.remove(e.getKey());
            if (loser != null) {
                diags.report(Code.FLATTEN_OVERRIDE, loser.keySpan(),
                        "Flat key '" + e.getKey() + "' is overridden by the nested value at " + e.getValue().keySpan(),
                        "QEMU's qdict_flatten lets the nested object win; remove one of the two");
            }
        }
        List<FlatOption> out = new ArrayList<>(flat.values());
        out.addAll(nested.values());
        return out;
    }

    private static void walk(JsonNode node, String prefix, List<Span> frags, Map<String, FlatOption> flat,
            Map<String, FlatOption> nested, boolean top) {
        if (node instanceof JsonNode.JObject o) {
            for (JsonNode.Member m : o.members()) {
                String key = prefix.isEmpty() ? m.key() : prefix + "." + m.key();
                List<Span> path = new ArrayList<>(frags);
                // a flat "a.b" key written at once has one span per written fragment
                for (Span s : DottedReader.fragmentSpans(m.key(), m.keySpan())) {
                    path.add(s);
                }
                put(m.value(), key, path, m.keySpan(), flat, nested, top);
            }
        } else if (node instanceof JsonNode.JArray a) {
            for (int i = 0; i < a.items().size(); i++) {
                JsonNode item = a.items().get(i);
                List<Span> path = new ArrayList<>(frags);
                path.add(item.span());
                put(item, prefix + "." + i, path, item.span(), flat, nested, false);
            }
        }
    }

    private static void put(JsonNode value, String key, List<Span> path, Span keySpan, Map<String, FlatOption> flat,
            Map<String, FlatOption> nested, boolean top) {
        boolean container = (value instanceof JsonNode.JObject o && !o.members().isEmpty())
                || (value instanceof JsonNode.JArray a && !a.items().isEmpty());
        if (container) {
            Map<String, FlatOption> sink = new LinkedHashMap<>();
            walk(value, key, path, sink, sink, false);
            nested.putAll(sink);
            return;
        }
        Text text = value instanceof JsonNode.JString s ? s.text() : null;
        FlatOption option = new FlatOption(key, keySpan, scalar(value), value.span(), path.toArray(new Span[0]), text);
        (top ? flat : nested).put(key, option);
    }

    static Scalar scalar(JsonNode v) {
        if (v instanceof JsonNode.JString s) {
            return new Scalar.Str(s.value());
        }
        if (v instanceof JsonNode.JNumber n) {
            return new Scalar.Num(n.literal());
        }
        if (v instanceof JsonNode.JBool b) {
            return new Scalar.Bool(b.value());
        }
        if (v instanceof JsonNode.JObject) {
            return new Scalar.EmptyObject();
        }
        if (v instanceof JsonNode.JArray) {
            return new Scalar.EmptyList();
        }
        return new Scalar.Null();
    }
}
