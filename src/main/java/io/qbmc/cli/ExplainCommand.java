package io.qbmc.cli;

import io.qbmc.diag.Code;
import io.qbmc.docs.DiagnosticsReference;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "explain", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Explain a diagnostic code: what it means, an example, and how to fix it.")
final class ExplainCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CODE", description = "A code such as QBMC-E012 (or E012).")
    String code;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String id = code.toUpperCase(java.util.Locale.ROOT);
        Code c = Code.byId(id.startsWith("QBMC-") ? id : "QBMC-" + id);
        if (c == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Unknown code '" + code + "'; docs/diagnostics.md lists them all");
        }
        spec.commandLine().getOut().print(DiagnosticsReference.entry(c, ""));
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
