package io.qbmc.syntax;

/**
 * ANTLR's CharStreams count code points; our spans count UTF-16 units. Converts one to the
 * other, at no cost for the common case of text without supplementary characters.
 */
final class AntlrPositions {
    private final int[] charIndexOfCodePoint;

    AntlrPositions(String text) {
        boolean hasSupplementary = false;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isHighSurrogate(text.charAt(i))) {
                hasSupplementary = true;
                break;
            }
        }
        if (!hasSupplementary) {
            charIndexOfCodePoint = null;
            return;
        }
        int count = text.codePointCount(0, text.length());
        int[] map = new int[count + 1];
        int cp = 0;
        for (int i = 0; i < text.length(); ) {
            map[cp++] = i;
            i += Character.charCount(text.codePointAt(i));
        }
        map[count] = text.length();
        charIndexOfCodePoint = map;
    }

    int charIndex(int codePointIndex) {
        if (charIndexOfCodePoint == null) {
            return codePointIndex;
        }
        return charIndexOfCodePoint[Math.min(codePointIndex, charIndexOfCodePoint.length - 1)];
    }
}
