package io.qbmc.cli;

import io.qbmc.api.OutputForm;
import io.qbmc.api.Qbmc;
import io.qbmc.compile.CompileResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "translate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Compile a spec and print it in another form, on one line (tree: several lines).")
final class TranslateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "INPUT", description = "A spec string, @path to read it from a file, or - for stdin.")
    String input;

    @Option(names = "--to", paramLabel = "FORM", defaultValue = "json",
            description = "json, dotted, blockdev, tree, hocon or qbm (a QBM descriptor) (default: ${DEFAULT-VALUE}).",
            converter = FormOption.class)
    OutputForm to;

    @CommandLine.Mixin
    DialectMixin dialect;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CompileResult r = dialect.compile(Inputs.read(input), err);
        if (!r.valid()) {
            err.flush();
            return Main.INVALID;
        }
        try {
            String text = Qbmc.emit(r.graph(), to);
            out.print(text);
            if (!text.endsWith("\n")) {
                out.println();
            }
        } catch (Qbmc.UnsupportedFormException e) {
            err.println("error[" + io.qbmc.diag.Code.UNSUPPORTED_FORM.id() + "]: " + e.getMessage());
            err.println("  = hint: " + e.hint());
            err.flush();
            return Main.INVALID;
        }
        out.flush();
        err.flush();
        return Main.OK;
    }

    static final class FormOption implements CommandLine.ITypeConverter<OutputForm> {
        @Override
        public OutputForm convert(String value) {
            OutputForm f = OutputForm.of(value);
            if (f == null) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a form; use json, dotted, blockdev, tree, hocon or qbm");
            }
            return f;
        }
    }
}
