package io.qbmc.cli;

import io.qbmc.text.JsonText;
import io.qbmc.api.OutputForm;
import io.qbmc.api.Qbmc;
import io.qbmc.files.FileChecks;
import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Compiler;
import io.qbmc.compile.Dialect;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.diag.Diagnostics;
import io.qbmc.diag.Severity;
import io.qbmc.qbm.AtomicFiles;
import io.qbmc.report.FileResult;
import io.qbmc.report.Finding;
import io.qbmc.report.JsonReport;
import io.qbmc.report.ReportFormat;
import io.qbmc.report.ReportWriter;
import io.qbmc.report.Summary;
import io.qbmc.source.Source;
import io.qbmc.source.Span;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Check specs, files and folders of configs; report every problem with its position.",
                "Exit 1 when any input has an error (or a warning, with --warnings-as-errors)."})
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "INPUT", arity = "0..*",
            description = {"A spec string, @path to read one from a file, - for stdin, or a file or folder.",
                    "Folders are searched recursively for *.opts, *.json, *.conf and *.qbm (see --glob)."})
    List<String> inputs = List.of();

    @Option(names = "--lines", paramLabel = "FILE", description = "Treat each non-empty line of FILE as its own spec.")
    Path lines;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "human",
            description = "human (default), json, sarif, junit or github.")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE (atomically).")
    Path output;

    @Option(names = "--force", description = "With --output: replace an existing report file.")
    boolean force;

    @Option(names = "--warnings-as-errors", description = "Fail on warnings too.")
    boolean warningsAsErrors;

    @Option(names = "--glob", paramLabel = "PATTERN", description = "Pick files in folders by this glob instead of by extension.")
    String glob;

    @Option(names = "--jobs", paramLabel = "N", description = "Inputs checked in parallel (default: the number of cores).")
    int jobs = Runtime.getRuntime().availableProcessors();

    @CommandLine.Mixin
    DialectMixin dialect;

    @Option(names = "--max-input-size", paramLabel = "CHARS", defaultValue = "16777216",
            description = "Refuse inputs longer than this (default: 16 MiB).")
    int maxInput;

    @Option(names = "--check-files", description = "Also check the files: images exist with a known size, bitmap"
            + " files have the right size, no bitmap is left in use.")
    boolean checkFiles;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The streams of a run that did not go through picocli (see {@link #direct}); else null. */
    private PrintWriter directOut;
    private PrintWriter directErr;

    /** Results a job may finish ahead of the one being printed. */
    private static final int IN_FLIGHT_PER_JOB = 16;

    private final List<String> ioErrors = new ArrayList<>();

    @Override
    public Integer call() {
        ReportFormat fmt = ReportFormat.of(format);
        if (fmt == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "'" + format + "' is not a format; use human, json, sarif, junit or github");
        }
        if (lines != null && !inputs.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give INPUT arguments or --lines, not both");
        }
        if (lines == null && inputs.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing INPUT (or --lines FILE)");
        }
        if (jobs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be at least 1");
        }
        if (maxInput < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--max-input-size must be a positive number of characters, not " + maxInput);
        }
        Iterator<BatchInput> all = null;
        if (lines == null) {
            try {
                // the report written is not an input: a second run over the same folder would check it
                all = BatchInput.expand(inputs, glob, output);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--glob '" + glob + "' is not a valid glob: " + e.getDescription());
            }
        }
        long start = System.nanoTime();
        // Printed to standard output, a report in a format that can be written input by input is:
        // a batch then keeps no result once it is printed. A report file is written at the end,
        // atomically, from the results kept.
        ReportWriter writer = lines != null && fmt == ReportFormat.JSON ? new JsonLines() : fmt.writer();
        boolean stream = writer != null && output == null;
        boolean canonical = fmt == ReportFormat.JSON;
        Summary.Counter counts = new Summary.Counter();
        List<FileResult> kept = stream ? null : new ArrayList<>();
        PrintWriter out = out();
        Consumer<FileResult> sink;
        if (stream) {
            out.print(writer.begin());
            sink = r -> {
                counts.add(r);
                out.print(writer.file(r));
            };
        } else {
            sink = r -> {
                counts.add(r);
                kept.add(r);
            };
        }
        if (lines != null) {
            validateLines(canonical, sink);
        } else {
            validateAll(all, canonical, sink);
        }
        Summary summary = counts.summary((System.nanoTime() - start) / 1_000_000);
        if (stream) {
            out.print(writer.end(summary));
            out.flush();
        } else {
            emit(writer != null ? writer.render(kept, summary) : fmt.render(kept, summary, warningsAsErrors));
        }
        PrintWriter err = err();
        for (String e : ioErrors) {
            err.println("qbmc: " + e);
        }
        err.println(summary.line());
        if (summary.files() == 0 && ioErrors.isEmpty()) {
            // a CI job pointed at the wrong folder, or a --glob with a typo, must not pass unnoticed
            err.println("qbmc: nothing to validate: the folders given hold no " + (glob != null ? "file matching --glob "
                    + glob : String.join(", ", BatchInput.EXTENSIONS) + " file"));
            err.flush();
            return Main.USAGE;
        }
        err.flush();
        if (!ioErrors.isEmpty()) {
            return Main.IO;
        }
        return summary.invalid() > 0 ? Main.INVALID : Main.OK;
    }

    private PrintWriter out() {
        return directOut != null ? directOut : spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return directErr != null ? directErr : spec.commandLine().getErr();
    }

    /**
     * {@code validate INPUT...} with no option: the most common run, and the one start-up time
     * matters for. picocli would give every option its default value and every argument to
     * INPUT; this does the same without building picocli's model of the commands, which costs
     * more than the rest of a one-spec run. Null when an argument could be an option (it starts
     * with '-', which includes "-" for stdin and "--"), or is empty: picocli reads those.
     * CliFastPathTest checks that the fields set here are the ones picocli sets.
     */
    static ValidateCommand direct(String[] args) {
        if (args.length < 2 || !args[0].equals("validate")) {
            return null;
        }
        for (int i = 1; i < args.length; i++) {
            if (args[i].isEmpty() || args[i].startsWith("-")) {
                return null;
            }
        }
        ValidateCommand v = new ValidateCommand();
        v.inputs = List.of(args).subList(1, args.length);
        v.format = "human";
        v.dialect = new DialectMixin();
        v.dialect.as = Dialect.IMAGE_OPTS;
        v.maxInput = Compiler.DEFAULT_MAX_INPUT;
        return v;
    }

    /** The streams of a run without picocli. */
    void streams(PrintWriter out, PrintWriter err) {
        directOut = out;
        directErr = err;
    }

    private void emit(String report) {
        if (output == null) {
            PrintWriter out = out();
            out.print(report);
            out.flush();
            return;
        }
        try {
            AtomicFiles.write(output, report.getBytes(StandardCharsets.UTF_8), force);
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException(output + " exists; use --force to replace it", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output + ": " + Inputs.describe(e), e);
        }
    }

    /**
     * Checks every input and hands the results to the sink in input order. With several jobs, at
     * most a few results per job wait for the ones before them, whatever the number of inputs.
     */
    private void validateAll(Iterator<BatchInput> all, boolean canonical, Consumer<FileResult> sink) {
        Compiler compiler = new Compiler(dialect.as, maxInput);
        // as many inputs as there are jobs tell whether a pool is worth starting, and how large
        List<BatchInput> first = new ArrayList<>();
        while (first.size() < jobs && all.hasNext()) {
            first.add(all.next());
        }
        if (jobs == 1 || first.size() < 2) {
            for (BatchInput in : first) {
                sink.accept(validate(in, compiler, canonical));
            }
            all.forEachRemaining(in -> sink.accept(validate(in, compiler, canonical)));
            return;
        }
        int threads = first.size();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "qbmc-validate");
            t.setDaemon(true);
            return t;
        });
        try {
            ArrayDeque<Future<FileResult>> inFlight = new ArrayDeque<>();
            for (Iterator<BatchInput> it = concat(first.iterator(), all); it.hasNext();) {
                BatchInput in = it.next();
                inFlight.add(pool.submit(() -> validate(in, compiler, canonical)));
                if (inFlight.size() >= threads * IN_FLIGHT_PER_JOB) {
                    sink.accept(inFlight.poll().get());
                }
            }
            while (!inFlight.isEmpty()) {
                sink.accept(inFlight.poll().get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Iterator<BatchInput> concat(Iterator<BatchInput> a, Iterator<BatchInput> b) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return a.hasNext() || b.hasNext();
            }

            @Override
            public BatchInput next() {
                return a.hasNext() ? a.next() : b.next();
            }
        };
    }

    private FileResult validate(BatchInput in, Compiler compiler, boolean canonical) {
        Source source;
        try {
            source = in.load(maxInput);
        } catch (InputText.Rejected e) {
            return new FileResult(in.path(), in.uri(), false, List.of(Finding.of(e.diagnostic())), null);
        } catch (UncheckedIOException e) {
            synchronized (ioErrors) {
                ioErrors.add(e.getMessage());
            }
            Diagnostic d = new Diagnostic(Code.FILE_ACCESS, e.getMessage(), Span.NONE, null);
            return new FileResult(in.path(), in.uri(), false, List.of(Finding.of(d)), null);
        }
        return result(in.path(), in.uri(), withFileChecks(compiler.compile(source)), canonical);
    }

    /** The outcome of one input; its json: form only for the formats that print it. */
    private FileResult result(String path, String uri, CompileResult r, boolean canonical) {
        List<Finding> findings = new ArrayList<>(r.diagnostics().size());
        boolean valid = r.valid();
        for (Diagnostic d : r.diagnostics()) {
            findings.add(Finding.of(d, r.source()));
            valid &= !(warningsAsErrors && d.severity() == Severity.WARNING);
        }
        return new FileResult(path, uri, valid, findings, canonical && r.valid() ? canonical(r) : null);
    }

    private static String canonical(CompileResult r) {
        try {
            return Qbmc.emit(r.graph(), OutputForm.JSON);
        } catch (Qbmc.UnsupportedFormException e) {
            return null;
        }
    }

    private CompileResult withFileChecks(CompileResult r) {
        if (!checkFiles || r.graph() == null) {
            return r;
        }
        Diagnostics extra = new Diagnostics();
        extra.addAll(r.diagnostics());
        FileChecks.run(r.graph(), r.origins(), r.descriptors(), extra);
        return new CompileResult(r.source(), r.graph(), r.origins(), extra.sorted(), r.descriptors());
    }

    /** The most characters a --lines file may hold (each line is still held to --max-input-size). */
    private static final int LINES_MAX = 1 << 30;

    /** Each non-empty line of --lines FILE as its own input; positions stay in FILE. */
    private void validateLines(boolean canonical, Consumer<FileResult> sink) {
        String text;
        try {
            text = InputText.read(lines, lines.toString(), LINES_MAX);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + lines + ": " + Inputs.describe(e), e);
        }
        Source source = new Source(lines.toString(), text, lines);
        String uri = new BatchInput(lines.toString(), lines, null, lines.toString()).uri();
        Compiler compiler = new Compiler(dialect.as, maxInput);
        int start = 0;
        int lineNo = 1;
        while (start <= text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            if (!text.substring(start, contentEnd).isBlank()) {
                sink.accept(result(lines + ":" + lineNo, uri, withFileChecks(compiler.compile(source, start, contentEnd)),
                        canonical));
            }
            if (nl < 0) {
                break;
            }
            start = nl + 1;
            lineNo++;
        }
    }

    /** validate --lines --format json: one object per input line (the contract other tools parse). */
    private static final class JsonLines extends ReportWriter {
        @Override
        public String file(FileResult r) {
            StringBuilder out = new StringBuilder();
            String line = r.path().substring(r.path().lastIndexOf(':') + 1);
            out.append("{\"line\":").append(line).append(",\"valid\":").append(r.valid()).append(",\"diagnostics\":");
            JsonReport.diagnostics(r.findings(), false, out);
            out.append(",\"canonical\":");
            if (r.canonical() == null) {
                out.append("null");
            } else {
                io.qbmc.text.JsonText.quote(r.canonical(), out);
            }
            return out.append("}\n").toString();
        }
    }
}
