package io.qbmc.syntax;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.source.Span;
import io.qbmc.source.Text;
import io.qbmc.syntax.antlr.QbmcLexer;
import io.qbmc.syntax.antlr.QbmcParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses QEMU's JSON dialect with the grammar in grammar/, and words its errors as QEMU does
 * ("JSON parse error, ..."), so users recognise them, with the exact position added.
 */
public final class JsonSyntax {
    /** QEMU's limit (qobject/json-streamer.c MAX_NESTING). */
    public static final int MAX_NESTING = 1024;
    /** QEMU's limit on tokens per value (json-streamer.c MAX_TOKEN_COUNT). */
    public static final int MAX_TOKENS = 2 * 1024 * 1024;

    private JsonSyntax() {
    }

    /**
     * @param prefix put before QEMU's parser message, e.g. "Could not parse the JSON options: "
     * @return the value, or null after reporting why there is none
     */
    public static JsonNode parse(Text text, String prefix, Diagnostics diags) {
        String s = text.value();
        AntlrPositions pos = new AntlrPositions(s);
        QbmcLexer lexer = new QbmcLexer(CharStreams.fromString(s));
        lexer.removeErrorListeners();
        lexer.mode(QbmcLexer.JSON);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        if (tokens.get(0).getType() == Token.EOF) {
            // qobject/qjson.c qobject_from_jsonv: nothing was parsed and no error was set
            diags.report(Code.JSON_SYNTAX, span(text, pos, tokens.get(0)), prefix + "Expecting a JSON value", null);
            return null;
        }
        if (!withinLimits(text, pos, tokens.getTokens(), prefix, diags)) {
            return null;
        }
        QbmcParser parser = new QbmcParser(tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        Token lexError = lexerErrorInFirstValue(tokens.getTokens());
        if (lexError != null) {
            reportSyntax(text, pos, lexError, null, null, prefix, tokens.getTokens(), diags);
            return null;
        }
        QbmcParser.JsonValueContext tree;
        try {
            tree = parser.jsonValue();
        } catch (ParseCancellationException e) {
            RecognitionException cause = e.getCause() instanceof RecognitionException re ? re : null;
            Token offending = cause != null ? cause.getOffendingToken() : parser.getCurrentToken();
            ParserRuleContext ctx = cause != null && cause.getCtx() instanceof ParserRuleContext c ? c
                    : parser.getContext();
            // QEMU's parser is one left-to-right pass: a bad keyword or string escape before the
            // syntax error is met first ({"a":nul at the end gives "invalid keyword 'nul'")
            Builder earlier = new Builder(text, pos, prefix, diags);
            for (Token t : tokens.getTokens()) {
                if (t.getTokenIndex() >= offending.getTokenIndex() || earlier.checkToken(t)) {
                    break;
                }
            }
            if (earlier.failed) {
                return null;
            }
            reportSyntax(text, pos, offending, ctx, cause, prefix, tokens.getTokens(), diags);
            return null;
        }
        JsonNode value = new Builder(text, pos, prefix, diags).value(tree);
        Token after = tokens.LT(1);
        if (value != null && after.getType() != Token.EOF) {
            // qobject/qjson.c consume_json: a second value, or any error after the first one
            diags.report(Code.JSON_SYNTAX, span(text, pos, after), prefix + "Expecting at most one JSON value",
                    "remove the text after the first complete value");
            return null;
        }
        return value;
    }

    /**
     * QEMU parses a JSON text as a stream (qobject/json-streamer.c): tokens are collected until the
     * first value is complete, and a lexer error on the way is reported at once, before the parser
     * sees the value. Returns such an error token, or null.
     */
    private static Token lexerErrorInFirstValue(List<Token> tokens) {
        int braces = 0;
        int brackets = 0;
        for (Token t : tokens) {
            switch (t.getType()) {
                case QbmcLexer.J_STRAY:
                case QbmcLexer.J_OPEN_STRING:
                case QbmcLexer.J_BAD_NUMBER:
                    return t;
                case QbmcLexer.J_LBRACE:
                    braces++;
                    break;
                case QbmcLexer.J_RBRACE:
                    braces--;
                    break;
                case QbmcLexer.J_LBRACKET:
                    brackets++;
                    break;
                case QbmcLexer.J_RBRACKET:
                    brackets--;
                    break;
                case Token.EOF:
                    return null;
                default:
                    break;
            }
            if (!((braces > 0 || brackets > 0) && braces >= 0 && brackets >= 0)) {
                return null;
            }
        }
        return null;
    }

    private static boolean withinLimits(Text text, AntlrPositions pos, List<Token> tokens, String prefix,
            Diagnostics diags) {
        if (tokens.size() > MAX_TOKENS) {
            diags.report(Code.JSON_TOO_DEEP, text.span(0, text.length()),
                    prefix + "JSON token count limit exceeded",
                    "QEMU parses at most " + MAX_TOKENS + " tokens in one JSON value");
            return false;
        }
        int depth = 0;
        for (Token t : tokens) {
            int type = t.getType();
            if (type == QbmcLexer.J_LBRACE || type == QbmcLexer.J_LBRACKET) {
                if (++depth > MAX_NESTING) {
                    diags.report(Code.JSON_TOO_DEEP, span(text, pos, t),
                            prefix + "JSON nesting depth limit exceeded",
                            "QEMU accepts at most " + MAX_NESTING + " nested objects and arrays");
                    return false;
                }
            } else if (type == QbmcLexer.J_RBRACE || type == QbmcLexer.J_RBRACKET) {
                depth = Math.max(0, depth - 1);
            }
        }
        return true;
    }

    static Span span(Text text, AntlrPositions pos, Token t) {
        if (t.getType() == Token.EOF) {
            return text.span(text.length(), text.length());
        }
        int start = pos.charIndex(t.getStartIndex());
        int end = pos.charIndex(t.getStopIndex() + 1);
        return text.span(start, end);
    }

    /** Whether the token stands where QEMU's parser expects a value: after '{', '[' or ','. */
    private static boolean startsAValue(Token offending, List<Token> tokens) {
        int i = offending.getTokenIndex();
        if (i <= 0) {
            return false;
        }
        int before = tokens.get(i - 1).getType();
        return before == QbmcLexer.J_LBRACE || before == QbmcLexer.J_LBRACKET || before == QbmcLexer.J_COMMA;
    }

    private static void reportSyntax(Text text, AntlrPositions pos, Token offending, ParserRuleContext ctx,
            RecognitionException cause, String prefix, List<Token> tokens, Diagnostics diags) {
        Span at = span(text, pos, offending);
        int type = offending.getType();
        String what;
        String hint = null;
        if (type == QbmcLexer.J_STRAY || type == QbmcLexer.J_BAD_NUMBER) {
            what = "JSON parse error, stray '" + offending.getText() + "'";
            if (offending.getText().equals("/")) {
                hint = "QEMU's JSON has no comments";
            } else if (Character.isUpperCase(offending.getText().charAt(0))) {
                hint = "keywords are lower case: true, false, null";
            }
        } else if (type == QbmcLexer.J_OPEN_STRING) {
            // json-lexer.c fails inside the string and json-streamer.c reports the token so far,
            // including the character it failed on: stray '"abc' at the end, stray '"x<TAB>' inside
            int end = pos.charIndex(offending.getStopIndex() + 1);
            boolean atEnd = end >= text.length();
            if (!atEnd) {
                end += Character.charCount(text.value().codePointAt(end));
            }
            at = text.span(pos.charIndex(offending.getStartIndex()), end);
            what = "JSON parse error, stray '" + text.value().substring(pos.charIndex(offending.getStartIndex()), end) + "'";
            hint = atEnd ? "the string is not closed" : "control characters must be escaped inside strings";
        } else if (type == Token.EOF) {
            what = "JSON parse error, premature EOI";
        } else if (startsAValue(offending, tokens)) {
            // json-parser.c: after '{', '[' or ',' parse_value is called, which refuses the token
            what = "JSON parse error, expecting value";
        } else if (ctx instanceof QbmcParser.JsonPairContext && !(cause instanceof NoViableAltException)) {
            what = "JSON parse error, missing : in object pair";
        } else if (ctx instanceof QbmcParser.JsonObjectContext && cause instanceof InputMismatchException) {
            what = "JSON parse error, expected separator in dict";
        } else if (ctx instanceof QbmcParser.JsonArrayContext && cause instanceof InputMismatchException) {
            what = "JSON parse error, expected separator in list";
        } else {
            what = "JSON parse error, expecting value";
        }
        diags.report(Code.JSON_SYNTAX, at, prefix + what, hint);
    }

    /** Builds the tree from a parse that succeeded; checks what the grammar leaves open. */
    private static final class Builder {
        private final Text text;
        private final AntlrPositions pos;
        private final String prefix;
        private final Diagnostics diags;
        private boolean failed;

        Builder(Text text, AntlrPositions pos, String prefix, Diagnostics diags) {
            this.text = text;
            this.pos = pos;
            this.prefix = prefix;
            this.diags = diags;
        }

        /** Checks one token on its own (keyword, string escapes); true when it is wrong. */
        boolean checkToken(Token t) {
            Span at = JsonSyntax.span(text, pos, t);
            if (t.getType() == QbmcLexer.J_WORD) {
                keyword(t.getText(), at);
            } else if (t.getType() == QbmcLexer.J_STRING) {
                unquote(t.getText(), at, pos.charIndex(t.getStartIndex()));
            }
            return failed;
        }

        JsonNode value(QbmcParser.JsonValueContext ctx) {
            JsonNode node = node(ctx);
            return failed ? null : node;
        }

        private Span span(ParserRuleContext ctx) {
            int start = pos.charIndex(ctx.getStart().getStartIndex());
            int end = pos.charIndex(ctx.getStop().getStopIndex() + 1);
            return text.span(start, end);
        }

        private void fail(Span at, String message, String hint) {
            if (!failed) {
                diags.report(Code.JSON_SYNTAX, at, prefix + "JSON parse error, " + message, hint);
            }
            failed = true;
        }

        private JsonNode node(QbmcParser.JsonValueContext ctx) {
            if (ctx.jsonObject() != null) {
                return object(ctx.jsonObject());
            }
            if (ctx.jsonArray() != null) {
                List<JsonNode> items = new ArrayList<>();
                for (QbmcParser.JsonValueContext v : ctx.jsonArray().jsonValue()) {
                    items.add(node(v));
                }
                return new JsonNode.JArray(items, span(ctx));
            }
            Token t = ctx.getStart();
            Span at = JsonSyntax.span(text, pos, t);
            switch (t.getType()) {
                case QbmcLexer.J_STRING: {
                    Text decoded = unquote(t.getText(), at, pos.charIndex(t.getStartIndex()));
                    return new JsonNode.JString(decoded.value(), at, decoded);
                }
                case QbmcLexer.J_NUMBER:
                    return new JsonNode.JNumber(t.getText(), at);
                default:
                    return keyword(t.getText(), at);
            }
        }

        private JsonNode keyword(String word, Span at) {
            switch (word) {
                case "true":
                    return new JsonNode.JBool(true, at);
                case "false":
                    return new JsonNode.JBool(false, at);
                case "null":
                    return new JsonNode.JNull(at);
                default:
                    fail(at, "invalid keyword '" + word + "'", "strings need quotes: \"" + word + "\"");
                    return new JsonNode.JNull(at);
            }
        }

        private JsonNode object(QbmcParser.JsonObjectContext ctx) {
            List<JsonNode.Member> members = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (QbmcParser.JsonPairContext pair : ctx.jsonPair()) {
                QbmcParser.JsonValueContext keyCtx = pair.jsonValue(0);
                Token keyToken = keyCtx.getStart();
                Span keySpan = span(keyCtx);
                if (keyCtx.getChildCount() != 1 || keyToken.getType() != QbmcLexer.J_STRING) {
                    // json-parser.c parse_pair parses the key as a value first: a bad keyword
                    // reports "invalid keyword" before "key is not a string"
                    node(keyCtx);
                    fail(keySpan, "key is not a string in object", "object keys are quoted strings");
                    continue;
                }
                String key = unquote(keyToken.getText(), keySpan, pos.charIndex(keyToken.getStartIndex())).value();
                JsonNode value = node(pair.jsonValue(1));
                if (!seen.add(key)) {
                    if (!failed) {
                        diags.report(Code.DUPLICATE_JSON_KEY, keySpan,
                                prefix + "JSON parse error, duplicate key",
                                "'" + key + "' appears twice in this object; QEMU refuses that");
                    }
                    failed = true;
                    continue;
                }
                members.add(new JsonNode.Member(key, keySpan, value));
            }
            return new JsonNode.JObject(members, span(ctx));
        }

        /**
         * Decodes a quoted token with QEMU's escapes (json-parser.c parse_string); each decoded
         * character maps to the source offset of what produced it.
         */
        private Text unquote(String token, Span at, int tokenStart) {
            StringBuilder out = new StringBuilder(token.length());
            int[] offsets = new int[token.length()];
            int n = 0;
            int end = token.length() - 1;
            for (int i = 1; i < end; i++) {
                char c = token.charAt(i);
                int from = text.sourceOffset(tokenStart + i);
                if (c != '\\') {
                    out.append(c);
                    offsets[n++] = from;
                    continue;
                }
                char e = token.charAt(++i);
                switch (e) {
                    case '"', '\'', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        int cp = hex4(token, i + 1, end);
                        if (cp < 0) {
                            // json-parser.c parse_string: cvt4hex fails, the message shows the six
                            // characters from the backslash (as far as the token goes)
                            fail(at, token.substring(i - 1, Math.min(i + 5, token.length()))
                                    + " is not a valid Unicode character", "\\u takes four hex digits");
                            return Text.mapped(text.source(), "", new int[0], at.end());
                        }
                        i += 4;
                        if (Character.isHighSurrogate((char) cp) && i + 6 < end + 1
                                && token.charAt(i + 1) == '\\' && token.charAt(i + 2) == 'u') {
                            int low = hex4(token, i + 3, end);
                            if (low >= 0 && Character.isLowSurrogate((char) low)) {
                                out.append((char) cp).append((char) low);
                                offsets[n++] = from;
                                offsets[n++] = from;
                                i += 6;
                                continue;
                            }
                        }
                        if (Character.isSurrogate((char) cp)) {
                            fail(at, token.substring(i - 5, i + 1) + " is not a valid Unicode character", null);
                            return Text.mapped(text.source(), "", new int[0], at.end());
                        }
                        out.append((char) cp);
                    }
                    default -> {
                        fail(at, "invalid escape sequence in string",
                                "valid escapes: \\\" \\' \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
                        return Text.mapped(text.source(), "", new int[0], at.end());
                    }
                }
                offsets[n++] = from;
            }
            int[] map = java.util.Arrays.copyOf(offsets, n);
            return Text.mapped(text.source(), out.toString(), map, text.sourceOffset(tokenStart + end));
        }

        private static int hex4(String s, int from, int end) {
            if (from + 4 > end) {
                return -1;
            }
            int v = 0;
            for (int i = from; i < from + 4; i++) {
                int d = Character.digit(s.charAt(i), 16);
                if (d < 0) {
                    return -1;
                }
                v = v * 16 + d;
            }
            return v;
        }
    }
}
