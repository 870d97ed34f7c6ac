package io.qbmc.cli;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** qbmc: compile, check and translate QEMU block-driver configurations. */
@Command(name = "qbmc", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Compiler and toolkit for QEMU block-driver configurations with persistent dirty bitmaps.",
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
        Integer direct = runDirect(args);
        if (direct != null) {
            return direct;
        }
        CommandLine cli = new CommandLine(new Main());
        addCommands(cli, args.length > 0 ? args[0] : null);
        // settings below reach the commands added above (picocli applies them to the hierarchy as it is)
        // INPUT "@path" is ours (read the spec from a file), not picocli's argument-file expansion
        cli.setExpandAtFiles(false);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> failed(ex, commandLine.getErr()));
        return cli.execute(args);
    }

    /** The exit code and message for an exception a command threw. */
    private static int failed(Exception ex, PrintWriter err) {
        if (ex instanceof InputText.Rejected r) {
            io.qbmc.diag.Diagnostic d = r.diagnostic();
            err.println(r.name() + ": " + d.severity().word() + "[" + d.code().id()
                    + "]: " + d.message());
            if (d.hint() != null) {
                err.println("  = hint: " + d.hint());
            }
            return INVALID;
        }
        if (ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException) {
            err.println("qbmc: " + ex.getMessage());
            return IO;
        }
        err.println("qbmc: internal error: " + ex + " (please report it with the input that caused it)");
        return INTERNAL;
    }

    /**
     * Runs {@code validate INPUT...} without picocli when nothing in the arguments needs it
     * (see {@link ValidateCommand#direct}), with the streams and exception handling picocli
     * would give it; null when picocli must read the arguments.
     */
    private static Integer runDirect(String[] args) {
        ValidateCommand v = ValidateCommand.direct(args);
        if (v == null) {
            return null;
        }
        // picocli's default streams: System.out and System.err as they are when the command runs,
        // in the encoding the JVM reports for them, buffered, flushed on println
        PrintWriter err = newPrintWriter(System.err, "sun.stderr.encoding");
        v.streams(newPrintWriter(System.out, "sun.stdout.encoding"), err);
        try {
            return v.call();
        } catch (Exception ex) {
            return failed(ex, err);
        }
    }

    /** picocli's CommandLine.newPrintWriter, with its choice of charset (cp65001 read as UTF-8). */
    private static PrintWriter newPrintWriter(OutputStream stream, String encodingProperty) {
        String name = System.getProperty(encodingProperty);
        Charset cs = Charset.defaultCharset();
        if (name != null) {
            try {
                cs = Charset.forName("cp65001".equalsIgnoreCase(name) ? "UTF-8" : name);
            } catch (Exception e) {
                cs = Charset.defaultCharset();
            }
        }
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, cs)), true);
    }

    /**
     * The commands, in the order help lists them. picocli builds a command's model by reflection,
     * which is most of its start-up time; a run that names its command first (the usual case) gets
     * only that command, since nothing else of the hierarchy can be reached from it. Any other
     * run (help, --help, --version, a typo to suggest a command for) gets them all.
     */
    private static void addCommands(CommandLine cli, String first) {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("translate", TranslateCommand::new);
        commands.put("validate", ValidateCommand::new);
        commands.put("compile", CompileCommand::new);
        commands.put("explain", ExplainCommand::new);
        commands.put("bitmap", BitmapCommand::new);
        commands.put("io", IoCommand::new);
        commands.put("backup", BackupCommand::new);
        commands.put("restore", RestoreCommand::new);
        Supplier<Object> only = first == null ? null : commands.get(first);
        if (only != null) {
            cli.addSubcommand(only.get());
            return;
        }
        commands.values().forEach(c -> cli.addSubcommand(c.get()));
        cli.addSubcommand(new CommandLine.HelpCommand());
    }
}
