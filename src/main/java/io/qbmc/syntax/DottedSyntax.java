package io.qbmc.syntax;

import io.qbmc.source.Span;
import io.qbmc.source.Text;
import io.qbmc.syntax.antlr.QbmcLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Splits a dotted option string into items with the grammar in grammar/ (its lexer, and its
 * dotted rule as the loop in parseItems). The grammar accepts
 * every string; what an item means (flag, empty key, implied key) is decided by the dialect's
 * reader, which knows QEMU's rules and messages.
 */
public final class DottedSyntax {

    private DottedSyntax() {
    }

    /**
     * @param impliedValueEscapes how a first item without '=' is read when the dialect has an
     *        implied key: QemuOpts reads it as a value (",," escapes, runs to the first single
     *        comma), keyval as a bare key token; null when the dialect has no implied key
     */
    public static List<DottedItem> parse(Text text, ImpliedValue impliedValueEscapes) {
        String s = text.value();
        List<DottedItem> items = new ArrayList<>();
        int restStart = 0;
        if (impliedValueEscapes != null && startsWithoutEquals(s)) {
            restStart = readImplied(text, impliedValueEscapes, items);
            if (restStart >= s.length()) {
                return items;
            }
        }
        Text rest = restStart == 0 ? text : text.sub(restStart, s.length());
        parseItems(rest, items);
        return items;
    }

    /** How an implied first value is delimited. */
    public enum ImpliedValue {
        /** QemuOpts: like any value, with ",," escapes (util/qemu-option.c get_opt_value). */
        QEMU_OPTS_VALUE,
        /** keyval: [^=,]+ with no escapes (util/keyval.c). */
        KEYVAL_WORD
    }

    private static boolean startsWithoutEquals(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '=') {
                return false;
            }
            if (c == ',') {
                return true;
            }
        }
        return !s.isEmpty();
    }

    /** Reads the implied first value; returns the index where the remaining items start. */
    private static int readImplied(Text text, ImpliedValue how, List<DottedItem> items) {
        String s = text.value();
        QbmcLexer lexer = new QbmcLexer(CharStreams.fromString(s));
        lexer.removeErrorListeners();
        AntlrPositions pos = new AntlrPositions(s);
        if (how == ImpliedValue.QEMU_OPTS_VALUE) {
            lexer.pushMode(QbmcLexer.VALUE);
        }
        Token first = lexer.nextToken();
        int start = 0;
        int end = 0;
        if (first.getType() == QbmcLexer.VALUE_TEXT || first.getType() == QbmcLexer.KEY) {
            start = pos.charIndex(first.getStartIndex());
            end = pos.charIndex(first.getStopIndex() + 1);
        }
        Text valueText = how == ImpliedValue.QEMU_OPTS_VALUE ? text.unescapeCommas(start, end) : text.sub(start, end);
        Span valueSpan = text.span(start, end);
        items.add(new DottedItem("", Span.of(valueSpan.source(), valueSpan.start(), valueSpan.start()),
                valueText.value(), valueSpan, valueSpan, true, valueText));
        // the comma after the implied value ends it; the items start after it
        return end < s.length() ? end + 1 : end;
    }

    /**
     * The items of grammar/QbmcParser.g4's {@code dotted} rule, read straight from the lexer's
     * tokens. The lexer's modes already make every token sequence one the rule accepts (KEY is
     * followed by EQUALS, COMMA or the end; after EQUALS comes VALUE_TEXT or the comma that
     * ends the value), so the rule's parse tree adds nothing but its cost: building it took
     * about as long as the lexing (B1 in docs/performance.md).
     */
    private static void parseItems(Text text, List<DottedItem> items) {
        String s = text.value();
        QbmcLexer lexer = new QbmcLexer(CharStreams.fromString(s));
        lexer.removeErrorListeners();
        AntlrPositions pos = new AntlrPositions(s);
        int itemStart = 0;
        Token key = null;
        Token eq = null;
        Token value = null;
        for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
            int type = t.getType();
            if (type == QbmcLexer.KEY) {
                key = t;
            } else if (type == QbmcLexer.EQUALS) {
                eq = t;
            } else if (type == QbmcLexer.VALUE_TEXT) {
                value = t;
            } else if (type == QbmcLexer.COMMA || type == Token.EOF) {
                if (key != null || eq != null) {
                    items.add(item(text, pos, key, eq, value));
                } else if (type == QbmcLexer.COMMA) {
                    items.add(empty(text, itemStart, pos.charIndex(t.getStartIndex())));
                }
                if (type == Token.EOF) {
                    // one trailing comma is allowed by both parsers; nothing to add for it
                    return;
                }
                itemStart = pos.charIndex(t.getStartIndex()) + 1;
                key = null;
                eq = null;
                value = null;
            }
        }
    }

    private static DottedItem empty(Text text, int start, int end) {
        Span at = text.span(start, Math.max(start, end));
        return new DottedItem("", at, null, Span.NONE, at, false, null);
    }

    /** item : KEY ( EQUALS VALUE_TEXT? )? | EQUALS VALUE_TEXT? */
    private static DottedItem item(Text text, AntlrPositions pos, Token keyToken, Token eq, Token valueToken) {
        int start = pos.charIndex((keyToken != null ? keyToken : eq).getStartIndex());
        String key = "";
        Span keySpan;
        if (keyToken != null) {
            int ks = pos.charIndex(keyToken.getStartIndex());
            int ke = pos.charIndex(keyToken.getStopIndex() + 1);
            key = text.value().substring(ks, ke);
            keySpan = text.span(ks, ke);
        } else {
            keySpan = text.span(start, start);
        }
        if (eq == null) {
            return new DottedItem(key, keySpan, null, Span.NONE, keySpan, false, null);
        }
        int eqEnd = pos.charIndex(eq.getStopIndex() + 1);
        Text valueText = text.sub(eqEnd, eqEnd);
        Span valueSpan = text.span(eqEnd, eqEnd);
        if (valueToken != null) {
            int vs = pos.charIndex(valueToken.getStartIndex());
            int ve = pos.charIndex(valueToken.getStopIndex() + 1);
            valueText = text.unescapeCommas(vs, ve);
            valueSpan = text.span(vs, ve);
        }
        return new DottedItem(key, keySpan, valueText.value(), valueSpan, keySpan.to(valueSpan), false, valueText);
    }
}
