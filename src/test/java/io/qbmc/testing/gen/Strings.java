package io.qbmc.testing.gen;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Strings that stress every escaping rule of QEMU's option syntaxes. A string is a short list of
 * pieces, so jqwik shrinks it by dropping pieces and by moving each piece towards "a".
 *
 * <p>U+0000 is never produced: QEMU's option values are C strings (argv, QDict), so no form can
 * carry it. Lone surrogates are never produced either: they are not characters, and QEMU's JSON
 * parser refuses them.
 */
public final class Strings {
    /** The pieces the syntaxes treat specially, first the simplest one shrinking aims at. */
    static final List<String> PIECES = List.of(
            "a", "b", "Z", "0", "9", "-", "_", ".", "/", "~",
            // separators and escapes of dotted strings and JSON
            ",", ",,", "=", "\"", "'", "\\", "{", "}", "[", "]", ":", "%",
            // whitespace that trimming, shells and line-based readers might eat
            " ", "\t", "\n", "\r", "\u000b", "\u001f", "\u00a0", "\u2028", "\ufeff",
            // control characters and DEL, which JSON escapes
            "\u0001", "\b", "\f", "\u007f",
            // non-ASCII, BMP and beyond (surrogate pairs in UTF-16)
            "é", "ß", "中", "\u0301", "😀", "𝄞",
            // words that mean something somewhere
            "json:", "json:{}", "null", "on", "off", "0x10", "-1", "1k", "..", "/..",
            "file.filename", "driver=raw", "help", "?",
            // what a path pasted from a libvirt host looks like, and flags a command line has
            "/var/lib/libvirt/qemu/", "qemu", " -drive ", " --image-opts ", "-blockdev ");

    private Strings() {
    }

    /** One piece: mostly a special one, else any printable ASCII or any valid code point. */
    static Arbitrary<String> piece() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(PIECES)),
                net.jqwik.api.Tuple.of(3, Arbitraries.chars().range(' ', '~').map(String::valueOf)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, Character.MAX_CODE_POINT)
                        .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                        .map(Character::toString)));
    }

    /** Any string, the empty one included. */
    public static Arbitrary<String> any() {
        return piece().list().ofMaxSize(6).map(Strings::join);
    }

    /** A string with at least one piece. */
    public static Arbitrary<String> nonEmpty() {
        return piece().list().ofMinSize(1).ofMaxSize(6).map(Strings::join);
    }

    /**
     * A well-formed node-name (block.c bdrv_assign_node_name: a letter, then letters, digits,
     * '-', '.', '_'; fewer than 32 characters). Some are the names BlockdevEmitter generates, so
     * that its collision avoidance is exercised.
     */
    public static Arbitrary<String> nodeName() {
        Arbitrary<Character> first = Arbitraries.chars().range('a', 'z').range('A', 'Z');
        Arbitrary<String> rest = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                .withCharRange('0', '9').withChars('-', '.', '_').ofMaxLength(30);
        Arbitrary<String> free = Combinators.combine(first, rest).as((f, r) -> f + r);
        Arbitrary<String> generatedLookalike = Arbitraries.integers().between(0, 3)
                .map(i -> io.qbmc.emit.BlockdevEmitter.GENERATED_PREFIX + i);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, free),
                net.jqwik.api.Tuple.of(1, generatedLookalike));
    }

    private static String join(List<String> pieces) {
        return String.join("", pieces);
    }
}
