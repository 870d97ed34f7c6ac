package io.qbmc.syntax;

import static io.qbmc.testing.Diags.assertNone;
import static io.qbmc.testing.Diags.assertOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.source.Text;
import io.qbmc.testing.Diags;
import io.qbmc.testing.Marked;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * QEMU's JSON dialect (qobject/json-lexer.c, json-parser.c, json-streamer.c). Every error
 * message was checked with {@code qemu-img info 'json:<case>'}, which prints
 * "Could not parse the JSON options: <message>".
 */
class JsonSyntaxTest {
    private static final String P = "Could not parse the JSON options: ";
    private final Diagnostics diags = new Diagnostics();

    private JsonNode parse(Marked m) {
        return JsonSyntax.parse(Text.of(m.source()), P, diags);
    }

    private void assertError(String marked, String message) {
        assertError(marked, Code.JSON_SYNTAX, message);
    }

    private void assertError(String marked, Code code, String message) {
        Marked m = Marked.of(marked);
        assertNull(parse(m), "no value after an error");
        assertOnly(diags, code, P + message, m.span());
    }

    private static String string(JsonNode.JObject o, int i) {
        return ((JsonNode.JString) o.members().get(i).value()).value();
    }

    // ---- accepted ----

    @Test
    void objectMembersKeepTheirOrderAndSpans() {
        Marked m = Marked.of("{^\"driver\"^: ^\"raw\"^, \"size\": 512}");
        JsonNode.JObject o = assertInstanceOf(JsonNode.JObject.class, parse(m));
        assertNone(diags);
        assertEquals(2, o.members().size());
        assertEquals("driver", o.members().get(0).key());
        Diags.assertSpan(m.span(0), o.members().get(0).keySpan());
        Diags.assertSpan(m.span(1), o.members().get(0).value().span());
        assertEquals("512", ((JsonNode.JNumber) o.members().get(1).value()).literal());
    }

    @Test
    void singleQuotedStrings() {
        // iotest 089 uses them; qemu-img opens {'driver':'raw','file':{...}}
        JsonNode.JObject o = (JsonNode.JObject) parse(Marked.of("{'driver':'raw','q':'it\\'s \"x\"'}"));
        assertNone(diags);
        assertEquals("raw", string(o, 0));
        assertEquals("it's \"x\"", string(o, 1));
    }

    @Test
    void escapes() {
        JsonNode.JObject o = (JsonNode.JObject) parse(Marked.of("{\"a\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\"}"));
        assertNone(diags);
        assertEquals("\"\\/\b\f\n\r\t\u00e9", string(o, 0));
    }

    @Test
    void surrogatePairEscapeIsOneCharacter() {
        JsonNode.JObject o = (JsonNode.JObject) parse(Marked.of("{\"a\":\"\\ud83d\\ude00\"}"));
        assertNone(diags);
        assertEquals("\uD83D\uDE00", string(o, 0));
    }

    @Test
    void rawNonAsciiIsKept() {
        JsonNode.JObject o = (JsonNode.JObject) parse(Marked.of("{\"a\":\"é\uD83D\uDE00\"}"));
        assertEquals("é\uD83D\uDE00", string(o, 0));
    }

    @Test
    void whitespaceAndNewlinesAroundTokens() {
        JsonNode node = parse(Marked.of("\n  { \"a\" :\t[ 1 ,\r\n 2 ] }\n"));
        assertNone(diags);
        assertInstanceOf(JsonNode.JObject.class, node);
    }

    @Test
    void keywordsAndNumbers() {
        JsonNode.JObject o = (JsonNode.JObject) parse(Marked.of("{\"t\":true,\"f\":false,\"n\":null,\"x\":-1.5e-3,\"z\":-0}"));
        assertNone(diags);
        assertEquals(true, ((JsonNode.JBool) o.members().get(0).value()).value());
        assertEquals(false, ((JsonNode.JBool) o.members().get(1).value()).value());
        assertInstanceOf(JsonNode.JNull.class, o.members().get(2).value());
        assertEquals("-1.5e-3", ((JsonNode.JNumber) o.members().get(3).value()).literal());
        assertEquals("-0", ((JsonNode.JNumber) o.members().get(4).value()).literal());
    }

    @Test
    void scalarsAndArraysAreValuesToo() {
        // the caller refuses them as json: filenames ("Invalid JSON object given")
        assertInstanceOf(JsonNode.JArray.class, parse(Marked.of("[]")));
        assertInstanceOf(JsonNode.JString.class, parse(Marked.of("\"x\"")));
        assertInstanceOf(JsonNode.JNull.class, parse(Marked.of("null")));
        assertNone(diags);
    }

