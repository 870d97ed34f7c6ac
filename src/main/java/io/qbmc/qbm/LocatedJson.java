package io.qbmc.qbm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.source.Source;
import io.qbmc.source.Span;
import io.qbmc.syntax.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads strict JSON (RFC 8259) with Jackson into a tree whose every value and key knows its span,
 * so descriptor problems are reported where they are written.
 */
public final class LocatedJson {
    static final int MAX_DEPTH = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private LocatedJson() {
    }

    /** The value of the whole text, or null after reporting why there is none. */
    public static JsonNode parse(Source source, Diagnostics diags) {
        try (JsonParser p = FACTORY.createParser(source.text())) {
            JsonToken t = p.nextToken();
            if (t == null) {
                diags.report(Code.DESCRIPTOR_SYNTAX, Span.of(source, 0, 0), "Expecting a JSON value", "the file is empty");
                return null;
            }
            JsonNode node = value(p, source);
            if (p.nextToken() != null) {
                int at = (int) p.currentTokenLocation().getCharOffset();
                diags.report(Code.DESCRIPTOR_SYNTAX, Span.of(source, at, Math.min(source.length(), at + 1)),
                        "Expecting at most one JSON value", "remove the text after the first value");
                return null;
            }
            return node;
        } catch (JsonProcessingException e) {
            int at = e.getLocation() == null ? 0 : (int) Math.max(0, e.getLocation().getCharOffset());
            at = Math.min(at, source.length());
            String message = message(e);
            diags.report(Code.DESCRIPTOR_SYNTAX, Span.of(source, at, Math.min(source.length(), at + 1)),
                    "Malformed JSON: " + message, "a descriptor is strict JSON: double quotes, no comments");
            return null;
        } catch (IOException e) {
            diags.report(Code.FILE_ACCESS, Span.of(source, 0, 0), "Cannot read JSON: " + e.getMessage(), null);
            return null;
        }
    }

    /**
     * Jackson's own words for a syntax error, on one line, with the positions it embeds ("start
     * marker at [Source: REDACTED (...); line: 1, column: 9]") said as ours: "line 1, column 9".
     */
    public static String message(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage();
        int nl = message.indexOf('\n');
        if (nl > 0) {
            message = message.substring(0, nl);
        }
        return message.replaceAll("\\[Source: [^;]*; line: (\\d+), column: (\\d+)\\]", "line $1, column $2")
                .replaceAll("\\s*(?:at )?\\[Source: [^\\]]*\\]", "").strip();
    }

    private static Span span(Source source, JsonParser p, long start) {
        long end = p.currentLocation().getCharOffset();
        return Span.of(source, (int) start, (int) Math.max(start, end));
    }

    private static JsonNode value(JsonParser p, Source source) throws IOException {
        long start = p.currentTokenLocation().getCharOffset();
        switch (p.currentToken()) {
            case START_OBJECT: {
                List<JsonNode.Member> members = new ArrayList<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    long keyStart = p.currentTokenLocation().getCharOffset();
                    String key = p.currentName();
                    Span keySpan = span(source, p, keyStart);
                    p.nextToken();
                    members.add(new JsonNode.Member(key, keySpan, value(p, source)));
                }
                return new JsonNode.JObject(members, span(source, p, start));
            }
            case START_ARRAY: {
                List<JsonNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(p, source));
                }
                return new JsonNode.JArray(items, span(source, p, start));
            }
            case VALUE_STRING: {
                String text = p.getText();
                return new JsonNode.JString(text, span(source, p, start), null);
            }
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new JsonNode.JNumber(p.getText(), span(source, p, start));
            case VALUE_TRUE:
                return new JsonNode.JBool(true, span(source, p, start));
            case VALUE_FALSE:
                return new JsonNode.JBool(false, span(source, p, start));
            default:
                return new JsonNode.JNull(span(source, p, start));
        }
    }
}
