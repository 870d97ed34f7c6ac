package io.qbmc.cli;

import io.qbmc.compile.CompileResult;
import io.qbmc.diag.Diagnostic;
import io.qbmc.report.HumanRenderer;
import io.qbmc.runtime.StackException;
import io.qbmc.source.Source;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * What the runtime commands (bitmap, io, backup, restore) share: STACK read like any INPUT (a bare
 * path ending in .qbm counts as @path), compile diagnostics printed as compile prints them, and
 * refusals as diagnostics with exit 1, I/O failures with exit 3, never a stack trace.
 */
abstract class RuntimeCommand implements Callable<Integer> {
    @CommandLine.Mixin
    DialectMixin dialect;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Thrown once a STACK that does not compile has been reported. */
    static final class Reported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Reported() {
            super(null, null, false, false);
        }
    }

    protected abstract int run(PrintWriter out, PrintWriter err) throws IOException;

    @Override
    public final Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } catch (Reported e) {
            return Main.INVALID;
        } catch (Misuse e) {
            err.println("error: " + e.getMessage());
            err.println("  hint: " + e.hint);
            return Main.USAGE;
        } catch (StackException e) {
            for (Diagnostic d : e.diagnostics()) {
                err.print(HumanRenderer.render(d));
            }
            return Main.INVALID;
        } catch (IOException e) {
            err.println("qbmc: " + Inputs.describe(e) + (e instanceof java.nio.file.NoSuchFileException
                    || e instanceof java.nio.file.AccessDeniedException ? ": " + e.getMessage() : ""));
            return Main.IO;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Reads and compiles STACK, printing its diagnostics; throws Reported when it is invalid. */
    protected CompileResult stack(String arg) {
        Source source = Inputs.read(isDescriptorPath(arg) ? "@" + arg : arg);
        CompileResult r = dialect.compile(source, spec.commandLine().getErr());
        if (!r.valid()) {
            throw new Reported();
        }
        return r;
    }

    /** disk.qbm given as a plain path: no spec has a key without '=', so it cannot mean options. */
    static boolean isDescriptorPath(String arg) {
        return arg.endsWith(".qbm") && !arg.startsWith("@") && !arg.contains("=") && !arg.equals("-");
    }

    /** A usage error picocli cannot see: one line and a hint, exit 2, without the whole usage text. */
    static final class Misuse extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String hint;

        Misuse(String message, String hint) {
            super(message, null, false, false);
            this.hint = hint;
        }
    }

    protected Misuse misuse(String message, String hint) {
        return new Misuse(message, hint);
    }

    protected CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