    @Test
    void spansAreUtf16AfterSupplementaryCharacters() {
        Marked m = Marked.of("{\"\uD83D\uDE00\":1,^\"b\"^:2}");
        JsonNode.JObject o = (JsonNode.JObject) parse(m);
        Diags.assertSpan(m.span(), o.members().get(1).keySpan());
    }

    // ---- errors: one per QEMU message ----

    @Test
    void nothing() {
        assertError("\u2038", "Expecting a JSON value");
    }

    @Test
    void onlyWhitespace() {
        assertError("   \u2038", "Expecting a JSON value");
    }

    @Test
    void prematureEndOfInput() {
        assertError("{\"driver\":\"raw\"\u2038", "JSON parse error, premature EOI");
        diags.sorted();
    }

    @Test
    void prematureEndInsideAnArray() {
        assertError("[\u2038", "JSON parse error, premature EOI");
    }

    @Test
    void textAfterTheValue() {
        assertError("{\"driver\":\"raw\"}^x^", "Expecting at most one JSON value");
    }

    @Test
    void twoValues() {
        assertError("{\"driver\":\"raw\"} ^{^}", "Expecting at most one JSON value");
    }

    @Test
    void strayCharacterAfterTheValue() {
        assertError("{\"a\":1}^%^", "Expecting at most one JSON value");
    }

    @Test
    void missingColon() {
        assertError("{\"driver\" ^\"raw\"^}", "JSON parse error, missing : in object pair");
    }

    @Test
    void missingColonBeforeTheClosingBrace() {
        assertError("{\"a\"^}^", "JSON parse error, missing : in object pair");
    }

    @Test
    void duplicateKey() {
        assertError("{\"driver\":\"raw\",^\"driver\"^:\"raw\"}", Code.DUPLICATE_JSON_KEY, "JSON parse error, duplicate key");
    }

    @Test
    void bareWordAsKey() {
        assertError("{^driver^:\"raw\"}", "JSON parse error, invalid keyword 'driver'");
    }

    @Test
    void keywordAsKey() {
        assertError("{^true^:1}", "JSON parse error, key is not a string in object");
    }

    @Test
    void numberAsKey() {
        assertError("{^1^:2}", "JSON parse error, key is not a string in object");
    }

    @Test
    void bareWordAsValue() {
        assertError("{\"a\":^tru^}", "JSON parse error, invalid keyword 'tru'");
    }

    @Test
    void bareWordIsReportedBeforeTheEndOfInput() {
        assertError("{\"a\":^nul^", "JSON parse error, invalid keyword 'nul'");
    }

    @Test
    void bareWordBeforeWhatFollowsIt() {
        // json:x.raw is the keyword x, complete on its own, then the rest
        assertError("^x^.raw", "JSON parse error, invalid keyword 'x'");
    }

    @Test
    void badEscape() {
        assertError("{\"a\":^\"\\q\"^}", "JSON parse error, invalid escape sequence in string");
    }

    @Test
    void badUnicodeEscape() {
        assertError("{\"a\":^\"\\u00zz\"^}", "JSON parse error, \\u00zz is not a valid Unicode character");
    }

    @Test
    void shortUnicodeEscapeShowsTheCharactersUpToTheTokenEnd() {
        assertError("{\"a\":^\"\\u00\"^}", "JSON parse error, \\u00\" is not a valid Unicode character");
    }

    @Test
    void loneHighSurrogate() {
        assertError("{\"a\":^\"\\ud83d\"^}", "JSON parse error, \\ud83d is not a valid Unicode character");
    }

    @Test
    void loneLowSurrogate() {
        assertError("{\"a\":^\"\\ude00\"^}", "JSON parse error, \\ude00 is not a valid Unicode character");
    }

    @Test
    void highSurrogateFollowedByANonSurrogate() {
        assertError("{\"a\":^\"\\ud83d\\u0041\"^}", "JSON parse error, \\ud83d is not a valid Unicode character");
    }

    @Test
    void strayPercent() {
        assertError("{^%^}", "JSON parse error, stray '%'");
    }

    @Test
    void noComments() {
        Marked m = Marked.of("{^/^* c *\u002F}");
        parse(m);
        var d = Diags.only(diags);
        Diags.assertDiag(d, Code.JSON_SYNTAX, P + "JSON parse error, stray '/'", m.span());
        assertEquals("QEMU's JSON has no comments", d.hint());
    }

