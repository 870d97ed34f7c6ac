package io.qbmc.cli;

import io.qbmc.text.JsonText;
import io.qbmc.api.OutputForm;
import io.qbmc.api.Qbmc;
import io.qbmc.files.FileChecks;
import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Compiler;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.diag.Diagnostics;
import io.qbmc.diag.Severity;
import io.qbmc.qbm.AtomicFiles;
import io.qbmc.report.FileResult;
import io.qbmc.report.Finding;
import io.qbmc.report.JsonReport;
import io.qbmc.report.ReportFormat;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        long start = System.nanoTime();
        List<FileResult> results;
        String report;
        if (lines != null) {
            results = validateLines();
            report = fmt == ReportFormat.JSON ? jsonLines(results) : null;
        } else {
            results = validateAll(BatchInput.expand(inputs, glob));
            report = null;
        }
        Summary summary = Summary.of(results, (System.nanoTime() - start) / 1_000_000);
        if (report == null) {
            report = fmt.render(results, summary, warningsAsErrors);
        }
        emit(report);
        PrintWriter err = spec.commandLine().getErr();
        for (String e : ioErrors) {
            err.println("qbmc: " + e);
        }
        err.println(summary.line());
        err.flush();
        if (!ioErrors.isEmpty()) {
            return Main.IO;
        }
        return results.stream().anyMatch(r -> !r.valid()) ? Main.INVALID : Main.OK;
    }

    private void emit(String report) {
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
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

    private List<FileResult> validateAll(List<BatchInput> all) {
        Compiler compiler = new Compiler(dialect.as, maxInput);
        if (jobs == 1 || all.size() < 2) {
            List<FileResult> out = new ArrayList<>();
            for (BatchInput in : all) {
                out.add(validate(in, compiler));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, all.size()), r -> {
            Thread t = new Thread(r, "qbmc-validate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<FileResult>> futures = new ArrayList<>(all.size());
            for (BatchInput in : all) {
                futures.add(pool.submit(() -> validate(in, compiler)));
            }
            List<FileResult> out = new ArrayList<>(all.size());
            for (Future<FileResult> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private FileResult validate(BatchInput in, Compiler compiler) {
        Source source;
        try {
            source = in.load();
        } catch (UncheckedIOException e) {
            synchronized (ioErrors) {
                ioErrors.add(e.getMessage());
            }
            Diagnostic d = new Diagnostic(Code.FILE_ACCESS, e.getMessage(), Span.NONE, null);
            return new FileResult(in.path(), in.uri(), false, List.of(Finding.of(d)), null);
        }
        return result(in.path(), in.uri(), withFileChecks(compiler.compile(source)));
    }

    private FileResult result(String path, String uri, CompileResult r) {
        List<Finding> findings = new ArrayList<>(r.diagnostics().size());
        boolean valid = r.valid();
        for (Diagnostic d : r.diagnostics()) {
            findings.add(Finding.of(d));
            valid &= !(warningsAsErrors && d.severity() == Severity.WARNING);
        }
        return new FileResult(path, uri, valid, findings, r.valid() ? canonical(r) : null);
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

    /** Each non-empty line of --lines FILE as its own input; positions stay in FILE. */
    private List<FileResult> validateLines() {
        String text;
        try {
            text = Files.readString(lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + lines + ": " + Inputs.describe(e), e);
        }
        Source source = new Source(lines.toString(), text, lines);
        String uri = new BatchInput(lines.toString(), lines, null, lines.toString()).uri();
        Compiler compiler = new Compiler(dialect.as, maxInput);
        List<FileResult> out = new ArrayList<>();
        int start = 0;
        int lineNo = 1;
        while (start <= text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            if (!text.substring(start, contentEnd).isBlank()) {
                out.add(result(lines + ":" + lineNo, uri, withFileChecks(compiler.compile(source, start, contentEnd))));
            }
            if (nl < 0) {
                break;
            }
            start = nl + 1;
            lineNo++;
        }
        return out;
    }

    /** validate --lines --format json: one object per input line (the contract other tools parse). */
    private static String jsonLines(List<FileResult> results) {
        StringBuilder out = new StringBuilder();
        for (FileResult r : results) {
            String line = r.path().substring(r.path().lastIndexOf(':') + 1);
            out.append("{\"line\":").append(line).append(",\"valid\":").append(r.valid()).append(",\"diagnostics\":");
            JsonReport.diagnostics(r.findings(), out);
            out.append(",\"canonical\":");
            if (r.canonical() == null) {
                out.append("null");
            } else {
                io.qbmc.text.JsonText.quote(r.canonical(), out);
            }
            out.append("}\n");
        }
        return out.toString();
    }
}
