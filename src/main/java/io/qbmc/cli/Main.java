package io.qbmc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** qbmc: compile, check and translate QEMU block-driver configurations. */
@Command(name = "qbmc", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Compiler and toolkit for QEMU block-driver configurations with persistent dirty bitmaps.",
        subcommands = {TranslateCommand.class, ValidateCommand.class, CompileCommand.class, ExplainCommand.class,
                BitmapCommand.class, IoCommand.class, BackupCommand.class, RestoreCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:valid", "1:invalid input", "2:usage error", "3:I/O error"})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int INVALID = 1;
    public static final int USAGE = 2;
    public static final int IO = 3;
    /** Never expected: a bug in qbmc, reported without a stack trace. */
    public static final int INTERNAL = 70;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: translate, validate, compile");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        // INPUT "@path" is ours (read the spec from a file), not picocli's argument-file expansion
        cli.setExpandAtFiles(false);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException) {
                commandLine.getErr().println("qbmc: " + ex.getMessage());
                return IO;
            }
            commandLine.getErr().println("qbmc: internal error: " + ex
                    + " (please report it with the input that caused it)");
            return INTERNAL;
        });
        return cli.execute(args);
    }
}
