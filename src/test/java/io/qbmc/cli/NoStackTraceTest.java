package io.qbmc.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Whatever the input, qbmc answers with exit 0 or 1 and diagnostics, never a crash or a stack trace. */
class NoStackTraceTest {

    @Provide
    Arbitrary<String> specs() {
        // the characters that matter to the parsers, plus fragments of real keys and values
        Arbitrary<String> atoms = Arbitraries.oneOf(
                Arbitraries.of(",", ",,", "=", ".", "{", "}", "[", "]", ":", "\"", "'", "\\", " ", "\n", "\t", "^", "-",
                        "0", "1", "01", "-1", "1.5k", "0x", "true", "null", "json:", "driver", "file", "filename",
                        "children", "node-name", "backing", "raw", "qcow2", "quorum", "qbm", "null-co", "bitmaps", "image",
                        "granularity", "vote-threshold", "size", "offset", "cache", "direct", "help", "no", "-drive",
                        "-blockdev", "-object", "qemu-system-x86_64", "secret", "id", "\uD83D\uDE00", "é", "\u0000"),
                Arbitraries.strings().ofMaxLength(4));
        return atoms.list().ofMaxSize(24).map(parts -> String.join("", parts));
    }

    @Property(tries = 150)
    void validateNeverCrashes(@ForAll("specs") String spec, @ForAll @IntRange(min = 0, max = 2) int dialect) {
        String as = new String[] {"image-opts", "drive", "blockdev"}[dialect];
        check(Cli.run("validate", "--as", as, "--format", "json", "--", spec));
    }

    @Property(tries = 100)
    void translateNeverCrashes(@ForAll("specs") String spec, @ForAll @IntRange(min = 0, max = 3) int form) {
        String to = new String[] {"json", "dotted", "blockdev", "tree"}[form];
        check(Cli.run("translate", "--to", to, "--", spec));
    }

    private static void check(Cli.Run r) {
        assertTrue(r.exit() == 0 || r.exit() == 1, r::toString);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("internal error"),
                r::toString);
        assertFalse(r.out().contains("Exception"), r::toString);
    }
}
