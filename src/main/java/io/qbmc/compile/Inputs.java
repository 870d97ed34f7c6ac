package io.qbmc.compile;

import io.qbmc.source.Text;

/** Small text helpers shared by the front ends. */
final class Inputs {
    private Inputs() {
    }

    /** The text without surrounding whitespace, for forms whose syntax ignores it. */
    static Text trim(Text t) {
        String s = t.value();
        int start = 0;
        int end = s.length();
        while (start < end && Character.isWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == s.length() ? t : t.sub(start, end);
    }
}
