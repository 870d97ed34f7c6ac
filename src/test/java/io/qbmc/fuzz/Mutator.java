package io.qbmc.fuzz;

import java.util.Random;

/**
 * Mutations that keep an input close to valid, where parsers have the most branches: characters
 * and tokens of the option syntaxes inserted, deleted, swapped, duplicated, truncated.
 */
final class Mutator {
    private static final String[] TOKENS = {",", ",,", "=", ".", "..", "{", "}", "[", "]", ":", "\"", "'", "\\",
        "json:", "driver=", "file.", "children.0.", "bitmaps.1.", "node-name=", "null", "true", "1e9", "-1", "0x",
        "\n", " ", "\t", "#", "${", "}", "@", "\u00e9", "\ud83d\ude00", "\u0000", "\\u12", "01", "99999999999999999999",
        "-drive ", "-blockdev ", "'", "\\\n", "{\"QBM\":", "\"version\": 1"};

    private static final String ALPHABET = "abcdefrw0129.,=:{}[]\"'\\-_ ";

    private final Random random;

    Mutator(long seed) {
        random = new Random(seed);
    }

    Random random() {
        return random;
    }

    String mutate(String s) {
        int rounds = 1 + random.nextInt(4);
        String out = s;
        for (int i = 0; i < rounds; i++) {
            out = once(out);
        }
        return out;
    }

    private String once(String s) {
        int at = s.isEmpty() ? 0 : random.nextInt(s.length() + 1);
        switch (random.nextInt(8)) {
            case 0:
                return s.substring(0, at) + TOKENS[random.nextInt(TOKENS.length)] + s.substring(at);
            case 1: {
                int len = Math.min(s.length() - at, 1 + random.nextInt(8));
                return s.substring(0, at) + s.substring(at + len);
            }
            case 2:
                return s.substring(0, at);
            case 3: {
                int len = Math.min(s.length() - at, 1 + random.nextInt(20));
                String part = s.substring(at, at + len);
                return s.substring(0, at) + part + part + s.substring(at + len);
            }
            case 4:
                return at < s.length() ? s.substring(0, at) + (char) (32 + random.nextInt(95)) + s.substring(at + 1) : s;
            case 5: {
                // swap two structural characters
                char[] c = s.toCharArray();
                int a = random.nextInt(Math.max(1, c.length));
                int b = random.nextInt(Math.max(1, c.length));
                if (c.length > 1) {
                    char t = c[a];
                    c[a] = c[b];
                    c[b] = t;
                }
                return new String(c);
            }
            case 6:
                return s.substring(0, at) + "x".repeat(random.nextInt(300)) + s.substring(at);
            default:
                return s.substring(0, at) + (char) random.nextInt(0x3000) + s.substring(at);
        }
    }

    /** A random string over the characters the syntaxes care about. */
    String noise(int max) {
        int len = random.nextInt(max + 1);
        StringBuilder b = new StringBuilder(len);
        while (b.length() < len) {
            if (random.nextInt(3) == 0) {
                b.append(TOKENS[random.nextInt(TOKENS.length)]);
            } else {
                b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return b.toString();
    }
}
