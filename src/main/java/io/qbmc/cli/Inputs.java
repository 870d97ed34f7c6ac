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
        try {
            if (arg.equals("-")) {
                return new Source("<stdin>", new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
            }
            if (arg.startsWith("@")) {
                Path p = Path.of(arg.substring(1));
                return new Source(arg.substring(1), Files.readString(p, StandardCharsets.UTF_8), p);
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