    @Test
    void upperCaseKeyword() {
        assertError("{\"a\":^T^RUE}", "JSON parse error, stray 'T'");
    }

    @Test
    void unterminatedStringAtTheEnd() {
        assertError("{\"a\":^\"abc^", "JSON parse error, stray '\"abc'");
    }

    @Test
    void unterminatedSingleQuotedString() {
        assertError("{'a':^'abc^", "JSON parse error, stray ''abc'");
    }

    @Test
    void unterminatedStringEndingInABackslash() {
        assertError("{\"a\":^\"abc\\^", "JSON parse error, stray '\"abc\\'");
    }

    @Test
    void unterminatedStringIsALexerErrorBeforeAnyParseError() {
        // {"a":"ab"cd"}: the parser never sees the value; the lexer fails on '"}'
        assertError("{\"a\":\"ab\"cd^\"}^", "JSON parse error, stray '\"}'");
    }

    @Test
    void rawControlCharacterInAString() {
        assertError("{\"a\":^\"x\t^y\"}", "JSON parse error, stray '\"x\t'");
    }

    @Test
    void leadingZero() {
        assertError("{\"a\":^01^}", "JSON parse error, stray '01'");
    }

    @Test
    void minusWithoutDigits() {
        assertError("{\"a\":^-}^", "JSON parse error, stray '-}'");
    }

    @Test
    void dotWithoutDigits() {
        assertError("{\"a\":^1.}^", "JSON parse error, stray '1.}'");
    }

    @Test
    void exponentWithoutDigits() {
        assertError("{\"a\":^1e+}^", "JSON parse error, stray '1e+}'");
    }

    @Test
    void leadingDot() {
        assertError("{\"a\":^.^5}", "JSON parse error, stray '.'");
    }

    @Test
    void plusSign() {
        assertError("{\"a\":^+^1}", "JSON parse error, stray '+'");
    }

    @Test
    void trailingCommaInAnObject() {
        assertError("{\"driver\":\"raw\",^}^", "JSON parse error, expecting value");
    }

    @Test
    void trailingCommaInAnArray() {
        assertError("{\"a\":[1,^]^}", "JSON parse error, expecting value");
    }

    @Test
    void commaRightAfterTheBrace() {
        assertError("{^,^}", "JSON parse error, expecting value");
    }

    @Test
    void commaRightAfterTheBracket() {
        assertError("[^,^]", "JSON parse error, expecting value");
    }

    @Test
    void doubledComma() {
        assertError("{\"a\":1,^,^\"b\":2}", "JSON parse error, expecting value");
    }

    @Test
    void missingValue() {
        assertError("{\"a\":^}^", "JSON parse error, expecting value");
    }

    @Test
    void closingBraceFirst() {
        assertError("^}^", "JSON parse error, expecting value");
    }

    @Test
    void missingSeparatorInADict() {
        assertError("{\"driver\":\"raw\" ^\"x\"^:1}", "JSON parse error, expected separator in dict");
    }

    @Test
    void wrongCloserForADict() {
        assertError("{\"a\":1^]^", "JSON parse error, expected separator in dict");
    }

    @Test
    void missingSeparatorInAList() {
        assertError("[1 ^2^]", "JSON parse error, expected separator in list");
    }

    @Test
    void errorsInsideTheFirstValueComeBeforeTheSecondValue() {
        assertError("{\"a\":^tru^} %", "JSON parse error, invalid keyword 'tru'");
    }

    @Test
    void prefixIsPutBeforeTheMessage() {
        Marked m = Marked.of("\u2038");
        JsonSyntax.parse(Text.of(m.source()), "", diags);
        assertOnly(diags, Code.JSON_SYNTAX, "Expecting a JSON value", m.span());
    }

    @Test
    void spanOfAnErrorInsideAnEscapedDottedValue() {
        // json: inside a -drive file= value: the text has ",," escapes mapped back to the source
        Marked m = Marked.of("file=json:{\"a\":1,,^%^}");
        Text value = Text.of(m.source()).unescapeCommas(10, m.text().length());
        assertEquals("{\"a\":1,%}", value.value());
        JsonSyntax.parse(value, P, diags);
        assertOnly(diags, Code.JSON_SYNTAX, P + "JSON parse error, stray '%'", m.span());
    }

    @Test
    void arrayItemsKeepTheirOrder() {
        JsonNode.JArray a = (JsonNode.JArray) parse(Marked.of("[\"x\",2,[]]"));
        List<JsonNode> items = a.items();
        assertEquals(3, items.size());
        assertInstanceOf(JsonNode.JArray.class, items.get(2));
    }
}
