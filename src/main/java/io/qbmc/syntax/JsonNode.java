package io.qbmc.syntax;

import io.qbmc.source.Span;
import io.qbmc.source.Text;
import java.util.List;

/** A JSON value as written, with the span of its text. Object members keep their order. */
public sealed interface JsonNode {
    Span span();

    record JObject(List<Member> members, Span span) implements JsonNode {
        public JObject {
            members = List.copyOf(members);
        }
    }

    record Member(String key, Span keySpan, JsonNode value) {
    }

    record JArray(List<JsonNode> items, Span span) implements JsonNode {
        public JArray {
            items = List.copyOf(items);
        }
    }

    /** @param text the decoded value mapped to its source, for strings parsed again (json: inside) */
    record JString(String value, Span span, Text text) implements JsonNode {
    }

    /** A number as written; QEMU reads it as int64 when it fits and is integral, else as a double. */
    record JNumber(String literal, Span span) implements JsonNode {
    }

    record JBool(boolean value, Span span) implements JsonNode {
    }

    record JNull(Span span) implements JsonNode {
    }
}
