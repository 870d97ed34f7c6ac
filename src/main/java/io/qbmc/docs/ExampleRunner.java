package io.qbmc.docs;

import io.qbmc.api.OutputForm;
import io.qbmc.api.Qbmc;
import io.qbmc.files.FileChecks;
import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Compiler;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.diag.Diagnostics;
import io.qbmc.files.StackFiles;
import io.qbmc.source.Source;
import io.qbmc.source.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Runs a catalogue example the way its command would, in a scratch folder, and returns the diagnostics. */
public final class ExampleRunner {
    private ExampleRunner() {
    }

    /** The diagnostics of a run, and the scratch folder its file paths start with (to hide in docs). */
    public record Outcome(List<Diagnostic> diagnostics, String scratch) {
    }

    public static Outcome run(Example e) {
        Path dir;
        try {
            dir = Files.createTempDirectory("qbmc-example");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        try {
            for (Map.Entry<String, String> f : e.files().entrySet()) {
                Files.createDirectories(dir.resolve(f.getKey()).getParent());
                Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.ISO_8859_1);
            }
            Source source;
            if (e.file() != null) {
                Path p = dir.resolve(e.file());
                Files.writeString(p, e.input(), StandardCharsets.UTF_8);
                source = new Source(e.file(), e.input(), p);
            } else {
                source = new Source("<input>", e.input());
            }
            if (RuntimeExamples.handles(e)) {
                return new Outcome(RuntimeExamples.run(e, dir), dir.toString() + "/");
            }
            int max = Compiler.DEFAULT_MAX_INPUT;
            if (e.command().startsWith("validate --max-input-size ")) {
                max = Integer.parseInt(e.command().substring("validate --max-input-size ".length()));
            }
            CompileResult r = new Compiler(e.dialect(), max).compile(source);
            Diagnostics all = new Diagnostics();
            all.addAll(r.diagnostics());
            if (r.graph() != null && r.valid()) {
                if (e.command().equals("validate --check-files")) {
                    FileChecks.run(r.graph(), r.origins(), r.descriptors(), all);
                } else if (e.command().startsWith("translate --to ")) {
                    translate(r, OutputForm.of(e.command().substring("translate --to ".length())), all);
                } else if (e.command().equals("compile")) {
                    StackFiles.plan(Qbmc.singleTree(r.graph(), OutputForm.QBM, r.origins()), r.origins(), dir,
                            "stack", false, false, all);
                }
            } else if (e.command().equals("validate --check-files") && r.graph() != null) {
                FileChecks.run(r.graph(), r.origins(), r.descriptors(), all);
            }
            return new Outcome(all.sorted(), dir.toString() + "/");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } finally {
            delete(dir);
        }
    }

    private static void translate(CompileResult r, OutputForm form, Diagnostics all) {
        try {
            Qbmc.emit(r.graph(), form);
        } catch (Qbmc.UnsupportedFormException ex) {
            all.report(Code.UNSUPPORTED_FORM, Span.NONE, ex.getMessage(), ex.hint());
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a scratch folder left in /tmp is harmless
        }
    }
}
