package io.qbmc.report;

import io.qbmc.diag.Diagnostic;
import io.qbmc.source.Span;

/**
 * Renders diagnostics as compilers do: "file:line:col: error[CODE]: message", the source line,
 * a caret run under the span, and the hint. Long lines are cut to a window around the span.
 */
public final class HumanRenderer {
    private static final int WINDOW = 100;

    private HumanRenderer() {
    }

    public static String render(Diagnostic d) {
        StringBuilder out = new StringBuilder();
        Span span = d.span();
        if (span.isKnown()) {
            out.append(oneLine(span.source().name())).append(':').append(span.line());
            if (span.hasOffsets()) {
                out.append(':').append(span.column());
            }
            out.append(": ");
        }
        // one diagnostic, one header line: a newline echoed from the input would start a fake one
        out.append(d.severity().word()).append('[').append(d.code().id()).append("]: ").append(oneLine(d.message()))
                .append('\n');
        if (span.hasOffsets()) {
            snippet(span, out);
        } else if (span.isKnown() && span.knownLine() > 0) {
            // HOCON knows lines, not columns: show the line and name the key instead of carets
            String gutter = String.valueOf(span.line());
            String pad = " ".repeat(gutter.length());
            String text = span.source().lineText(span.line());
            out.append(pad).append(" |\n").append(gutter).append(" | ")
                    .append(shown(text.length() > WINDOW ? text.substring(0, WINDOW) + "..." : text)).append('\n');
            if (span.keyPath() != null) {
                out.append(pad).append(" = at key: ").append(oneLine(span.keyPath())).append('\n');
            }
        }
        if (d.hint() != null) {
            // under the gutter's bar, as the "= at key" line, however many digits the line number has
            int digits = span.isKnown() && (span.hasOffsets() || span.knownLine() > 0)
                    ? String.valueOf(span.line()).length() : 1;
            out.append(" ".repeat(digits)).append(" = hint: ").append(oneLine(d.hint())).append('\n');
        }
        return out.toString();
    }

    /**
     * One line of text a terminal shows as written: line breaks as \\r and \\n, and every other
     * control character (ESC, BEL, backspace, DEL, C1, the Unicode line and paragraph separators)
     * as \\xNN or \\uNNNN, so a value echoed from the input cannot start a fake line, recolour
     * the terminal or overwrite what came before. Tabs stay.
     */
    public static String oneLine(String s) {
        return controls(s.replace("\r", "\\r").replace("\n", "\\n"));
    }

    /** Escapes the control characters of {@link #oneLine} but CR and LF (and tab). */
    public static String controls(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isControl(c) && c != '\n' && c != '\r') {
                if (out == null) {
                    out = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                out.append(c < 0x100 ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }

    /** A source line as shown under its gutter: one column per character, so carets line up. */
    private static String shown(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c == '\t' ? ' ' : isControl(c) ? '\uFFFD' : c);
        }
        return out.toString();
    }

    private static void snippet(Span span, StringBuilder out) {
        int line = span.line();
        String text = span.source().lineText(line);
        int col = span.column() - 1;
        int len = Math.max(1, Math.min(span.length(), text.length() - col));
        if (col > text.length()) {
            col = text.length();
        }
        int from = 0;
        int to = text.length();
        String before = "";
        String after = "";
        if (to - from > WINDOW) {
            from = Math.max(0, Math.min(col - WINDOW / 3, text.length() - WINDOW));
            to = Math.min(text.length(), from + WINDOW);
            before = from > 0 ? "..." : "";
            after = to < text.length() ? "..." : "";
        }
        String shown = shown(text.substring(from, to));
        String gutter = String.valueOf(line);
        String pad = " ".repeat(gutter.length());
        out.append(pad).append(" |\n");
        out.append(gutter).append(" | ").append(before).append(shown).append(after).append('\n');
        int caretStart = before.length() + col - from;
        int caretLen = Math.max(1, Math.min(len, to - col));
        out.append(pad).append(" | ").append(" ".repeat(Math.max(0, caretStart))).append("^".repeat(caretLen))
                .append('\n');
    }
}
