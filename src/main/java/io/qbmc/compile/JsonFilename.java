package io.qbmc.compile;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.options.FlatOption;
import io.qbmc.options.JsonFlattener;
import io.qbmc.source.Text;
import io.qbmc.syntax.JsonNode;
import io.qbmc.syntax.JsonSyntax;
import java.util.List;

/** The json: pseudo-protocol (block.c parse_json_filename). */
final class JsonFilename {
    static final String PREFIX = "json:";
    static final String PARSE_ERROR = "Could not parse the JSON options: ";

    private JsonFilename() {
    }

    static boolean is(String s) {
        return s.startsWith(PREFIX);
    }

    /** The flat options of a json: filename; null after reporting why there are none. */
    static List<FlatOption> read(Text text, Diagnostics diags) {
        return readObject(text.sub(PREFIX.length(), text.length()), PARSE_ERROR, diags);
    }

    /** The flat options of a JSON object text; null after reporting why there are none. */
    static List<FlatOption> readObject(Text body, String errorPrefix, Diagnostics diags) {
        JsonNode node = JsonSyntax.parse(body, errorPrefix, diags);
        if (node == null) {
            return null;
        }
        if (!(node instanceof JsonNode.JObject object)) {
            diags.report(Code.NOT_AN_OBJECT, node.span(), "Invalid JSON object given",
                    "a json: filename holds one JSON object: json:{\"driver\": ...}");
            return null;
        }
        return JsonFlattener.flatten(object, diags);
    }
}
