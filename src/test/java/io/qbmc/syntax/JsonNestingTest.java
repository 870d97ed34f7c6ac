package io.qbmc.syntax;

import static io.qbmc.testing.Diags.assertNone;
import static io.qbmc.testing.Diags.assertOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.source.Source;
import io.qbmc.source.Span;
import io.qbmc.source.Text;
import org.junit.jupiter.api.Test;

/**
 * json-streamer.c MAX_NESTING: more than 1024 open objects and arrays at once is refused.
 * qemu-img accepts {"a": + 1023 brackets (depth 1024) and refuses one more with
 * "JSON nesting depth limit exceeded".
 */
class JsonNestingTest {
    private static final String P = "Could not parse the JSON options: ";

    private static String nested(int depth) {
        return "{\"a\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
    }

    @Test
    void depth1024IsAccepted() {
        Diagnostics diags = new Diagnostics();
        assertNotNull(JsonSyntax.parse(Text.of(Source.of(nested(1024))), P, diags));
        assertNone(diags);
    }

    @Test
    void depth1025IsRefusedAtThe1025thOpening() {
        Source s = Source.of(nested(1025));
        Diagnostics diags = new Diagnostics();
        assertNull(JsonSyntax.parse(Text.of(s), P, diags));
        // the 1025th opening bracket: '{' then 1023 '[' are depth 1024; the next '[' is at 5 + 1023
        assertOnly(diags, Code.JSON_TOO_DEEP, P + "JSON nesting depth limit exceeded", Span.of(s, 1028, 1029));
    }

    @Test
    void hundredThousandBracketsGiveADiagnosticNotAStackOverflow() {
        Source s = Source.of("[".repeat(100_000));
        Diagnostics diags = new Diagnostics();
        assertNull(JsonSyntax.parse(Text.of(s), P, diags));
        assertOnly(diags, Code.JSON_TOO_DEEP, P + "JSON nesting depth limit exceeded", Span.of(s, 1024, 1025));
    }

    @Test
    void hundredThousandBalancedBracketsToo() {
        Source s = Source.of("[".repeat(100_000) + "]".repeat(100_000));
        Diagnostics diags = new Diagnostics();
        assertNull(JsonSyntax.parse(Text.of(s), P, diags));
        assertEquals(Code.JSON_TOO_DEEP, diags.sorted().get(0).code());
    }

    @Test
    void hundredThousandObjects() {
        Source s = Source.of("{\"a\":".repeat(100_000));
        Diagnostics diags = new Diagnostics();
        assertNull(JsonSyntax.parse(Text.of(s), P, diags));
        assertEquals(Code.JSON_TOO_DEEP, diags.sorted().get(0).code());
    }

    @Test
    void closingBracketsLowerTheDepth() {
        // many siblings at depth 2 are fine
        Diagnostics diags = new Diagnostics();
        String s = "{\"a\":[" + "[],".repeat(5000) + "[]]}";
        assertNotNull(JsonSyntax.parse(Text.of(Source.of(s)), P, diags));
        assertNone(diags);
    }
}
