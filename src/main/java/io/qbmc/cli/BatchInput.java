package io.qbmc.cli;

import io.qbmc.source.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One input of a validate run: a file (given, or found in a folder), standard input, or a spec
 * string. Loaded lazily, on a worker thread, so a run over thousands of files holds only one
 * text per thread.
 */
record BatchInput(String path, Path file, String text, String given) {

    /** File extensions validate picks up in folders. */
    static final List<String> EXTENSIONS = List.of(".opts", ".json", ".conf", ".qbm");

    Source load() {
        if (file == null) {
            return new Source(path, text);
        }
        try {
            return new Source(path, Files.readString(file, StandardCharsets.UTF_8), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + given + ": " + Inputs.describe(e), e);
        }
    }

    /** The path relative to the working folder with '/' separators, as SARIF and CI tools want it. */
    String uri() {
        if (file == null) {
            return null;
        }
        Path abs = file.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        if (abs.startsWith(cwd)) {
            return cwd.relativize(abs).toString().replace('\\', '/');
        }
        return abs.toUri().toString();
    }

    /**
     * Expands the arguments: "-" is stdin, "@path" a file, an existing file or folder is read
     * (folders recursively, files picked by extension or --glob, sorted by path), anything else
     * is a spec string.
     */
    static List<BatchInput> expand(List<String> args, String glob) {
        List<BatchInput> out = new ArrayList<>();
        PathMatcher matcher = glob == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + glob);
        int inline = 0;
        for (String arg : args) {
            if (arg.equals("-")) {
                Source s = Inputs.read("-");
                out.add(new BatchInput(s.name(), null, s.text(), "-"));
            } else if (arg.startsWith("@")) {
                Path p = Path.of(arg.substring(1));
                out.add(new BatchInput(arg.substring(1), p, null, arg));
            } else if (isExistingPath(arg)) {
                Path p = Path.of(arg);
                if (Files.isDirectory(p)) {
                    out.addAll(walk(p, matcher));
                } else {
                    out.add(new BatchInput(arg, p, null, arg));
                }
            } else {
                inline++;
                out.add(new BatchInput(args.size() == 1 ? "<input>" : "<input " + inline + ">", null, arg, arg));
            }
        }
        return out;
    }

    private static boolean isExistingPath(String arg) {
        try {
            return !arg.contains("=") && !arg.startsWith("json:") && Files.exists(Path.of(arg));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static List<BatchInput> walk(Path dir, PathMatcher glob) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> glob != null ? glob.matches(dir.relativize(p)) || glob.matches(p.getFileName())
                            : EXTENSIONS.stream().anyMatch(e -> p.getFileName().toString().endsWith(e)))
                    .sorted()
                    .map(p -> new BatchInput(p.toString(), p, null, p.toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + Inputs.describe(e), e);
        }
    }
}
