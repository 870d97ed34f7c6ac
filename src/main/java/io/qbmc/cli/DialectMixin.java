package io.qbmc.cli;

import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Compiler;
import io.qbmc.compile.Dialect;
import io.qbmc.diag.Diagnostic;
import io.qbmc.report.HumanRenderer;
import io.qbmc.source.Source;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** --as, shared by every command that reads a spec. */
final class DialectMixin {
    @Option(names = "--as", paramLabel = "DIALECT", defaultValue = "image-opts", converter = DialectOption.class,
            description = "Parser for dotted input: image-opts (default), drive or blockdev.")
    Dialect as;

    /** Compiles with this dialect, printing every diagnostic (a valid spec may have warnings). */
    CompileResult compile(Source source, PrintWriter err) {
        CompileResult r = new Compiler(as).compile(source);
        for (Diagnostic d : r.diagnostics()) {
            err.print(HumanRenderer.render(d));
        }
        return r;
    }
}
