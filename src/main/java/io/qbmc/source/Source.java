package io.qbmc.source;

import java.util.Arrays;

/**
 * One input text as the user gave it: a spec string, a file, stdin. Spans point into it by
 * UTF-16 offset; lines and columns are computed here, in one place, so every output format
 * agrees on them.
 */
public final class Source {
    private final String name;
    private final String text;
    private final java.nio.file.Path file;
    private int[] lineStarts;

    public Source(String name, String text) {
        this(name, text, null);
    }

    /** A source read from a file: relative paths inside it resolve against its folder. */
    public Source(String name, String text, java.nio.file.Path file) {
        this.name = name;
        this.text = text;
        this.file = file;
    }

    /** The file the text was read from, or null. */
    public java.nio.file.Path file() {
        return file;
    }

    public static Source of(String text) {
        return new Source("<input>", text);
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }

    /** 1-based line of a UTF-16 offset. */
    public int lineOf(int offset) {
        int[] starts = lineStarts();
        int i = Arrays.binarySearch(starts, Math.max(0, Math.min(offset, text.length())));
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** 1-based column of a UTF-16 offset, counted in UTF-16 units (SARIF's default). */
    public int columnOf(int offset) {
        int clamped = Math.max(0, Math.min(offset, text.length()));
        return clamped - lineStarts()[lineOf(clamped) - 1] + 1;
    }

    /** The text of a 1-based line, without its terminator. */
    public String lineText(int line) {
        int[] starts = lineStarts();
        if (line < 1 || line > starts.length) {
            return "";
        }
        int start = starts[line - 1];
        int end = line < starts.length ? starts[line] : text.length();
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(start, end);
    }

    public int lineCount() {
        return lineStarts().length;
    }

    private int[] lineStarts() {
        if (lineStarts == null) {
            int count = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    count++;
                }
            }
            int[] starts = new int[count];
            int k = 1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts[k++] = i + 1;
                }
            }
            lineStarts = starts;
        }
        return lineStarts;
    }

    @Override
    public String toString() {
        return name;
    }
}
