package io.qbmc.cli;

import io.qbmc.source.Source;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * One input of a validate run: a file (given, or found in a folder), standard input, or a spec
 * string. Loaded lazily, on a worker thread, so a run over thousands of files holds only one
 * text per thread.
 */
record BatchInput(String path, Path file, String text, String given) {

    /** File extensions validate picks up in folders. */
    static final List<String> EXTENSIONS = List.of(".opts", ".json", ".conf", ".qbm");

    /**
     * @throws InputText.Rejected when the text is longer than maxChars or not UTF-8
     * @throws UncheckedIOException when it cannot be read
     */
    Source load(int maxChars) {
        if (file == null && text != null) {
            return new Source(path, text);
        }
        try {
            if (file == null) {
                return new Source(path, InputText.read(System.in, path, maxChars));
            }
            return new Source(path, InputText.read(file, path, maxChars), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + given + ": " + Inputs.describe(e), e);
        }
    }

    /** The path relative to the working folder with '/' separators, as SARIF and CI tools want it. */
    String uri() {
        if (file == null) {
            return null;
        }
        return io.qbmc.report.Finding.uriOf(file);
    }

    /**
     * Expands the arguments: "-" is stdin, "@path" a file, an existing file or folder is read
     * (folders recursively, files picked by extension or --glob, sorted by path), anything else
     * is a spec string.
     */
    static Iterator<BatchInput> expand(List<String> args, String glob) {
        return expand(args, glob, null);
    }

    /**
     * As {@link #expand(List, String)}, with a file folders are not to yield: the report the run
     * writes, which a second run over the same folder would otherwise validate.
     *
     * @throws java.util.regex.PatternSyntaxException when glob is not a glob
     */
    static Iterator<BatchInput> expand(List<String> args, String glob, Path skip) {
        // folders are listed as the batch reaches them, one folder at a time, so a run over many
        // files does not hold a list of them all
        List<Iterator<BatchInput>> out = new ArrayList<>();
        PathMatcher matcher = glob == null ? null : matcher(glob);
        int inline = 0;
        for (String arg : args) {
            if (arg.equals("-")) {
                out.add(one(new BatchInput("<stdin>", null, null, "-")));
            } else if (arg.startsWith("@")) {
                Path p = Path.of(arg.substring(1));
                out.add(one(new BatchInput(arg.substring(1), p, null, arg)));
            } else if (isExistingPath(arg)) {
                Path p = Path.of(arg);
                if (Files.isDirectory(p)) {
                    out.add(new Walk(p, matcher, skip));
                } else {
                    out.add(one(new BatchInput(arg, p, null, arg)));
                }
            } else {
                inline++;
                out.add(one(new BatchInput(args.size() == 1 ? "<input>" : "<input " + inline + ">", null, arg, arg)));
            }
        }
        return concat(out.iterator());
    }

    /**
     * A --glob as shells and CI tools read it: to Java, a glob that starts with two stars and a
     * slash wants at least one folder before the name; users mean files at the top too.
     */
    static PathMatcher matcher(String glob) {
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        if (!glob.startsWith("**/")) {
            return m;
        }
        PathMatcher top = FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3));
        return p -> m.matches(p) || top.matches(p);
    }

    private static Iterator<BatchInput> one(BatchInput in) {
        return List.of(in).iterator();
    }

    private static Iterator<BatchInput> concat(Iterator<Iterator<BatchInput>> parts) {
        return new Iterator<>() {
            private Iterator<BatchInput> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && parts.hasNext()) {
                    current = parts.next();
                }
                return current.hasNext();
            }

            @Override
            public BatchInput next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    private static boolean isExistingPath(String arg) {
        try {
            // "" names the working folder to Path.of, but as an argument it is an empty spec
            return !arg.isEmpty() && !arg.contains("=") && !arg.startsWith("json:") && Files.exists(Path.of(arg));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    /**
     * The regular files under a folder that validate picks (by extension, or --glob against the
     * path relative to the folder or the file name), in the order of their sorted paths, without
     * following links to folders. Each folder is listed when the walk reaches it, so the walk
     * holds one listing per level, not every path.
     *
     * <p>Sorting each folder's entries with a folder's name read as "name/" gives the order of
     * sorting the whole paths: every path below a folder starts with its name and a '/'.
     */
    private static final class Walk implements Iterator<BatchInput> {
        private final Path root;
        private final PathMatcher glob;
        private final Path skip;
        private final Deque<Iterator<Path>> levels = new ArrayDeque<>();
        private BatchInput next;

        private boolean started;

        Walk(Path root, PathMatcher glob, Path skip) {
            this.root = root;
            this.glob = glob;
            this.skip = skip == null ? null : skip.toAbsolutePath().normalize();
        }

        @Override
        public boolean hasNext() {
            if (!started) {
                started = true;
                levels.push(list(root));
            }
            while (next == null && !levels.isEmpty()) {
                Iterator<Path> level = levels.peek();
                if (!level.hasNext()) {
                    levels.pop();
                    continue;
                }
                Path p = level.next();
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    levels.push(list(p));
                } else if (Files.isRegularFile(p) && picked(p) && !skipped(p)) {
                    next = new BatchInput(p.toString(), p, null, p.toString());
                }
            }
            return next != null;
        }

        @Override
        public BatchInput next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            BatchInput n = next;
            next = null;
            return n;
        }

        private boolean skipped(Path p) {
            if (skip == null) {
                return false;
            }
            Path abs = p.toAbsolutePath().normalize();
            if (abs.equals(skip)) {
                return true;
            }
            try {
                return Files.exists(skip) && Files.isSameFile(p, skip);
            } catch (IOException e) {
                return false;
            }
        }

        private boolean picked(Path p) {
            return glob != null ? glob.matches(root.relativize(p)) || glob.matches(p.getFileName())
                    : EXTENSIONS.stream().anyMatch(e -> p.getFileName().toString().endsWith(e));
        }

        private record Entry(Path path, String name, boolean folder) {
        }

        private Iterator<Path> list(Path dir) {
            List<Entry> entries = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                s.forEach(p -> entries.add(new Entry(p, p.getFileName().toString(),
                        Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))));
            } catch (IOException | UncheckedIOException e) {
                IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
                // the messages of Files.walk, which listed folders before: the folder given names
                // itself, a folder under it is reported as the exception itself
                throw dir.equals(root) ? new UncheckedIOException("cannot list " + dir + ": " + Inputs.describe(cause), cause)
                        : new UncheckedIOException(cause);
            }
            entries.sort(Walk::compare);
            return entries.stream().map(Entry::path).iterator();
        }

        /**
         * Path order, except that a folder sorts as its name followed by '/': after a longer
         * name it starts when the next character of that name is below '/' (such as '-' or '.').
         */
        private static int compare(Entry a, Entry b) {
            int c = a.path().compareTo(b.path());
            if (c < 0 && a.folder() && continuesBelowSlash(b.name(), a.name())) {
                return 1;
            }
            if (c > 0 && b.folder() && continuesBelowSlash(a.name(), b.name())) {
                return -1;
            }
            return c;
        }

        private static boolean continuesBelowSlash(String longer, String prefix) {
            return longer.length() > prefix.length() && longer.startsWith(prefix) && longer.charAt(prefix.length()) < '/';
        }
    }
}
