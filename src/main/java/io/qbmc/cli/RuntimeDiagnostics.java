package io.qbmc.cli;

import io.qbmc.diag.Diagnostic;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs a runtime command (bitmap, io, backup, restore) as the CLI would, output discarded, and
 * returns the diagnostics it reported: how the diagnostic catalogue proves its runtime examples.
 */
public final class RuntimeDiagnostics {
    static final ThreadLocal<List<Diagnostic>> SINK = new ThreadLocal<>();

    private RuntimeDiagnostics() {
    }

    public static List<Diagnostic> run(String... args) {
        List<Diagnostic> out = new ArrayList<>();
        CommandLine cli = new CommandLine(new Main());
        cli.setExpandAtFiles(false);
        cli.setOut(new PrintWriter(Writer.nullWriter()));
        cli.setErr(new PrintWriter(Writer.nullWriter()));
        SINK.set(out);
        try {
            cli.execute(args);
        } finally {
            SINK.remove();
        }
        return out;
    }

    static void report(List<Diagnostic> ds) {
        List<Diagnostic> sink = SINK.get();
        if (sink != null) {
            sink.addAll(ds);
        }
    }
}
