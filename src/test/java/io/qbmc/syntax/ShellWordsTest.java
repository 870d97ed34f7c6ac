package io.qbmc.syntax;

import static io.qbmc.testing.Diags.assertNone;
import static io.qbmc.testing.Diags.assertOnly;
import static io.qbmc.testing.Diags.assertSpan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.source.Text;
import io.qbmc.testing.Marked;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** POSIX shell word splitting, with each word's characters mapped back to the pasted text. */
class ShellWordsTest {
    private final Diagnostics diags = new Diagnostics();

    private List<Text> split(Marked m) {
        return ShellWords.split(Text.of(m.source()), diags);
    }

    private static List<String> values(List<Text> words) {
        List<String> out = new ArrayList<>();
        for (Text w : words) {
            out.add(w.value());
        }
        return out;
    }

    @Test
    void blanksSeparateWords() {
        assertEquals(List.of("qemu-img", "info", "a.raw"), values(split(Marked.of("  qemu-img \t info\na.raw  "))));
        assertNone(diags);
    }

    @Test
    void singleQuotesKeepEverything() {
        Marked m = Marked.of("-drive '^file=a b,,c^'");
        List<Text> w = split(m);
        assertEquals(List.of("-drive", "file=a b,,c"), values(w));
        assertSpan(m.span(), w.get(1).span(0, w.get(1).length()));
    }

    @Test
    void singleQuotesKeepBackslashesAndDoubleQuotes() {
        assertEquals(List.of("a\\\"b"), values(split(Marked.of("'a\\\"b'"))));
    }

    @Test
    void doubleQuotesUnescapeOnlyTheirSpecialCharacters() {
        // inside "...", backslash escapes only " \ $ ` and newline
        assertEquals(List.of("a\"b\\c$d`e\\nf"), values(split(Marked.of("\"a\\\"b\\\\c\\$d\\`e\\nf\""))));
    }

    @Test
    void jsonInSingleQuotesKeepsItsDoubleQuotes() {
        List<Text> w = split(Marked.of("--blockdev '{\"driver\":\"file\",\"filename\":\"a.raw\"}'"));
        assertEquals("{\"driver\":\"file\",\"filename\":\"a.raw\"}", w.get(1).value());
    }

    @Test
    void adjacentQuotedPartsMakeOneWord() {
        Marked m = Marked.of("^file='a b'\"c\"d^ x");
        List<Text> w = split(m);
        assertEquals(List.of("file=a bcd", "x"), values(w));
        assertSpan(m.span(), w.get(0).span(0, w.get(0).length()));
    }

    @Test
    void charactersMapToTheirPlaceInTheText() {
        Marked m = Marked.of("-drive 'file=a.raw,^bogus^=1'");
        Text arg = split(m).get(1);
        int at = arg.value().indexOf("bogus");
        assertSpan(m.span(), arg.span(at, at + 5));
    }

    @Test
    void backslashEscapesTheNextCharacter() {
        Marked m = Marked.of("a\\ b c");
        List<Text> w = split(m);
        assertEquals(List.of("a b", "c"), values(w));
        assertEquals(2, w.get(0).sourceOffset(1), "the escaped blank maps to itself, not to the backslash");
    }

    @Test
    void backslashNewlineJoinsLines() {
        Marked m = Marked.of("qemu-system-x86_64 \\\n  -drive \\\n  ^file=a.raw^,if=none");
        List<Text> w = split(m);
        assertEquals(List.of("qemu-system-x86_64", "-drive", "file=a.raw,if=none"), values(w));
        assertSpan(m.span(), w.get(2).span(0, 10));
        assertEquals(3, m.span().line());
        assertEquals(3, m.span().column());
    }

    @Test
    void backslashNewlineInsideAWordJoinsItsParts() {
        Marked m = Marked.of("file=a\\\n.raw");
        assertEquals(List.of("file=a.raw"), values(split(m)));
    }

    @Test
    void backslashCarriageReturnNewlineJoinsLinesToo() {
        assertEquals(List.of("-drive", "x"), values(split(Marked.of("-drive \\\r\nx"))));
    }

    @Test
    void backslashNewlineInsideDoubleQuotesIsRemoved() {
        assertEquals(List.of("ab"), values(split(Marked.of("\"a\\\nb\""))));
    }

    @Test
    void commentsRunToTheEndOfTheLine() {
        assertEquals(List.of("a", "b"), values(split(Marked.of("a # comment 'not closed\nb"))));
        assertNone(diags);
    }

    @Test
    void hashInsideAWordIsNotAComment() {
        assertEquals(List.of("a#b"), values(split(Marked.of("a#b"))));
    }

    @Test
    void emptyQuotesMakeAnEmptyWord() {
        List<Text> w = split(Marked.of("a '' b"));
        assertEquals(List.of("a", "", "b"), values(w));
    }

    @Test
    void unterminatedSingleQuote() {
        Marked m = Marked.of("-drive ^'file=a.raw^");
        split(m);
        assertOnly(diags, Code.SHELL_SYNTAX, "Unterminated single quote", m.span());
    }

    @Test
    void unterminatedDoubleQuote() {
        Marked m = Marked.of("-drive ^\"file=a.raw\\\"^");
        split(m);
        assertOnly(diags, Code.SHELL_SYNTAX, "Unterminated double quote", m.span());
    }

    @Test
    void danglingBackslash() {
        Marked m = Marked.of("-drive file=a.raw ^\\^");
        List<Text> w = split(m);
        assertOnly(diags, Code.SHELL_SYNTAX, "Dangling backslash at the end of the command line", m.span());
        assertEquals(List.of("-drive", "file=a.raw"), values(w));
    }

    @Test
    void wordsAfterSupplementaryCharactersKeepUtf16Offsets() {
        Marked m = Marked.of("'\uD83D\uDE00' ^x^");
        List<Text> w = split(m);
        assertEquals("\uD83D\uDE00", w.get(0).value());
        assertSpan(m.span(), w.get(1).span(0, 1));
    }
}
