package io.qbmc.cli;

import io.qbmc.api.OutputForm;
import io.qbmc.api.Qbmc;
import io.qbmc.compile.CompileResult;
import io.qbmc.diag.Diagnostic;
import io.qbmc.diag.Diagnostics;
import io.qbmc.files.StackFiles;
import io.qbmc.report.HumanRenderer;
import io.qbmc.source.Source;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compile", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Validate a qbm stack, then write DIR/NAME.qbm and a zeroed bitmap file of the right size"
                + " for each bitmap.",
                "Paths in the configuration are relative to DIR. Nothing is overwritten without --force; every file"
                        + " is written atomically."})
final class CompileCommand implements Callable<Integer> {
    @Parameters(paramLabel = "INPUT", description = "A spec: HOCON file (@stack.conf), descriptor, options or json:.")
    String input;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the descriptor and bitmaps.")
    Path out;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Descriptor name: DIR/NAME.qbm, a plain file name (no '/'); default: the input file's name, else the image's.")
    String name;

    @Option(names = "--force", description = "Replace an existing descriptor and bitmap files.")
    boolean force;

    @Option(names = "--allow-outside", description = "Allow absolute paths and paths with '..'.")
    boolean allowOutside;

    @CommandLine.Mixin
    DialectMixin dialect;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter outWriter = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (name != null && !isPlainName(name)) {
            // the descriptor's relative bitmap paths hold only when it sits in DIR itself
            throw new CommandLine.ParameterException(spec.commandLine(), "--name '" + name
                    + "' is not a plain file name: the descriptor is written to DIR/NAME.qbm (hint: give a name"
                    + " without '/', such as --name vm1, and choose the folder with --out)");
        }
        Source source = Inputs.read(input);
        CompileResult r = dialect.compile(source, err);
        if (!r.valid()) {
            err.flush();
            return Main.INVALID;
        }
        Diagnostics diags = new Diagnostics();
        StackFiles.Plan plan;
        try {
            plan = StackFiles.plan(Qbmc.singleTree(r.graph(), OutputForm.QBM, r.origins()), r.origins(), out,
                    name != null ? name : defaultName(source, r), allowOutside, force, diags);
        } catch (Qbmc.UnsupportedFormException e) {
            err.println("error[" + io.qbmc.diag.Code.UNSUPPORTED_FORM.id() + "]: " + e.getMessage());
            err.flush();
            return Main.INVALID;
        }
        for (Diagnostic d : diags.sorted()) {
            err.print(HumanRenderer.render(d));
        }
        if (plan == null) {
            err.flush();
            return Main.INVALID;
        }
        try {
            StackFiles.write(plan, force);
        } catch (FileAlreadyExistsException e) {
            err.println("qbmc: " + e.getFile() + " appeared while compiling; nothing was replaced (use --force)");
            err.flush();
            return Main.INVALID;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + out + ": " + Inputs.describe(e)
                    + "; the files this run created are removed", e);
        }
        for (StackFiles.BitmapFile f : plan.bitmaps()) {
            outWriter.println("wrote " + f.path() + " (" + f.size() + " bytes, zero)");
        }
        outWriter.println("wrote " + plan.descriptorPath() + " (image of " + plan.imageSize() + " bytes)");
        outWriter.flush();
        err.flush();
        return Main.OK;
    }

    /** A name for a file in DIR itself: no folder part, not '.' or '..', not empty. */
    static boolean isPlainName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && name.indexOf(java.io.File.separatorChar) < 0 && name.indexOf('\0') < 0;
    }

    private static String defaultName(Source source, CompileResult r) {
        if (source.file() != null) {
            String f = source.file().getFileName().toString();
            int dot = f.lastIndexOf('.');
            return dot > 0 ? f.substring(0, dot) : f;
        }
        String json = Qbmc.emit(r.graph(), OutputForm.QBM);
        var m = java.util.regex.Pattern.compile("\"image\": \\{\"file\": \"([^\"]+)\"").matcher(json);
        if (m.find()) {
            String f = Path.of(m.group(1)).getFileName().toString();
            int dot = f.lastIndexOf('.');
            return dot > 0 ? f.substring(0, dot) : f;
        }
        return "stack";
    }
}
