package io.qbmc.syntax;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.source.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line pasted from a shell or a libvirt log into words, as a POSIX shell
 * would: single and double quotes, backslash escapes, backslash-newline continuations and
 * comments. Each word remembers where its characters were, so diagnostics inside a quoted
 * option string still point at the user's text.
 */
public final class ShellWords {
    private ShellWords() {
    }

    public static List<Text> split(Text text, Diagnostics diags) {
        String s = text.value();
        List<Text> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        List<Integer> offsets = new ArrayList<>();
        boolean inWord = false;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    diags.report(Code.SHELL_SYNTAX, text.span(i, i + 1), "Dangling backslash at the end of the command line",
                            "remove it, or quote it as '\\\\'");
                    break;
                }
                char next = s.charAt(i + 1);
                if (next == '\n') {
                    i += 2;
                    continue;
                }
                if (next == '\r' && i + 2 < n && s.charAt(i + 2) == '\n') {
                    i += 3;
                    continue;
                }
                add(word, offsets, next, text.sourceOffset(i + 1));
                inWord = true;
                i += 2;
                continue;
            }
            if (c == '\'') {
                int close = s.indexOf('\'', i + 1);
                if (close < 0) {
                    diags.report(Code.SHELL_SYNTAX, text.span(i, n), "Unterminated single quote",
                            "close the quote that starts here");
                    return words;
                }
                for (int k = i + 1; k < close; k++) {
                    add(word, offsets, s.charAt(k), text.sourceOffset(k));
                }
                inWord = true;
                i = close + 1;
                continue;
            }
            if (c == '"') {
                int k = i + 1;
                boolean closed = false;
                while (k < n) {
                    char d = s.charAt(k);
                    if (d == '"') {
                        closed = true;
                        break;
                    }
                    if (d == '\\' && k + 1 < n) {
                        char e = s.charAt(k + 1);
                        if (e == '\n') {
                            k += 2;
                            continue;
                        }
                        if (e == '"' || e == '\\' || e == '$' || e == '`') {
                            add(word, offsets, e, text.sourceOffset(k + 1));
                            k += 2;
                            continue;
                        }
                    }
                    add(word, offsets, d, text.sourceOffset(k));
                    k++;
                }
                if (!closed) {
                    diags.report(Code.SHELL_SYNTAX, text.span(i, n), "Unterminated double quote",
                            "close the quote that starts here");
                    return words;
                }
                inWord = true;
                i = k + 1;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(finish(text, word, offsets, i));
                    inWord = false;
                }
                i++;
                continue;
            }
            if (c == '#' && !inWord) {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            add(word, offsets, c, text.sourceOffset(i));
            inWord = true;
            i++;
        }
        if (inWord) {
            words.add(finish(text, word, offsets, n));
        }
        return words;
    }

    private static void add(StringBuilder word, List<Integer> offsets, char c, int sourceOffset) {
        word.append(c);
        offsets.add(sourceOffset);
    }

    private static Text finish(Text text, StringBuilder word, List<Integer> offsets, int endLocal) {
        int[] map = new int[offsets.size()];
        for (int k = 0; k < map.length; k++) {
            map[k] = offsets.get(k);
        }
        int end = map.length == 0 ? text.sourceOffset(endLocal) : map[map.length - 1] + 1;
        Text t = Text.mapped(text.source(), word.toString(), map, Math.min(end, text.sourceOffset(endLocal)));
        word.setLength(0);
        offsets.clear();
        return t;
    }
}
