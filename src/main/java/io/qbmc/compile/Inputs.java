package io.qbmc.compile;

import io.qbmc.source.Text;

/** Small text helpers shared by the front ends. */
final class Inputs {
    private Inputs() {
    }

    /** The text without the line breaks a file ends with. */
    static Text withoutFinalLineBreaks(Text t) {
        String s = t.value();
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return end == s.length() ? t : t.sub(0, end);
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
