package io.qbmc.cli;

import io.qbmc.api.OutputForm;
import io.qbmc.api.Qbmc;
import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Compiler;
import io.qbmc.compile.Dialect;
import io.qbmc.diag.Diagnostic;
import io.qbmc.emit.JsonText;
import io.qbmc.report.HumanRenderer;
import io.qbmc.report.JsonDiagnostics;
import io.qbmc.source.Source;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Check specs and report every problem with its position. Exit 1 when any has an error.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "INPUT", arity = "0..*",
            description = "Spec strings, @path to read one from a file, or - for stdin.")
    List<String> inputs = List.of();

    @Option(names = "--lines", paramLabel = "FILE",
            description = "Treat each non-empty line of FILE as its own spec.")
    Path lines;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "human",
            description = "human (default) or json.")
    String format;

    @Option(names = "--as", paramLabel = "DIALECT", defaultValue = "image-opts", converter = DialectOption.class,
            description = "Parser for dotted input: image-opts (default), drive or blockdev.")
    Dialect as;

    @Option(names = "--max-input-size", paramLabel = "CHARS", defaultValue = "16777216",
            description = "Refuse inputs longer than this (default: 16 MiB).")
    int maxInput;

    @Option(names = "--check-files", description = "Also check the files: images exist with a known size, bitmap"
            + " files have the right size, no bitmap is left in use.")
    boolean checkFiles;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!format.equals("human") && !format.equals("json")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "'" + format + "' is not a format; use human or json");
        }
        if (lines != null && !inputs.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give INPUT arguments or --lines, not both");
        }
        if (lines == null && inputs.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing INPUT (or --lines FILE)");
        }
        return lines != null ? validateLines() : validateInputs();
    }

    private Integer validateInputs() {
        PrintWriter out = spec.commandLine().getOut();
        Compiler compiler = new Compiler(as, maxInput);
        boolean anyError = false;
        StringBuilder json = new StringBuilder("{\"inputs\":[");
        long errors = 0;
        long warnings = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Source source = Inputs.read(inputs.get(i));
            CompileResult r = withFileChecks(compiler.compile(source));
            anyError |= !r.valid();
            errors += r.errors();
            warnings += r.warnings();
            if (format.equals("json")) {
                if (i > 0) {
                    json.append(',');
                }
                json.append("{\"input\":");
                JsonText.quote(source.name(), json);
                result(r, json);
                json.append('}');
            } else {
                for (Diagnostic d : r.diagnostics()) {
                    out.print(HumanRenderer.render(d));
                }
                out.println(source.name() + ": " + (r.valid() ? "valid" : "invalid") + summary(r));
            }
        }
        if (format.equals("json")) {
            json.append("],\"errors\":").append(errors).append(",\"warnings\":").append(warnings).append('}');
            out.println(json);
        }
        out.flush();
        return anyError ? Main.INVALID : Main.OK;
    }

    private CompileResult withFileChecks(CompileResult r) {
        if (!checkFiles || r.graph() == null) {
            return r;
        }
        io.qbmc.diag.Diagnostics extra = new io.qbmc.diag.Diagnostics();
        extra.addAll(r.diagnostics());
        io.qbmc.check.FileChecks.run(r.graph(), r.origins(), r.descriptors(), extra);
        return new CompileResult(r.source(), r.graph(), r.origins(), extra.sorted(), r.descriptors());
    }

    private static String summary(CompileResult r) {
        if (r.diagnostics().isEmpty()) {
            return "";
        }
        return " (" + r.errors() + " error" + (r.errors() == 1 ? "" : "s") + ", " + r.warnings() + " warning"
                + (r.warnings() == 1 ? "" : "s") + ")";
    }

    /** Appends ,"valid":..,"diagnostics":[..],"canonical":.. */
    private static void result(CompileResult r, StringBuilder json) {
        json.append(",\"valid\":").append(r.valid());
        json.append(",\"diagnostics\":").append(JsonDiagnostics.array(r.diagnostics()));
        json.append(",\"canonical\":");
        String canonical = null;
        if (r.valid()) {
            try {
                canonical = Qbmc.emit(r.graph(), OutputForm.JSON);
            } catch (Qbmc.UnsupportedFormException e) {
                canonical = null;
            }
        }
        if (canonical == null) {
            json.append("null");
        } else {
            JsonText.quote(canonical, json);
        }
    }

    private Integer validateLines() {
        PrintWriter out = spec.commandLine().getOut();
        String text;
        try {
            text = Files.readString(lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + lines + ": " + Inputs.describe(e), e);
        }
        Source source = new Source(lines.toString(), text);
        Compiler compiler = new Compiler(as, maxInput);
        boolean anyError = false;
        int start = 0;
        int lineNo = 1;
        while (start <= text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            int contentEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            if (!text.substring(start, contentEnd).isBlank()) {
                CompileResult r = withFileChecks(compiler.compile(source, start, contentEnd));
                anyError |= !r.valid();
                if (format.equals("json")) {
                    StringBuilder json = new StringBuilder("{\"line\":").append(lineNo);
                    result(r, json);
                    out.println(json.append('}'));
                } else {
                    for (Diagnostic d : r.diagnostics()) {
                        out.print(HumanRenderer.render(d));
                    }
                    out.println(lines + ":" + lineNo + ": " + (r.valid() ? "valid" : "invalid") + summary(r));
                }
            }
            if (nl < 0) {
                break;
            }
            start = nl + 1;
            lineNo++;
        }
        out.flush();
        return anyError ? Main.INVALID : Main.OK;
    }
}
