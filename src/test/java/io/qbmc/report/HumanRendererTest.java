package io.qbmc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.source.Source;
import io.qbmc.source.Span;
import io.qbmc.testing.Marked;
import org.junit.jupiter.api.Test;

class HumanRendererTest {

    @Test
    void positionSnippetCaretsAndHint() {
        Marked m = Marked.named("spec", "driver=raw,^bogus^=1");
        Diagnostic d = new Diagnostic(Code.UNKNOWN_OPTION, "Block format 'raw' does not support the option 'bogus'", m.span(),
                "did you mean 'size'?");
        assertEquals("spec:1:12: error[QBMC-E012]: Block format 'raw' does not support the option 'bogus'\n"
                + "  |\n"
                + "1 | driver=raw,bogus=1\n"
                + "  |            ^^^^^\n"
                + "  = hint: did you mean 'size'?\n", HumanRenderer.render(d));
    }

    @Test
    void warningsAndNotesSayWhatTheyAre() {
        Marked m = Marked.of("^read-only^");
        assertEquals("<input>:1:1: warning[QBMC-W002]: short-form boolean option 'read-only' deprecated\n"
                + "  |\n1 | read-only\n  | ^^^^^^^^^\n",
                HumanRenderer.render(new Diagnostic(Code.SHORT_BOOLEAN, "short-form boolean option 'read-only' deprecated",
                        m.span(), null)));
        assertEquals("note[QBMC-N001]: x\n", HumanRenderer.render(new Diagnostic(Code.SKIPPED_FLAG, "x", Span.NONE, null)));
    }

    @Test
    void emptySpanGetsOneCaret() {
        Marked m = Marked.of("json:{\u2038");
        assertEquals("<input>:1:7: error[QBMC-E004]: premature\n  |\n1 | json:{\n  |       ^\n",
                HumanRenderer.render(new Diagnostic(Code.JSON_SYNTAX, "premature", m.span(), null)));
    }

    @Test
    void gutterWidensWithTheLineNumber() {
        Source s = Source.of("\n".repeat(11) + "x=1");
        Span at = Span.of(s, 11, 12);
        assertEquals("<input>:12:1: error[QBMC-E001]: m\n   |\n12 | x=1\n   | ^\n",
                HumanRenderer.render(new Diagnostic(Code.INVALID_KEY, "m", at, null)));
    }

    @Test
    void spanAcrossLinesIsCutAtTheEndOfItsFirstLine() {
        Marked m = Marked.of("ab^cd\nef^");
        assertEquals("<input>:1:3: error[QBMC-E001]: m\n  |\n1 | abcd\n  |   ^^\n",
                HumanRenderer.render(new Diagnostic(Code.INVALID_KEY, "m", m.span(), null)));
    }

    @Test
    void tabsAreShownAsBlanksSoCaretsLineUp() {
        Marked m = Marked.of("\t^x^");
        assertEquals("<input>:1:2: error[QBMC-E001]: m\n  |\n1 |  x\n  |  ^\n",
                HumanRenderer.render(new Diagnostic(Code.INVALID_KEY, "m", m.span(), null)));
    }

    @Test
    void longLinesShowAWindowAroundTheSpan() {
        String before = "a".repeat(200);
        Marked m = Marked.of(before + "^bogus^" + "b".repeat(200));
        String out = HumanRenderer.render(new Diagnostic(Code.INVALID_KEY, "m", m.span(), null));
        String[] lines = out.split("\n");
        String shown = lines[2].substring(4);
        String carets = lines[3].substring(4);
        assertEquals("...", shown.substring(0, 3));
        assertEquals("...", shown.substring(shown.length() - 3));
        assertEquals(106, shown.length(), "100 characters and two ellipses");
        assertEquals("bogus", shown.substring(carets.indexOf('^'), carets.indexOf('^') + 5));
        assertEquals("^^^^^", carets.trim());
    }

    @Test
    void lineOnlySpan() {
        Source s = new Source("conf", "a\nb");
        // HOCON knows no columns: the line is shown without carets
        assertEquals("conf:2: error[QBMC-E001]: m\n  |\n2 | b\n",
                HumanRenderer.render(new Diagnostic(Code.INVALID_KEY, "m", Span.line(s, 2), null)));
    }

    @Test
    void lineOnlySpanNamesItsKey() {
        Source s = new Source("vm.conf", "driver = raw\nfile { bogus = 1 }");
        assertEquals("vm.conf:2: error[QBMC-E012]: m\n  |\n2 | file { bogus = 1 }\n  = at key: file.bogus\n",
                HumanRenderer.render(new Diagnostic(Code.UNKNOWN_OPTION, "m", Span.line(s, 2, "file.bogus"), null)));
    }

    @Test
    void theHintLinesUpWithTheGutterOfATwoDigitLine() {
        String text = "\n".repeat(11) + "driver=raw,bogus=1";
        Source src = new Source("spec", text);
        Diagnostic d = new Diagnostic(Code.UNKNOWN_OPTION, "no 'bogus'", Span.of(src, 11 + 11, 11 + 16), "did you mean 'size'?");
        assertEquals("spec:12:12: error[QBMC-E012]: no 'bogus'\n"
                + "   |\n"
                + "12 | driver=raw,bogus=1\n"
                + "   |            ^^^^^\n"
                + "   = hint: did you mean 'size'?\n", HumanRenderer.render(d));
    }

    /** A newline echoed from the input must not start what looks like another line of the report. */
    @Test
    void newlinesInMessagesAreShownEscaped() {
        assertEquals("error[QBMC-E013]: Unknown driver 'a\\nb'\n  = hint: x\\ny\n", HumanRenderer.render(
                new Diagnostic(Code.UNKNOWN_DRIVER, "Unknown driver 'a\nb'", Span.NONE, "x\ny")));
    }

    /** ESC, BEL, DEL and C1 controls echoed from the input must not reach a terminal raw. */
    @Test
    void controlCharactersInMessagesAreShownEscaped() {
        assertEquals("error[QBMC-E013]: Unknown driver '\\x1b[31mred\\x07\\x7f\\x9b\\u2028'\n  = hint: \\x08x\n",
                HumanRenderer.render(new Diagnostic(Code.UNKNOWN_DRIVER, "Unknown driver '\u001b[31mred\u0007\u007f\u009b\u2028'",
                        Span.NONE, "\bx")));
    }

    /** In the source line a control character takes one column, so the carets still line up. */
    @Test
    void controlCharactersInTheSourceLineKeepCaretsAligned() {
        Source src = new Source("f", "a\u001bb=1,zz=2");
        String out = HumanRenderer.render(new Diagnostic(Code.UNKNOWN_OPTION, "m", Span.of(src, 8, 10), null));
        assertEquals("f:1:9: error[QBMC-E012]: m\n  |\n1 | a\uFFFDb=1,zz=2\n  |         ^^\n", out);
    }
}
