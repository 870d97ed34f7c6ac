package io.qbmc.cli;

import io.qbmc.source.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** INPUT arguments: a spec string, @path for a file, or - for standard input. */
final class Inputs {
    private Inputs() {
    }

    static Source read(String arg) {
        return read(arg, io.qbmc.compile.Compiler.DEFAULT_MAX_INPUT);
    }

    /** @throws InputText.Rejected for a file or stdin longer than maxChars, or not UTF-8 */
    static Source read(String arg, int maxChars) {
        try {
            if (arg.equals("-")) {
                return new Source("<stdin>", InputText.read(System.in, "<stdin>", maxChars));
            }
            if (arg.startsWith("@")) {
                Path p = Path.of(arg.substring(1));
                return new Source(arg.substring(1), InputText.read(p, arg.substring(1), maxChars), p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + arg + ": " + describe(e), e);
        }
        return new Source("<input>", arg);
    }

    static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.charset.MalformedInputException) {
            return "not UTF-8 text";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
