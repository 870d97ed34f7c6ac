package io.qbmc.cli;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an input's text as strict UTF-8 and stops as soon as it passes the size limit: a
 * multi-gigabyte file must be refused by its size, not by an OutOfMemoryError after reading it
 * all, and a file that is not UTF-8 is an invalid input, not one read with replacement characters.
 */
final class InputText {
    private InputText() {
    }

    /** An input refused before it is compiled; carries the diagnostic that says why. */
    static final class Rejected extends RuntimeException {
        private final transient Diagnostic diagnostic;
        private final String name;

        Rejected(String name, Diagnostic diagnostic) {
            super(name + ": " + diagnostic.message(), null, false, false);
            this.name = name;
            this.diagnostic = diagnostic;
        }

        Diagnostic diagnostic() {
            return diagnostic;
        }

        String name() {
            return name;
        }
    }

    static String read(Path file, String name, int maxChars) throws IOException {
        // a UTF-8 byte decodes to at most one char, and three bytes to at least one
        long size = Files.isRegularFile(file) ? Files.size(file) : -1;
        if (size / 3 > maxChars) {
            throw tooLarge(name, maxChars, size);
        }
        if (size >= 0 && size <= maxChars) {
            // the common case, a config file of a few hundred bytes: one read, one decode, no
            // stream buffers (a batch of 10,000 files allocated two 64 KiB buffers for each)
            return decode(Files.readAllBytes(file), name, maxChars);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, name, maxChars);
        }
    }

    private static String decode(byte[] bytes, String name, int maxChars) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            throw notUtf8(name, in.position());
        }
        r = decoder.flush(out);
        if (r.isError()) {
            throw notUtf8(name, in.position());
        }
        out.flip();
        if (out.length() > maxChars) {
            throw tooLarge(name, maxChars, -1);
        }
        return checked(out.toString(), name);
    }

    static String read(InputStream in, String name, int maxChars) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(64 << 10);
        CharBuffer chars = CharBuffer.allocate(64 << 10);
        StringBuilder text = new StringBuilder();
        long consumed = 0;
        boolean end = false;
        while (!end) {
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            end = n < 0;
            if (n > 0) {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
            while (true) {
                int before = bytes.position();
                CoderResult r = decoder.decode(bytes, chars, end);
                consumed += bytes.position() - before;
                if (r.isError()) {
                    throw notUtf8(name, consumed);
                }
                chars.flip();
                text.append(chars);
                chars.clear();
                if (text.length() > maxChars) {
                    throw tooLarge(name, maxChars, -1);
                }
                if (!r.isOverflow()) {
                    break;
                }
            }
            bytes.compact();
        }
        CoderResult r = decoder.flush(chars);
        if (r.isError()) {
            throw notUtf8(name, consumed);
        }
        chars.flip();
        return checked(text.append(chars).toString(), name);
    }

    /** No QEMU option can hold a NUL; a file with one is an image or other binary data. */
    private static String checked(String text, String name) {
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new Rejected(name, new Diagnostic(Code.FILE_ACCESS, "Input holds a NUL character at offset " + nul
                    + ": binary data, not a configuration", null, "give a configuration file, not an image"));
        }
        return text;
    }

    private static Rejected tooLarge(String name, int maxChars, long bytes) {
        String size = bytes >= 0 ? "Input is " + bytes + " bytes" : "Input is more than " + maxChars + " characters";
        return new Rejected(name, new Diagnostic(Code.INPUT_LIMIT, size + "; the limit is " + maxChars + " characters",
                null, "raise it with --max-input-size, or split the input"));
    }

    private static Rejected notUtf8(String name, long byteOffset) {
        return new Rejected(name, new Diagnostic(Code.FILE_ACCESS, "Input is not UTF-8 text: byte " + byteOffset
                + " (counted from 0) starts no valid UTF-8 sequence", null, "save the file as UTF-8"));
    }
}
