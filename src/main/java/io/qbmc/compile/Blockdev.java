package io.qbmc.compile;

import io.qbmc.bind.Binder;
import io.qbmc.bind.Typing;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.options.Crumpler;
import io.qbmc.options.DottedReader;
import io.qbmc.options.FlatOption;
import io.qbmc.options.JsonFlattener;
import io.qbmc.options.ListIndexRule;
import io.qbmc.options.OptionTree;
import io.qbmc.source.Text;
import io.qbmc.syntax.JsonNode;
import io.qbmc.syntax.JsonSyntax;
import java.util.List;

/**
 * -blockdev nodes: JSON (QAPI-typed) or keyval with the implied key "driver". An input may hold
 * several: a JSON array of nodes, or one node per line.
 */
final class Blockdev {
    private Blockdev() {
    }

    /** One -blockdev argument. */
    static void readOne(Text text, FrontEndResult into, Diagnostics diags) {
        String s = text.value();
        if (s.startsWith("{")) {
            JsonNode node = JsonSyntax.parse(text, "", diags);
            if (node != null) {
                addJson(node, into, diags);
            }
            return;
        }
        List<FlatOption> legacy = LegacyFilenames.expand(DottedReader.keyval(text, "driver", diags), diags);
        if (legacy == null) {
            return;
        }
        Diagnostics crumpling = new Diagnostics();
        OptionTree.Group tree = new Crumpler(ListIndexRule.KEYVAL, Code.DUPLICATE_KEY, crumpling)
                .crumple(DescriptorInput.expand(legacy, DescriptorInput.folder(text.source()), into.descriptors, diags));
        diags.addAll(crumpling.sorted());
        // "Parameters 'file.*' used inconsistently", "Parameter 'children.1' missing": keyval_parse
        // fails and QEMU reports nothing else about the node
        into.units.add(new Unit(tree, Binder.Role.IMAGE, Typing.LENIENT, text.span(0, text.length()), true,
                crumpling.hasErrors()));
    }

    /** A whole input: a JSON array of nodes, or one node per non-empty line. */
    static void readSet(Text text, FrontEndResult into, Diagnostics diags) {
        String s = text.value();
        if (s.startsWith("[")) {
            JsonNode node = JsonSyntax.parse(text, "", diags);
            if (node instanceof JsonNode.JArray array) {
                for (JsonNode item : array.items()) {
                    addJson(item, into, diags);
                }
            } else if (node != null) {
                addJson(node, into, diags);
            }
            return;
        }
        int start = 0;
        while (start <= s.length()) {
            int nl = s.indexOf('\n', start);
            int end = nl < 0 ? s.length() : nl;
            Text line = Inputs.trim(text.sub(start, end));
            if (line.length() > 0) {
                readOne(line, into, diags);
            }
            if (nl < 0) {
                break;
            }
            start = nl + 1;
        }
    }

    private static void addJson(JsonNode node, FrontEndResult into, Diagnostics diags) {
        if (!(node instanceof JsonNode.JObject object)) {
            diags.report(Code.NOT_AN_OBJECT, node.span(), "Invalid JSON object given",
                    "a -blockdev node is a JSON object: {\"driver\": ..., \"node-name\": ...}");
            return;
        }
        object = (JsonNode.JObject) withoutDottedKeys(object, "", diags);
        List<FlatOption> legacy = LegacyFilenames.expand(JsonFlattener.flatten(object, diags), diags);
        if (legacy == null) {
            return;
        }
        OptionTree.Group tree = new Crumpler(ListIndexRule.BLOCK_LAYER, null, diags)
                .crumple(DescriptorInput.expand(legacy, DescriptorInput.folder(object.span().source()), into.descriptors,
                        diags));
        into.units.add(new Unit(tree, Binder.Role.IMAGE, Typing.STRICT, object.span(), true));
    }

    /**
     * -blockdev (and -object) JSON goes to the QAPI visitor as it is: unlike a json: filename it is never
     * flattened and crumpled, so "file.driver" is a member named with a dot, which no QAPI type
     * has (qapi/qobject-input-visitor.c check_struct). Such members are reported and dropped, so
     * they neither pass as nested options nor give a second error further on.
     *
     * @param path the QAPI name of the value: "file", "children[0]" (full_name_nth's JSON form)
     */
    static JsonNode withoutDottedKeys(JsonNode node, String path, Diagnostics diags) {
        if (node instanceof JsonNode.JObject o) {
            List<JsonNode.Member> kept = new java.util.ArrayList<>();
            for (JsonNode.Member m : o.members()) {
                String name = path.isEmpty() ? m.key() : path + "." + m.key();
                if (m.key().contains(".")) {
                    diags.report(Code.UNKNOWN_OPTION, m.keySpan(), "Parameter '" + name + "' is unexpected",
                            "QAPI JSON is not flattened: nest it as " + nested(m.key()));
                    continue;
                }
                kept.add(new JsonNode.Member(m.key(), m.keySpan(), withoutDottedKeys(m.value(), name, diags)));
            }
            return new JsonNode.JObject(kept, o.span());
        }
        if (node instanceof JsonNode.JArray a) {
            List<JsonNode> items = new java.util.ArrayList<>();
            for (int i = 0; i < a.items().size(); i++) {
                items.add(withoutDottedKeys(a.items().get(i), path + "[" + i + "]", diags));
            }
            return new JsonNode.JArray(items, a.span());
        }
        return node;
    }

    /** "cache.direct" as nested members: "cache": {"direct": ...}. */
    private static String nested(String dotted) {
        String[] parts = dotted.split("\\.", -1);
        StringBuilder out = new StringBuilder("\"" + parts[0] + "\": ");
        for (int i = 1; i < parts.length; i++) {
            out.append("{\"").append(parts[i]).append("\": ");
        }
        return out.append("...").append("}".repeat(parts.length - 1)).toString();
    }
}
