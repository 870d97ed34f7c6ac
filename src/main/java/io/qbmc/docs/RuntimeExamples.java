package io.qbmc.docs;

import io.qbmc.backup.Backup;
import io.qbmc.backup.Progress;
import io.qbmc.backup.Restore;
import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Compiler;
import io.qbmc.diag.Diagnostic;
import io.qbmc.runtime.Access;
import io.qbmc.runtime.BitmapAction;
import io.qbmc.runtime.BitmapEditor;
import io.qbmc.runtime.BlockDevice;
import io.qbmc.runtime.PatternIo;
import io.qbmc.runtime.StackException;
import io.qbmc.source.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Catalogue examples of the runtime commands (bitmap, io, backup, restore). As ExampleRunner does
 * for compile, they call the library the way the command does; a CLI test runs the same examples
 * through qbmc itself. In the command, STACK stands for the input and ./ for the example's folder;
 * a comment saying the stack is open for writing opens it first, in this process.
 */
public final class RuntimeExamples {
    private static final Set<String> COMMANDS = Set.of("bitmap", "io", "backup", "restore");
    static final String HELD = "# while this process has the stack open for writing";

    /** An example made ready to run in a folder: qbmc's arguments, and whether to hold the stack open meanwhile. */
    public record Invocation(List<String> args, boolean held) {
    }

    private RuntimeExamples() {
    }

    public static boolean handles(Example e) {
        return COMMANDS.contains(e.command().split(" ", 2)[0]);
    }

    /** The arguments of the example's command, with STACK and ./ replaced for a run in dir. */
    public static Invocation prepare(Example e, Path dir) {
        String command = e.command();
        boolean held = command.endsWith(HELD);
        if (held) {
            command = command.substring(0, command.length() - HELD.length()).strip();
        }
        String stack = e.file() != null ? "@" + dir.resolve(e.file()) : e.input();
        List<String> args = new ArrayList<>();
        for (String word : command.split(" ")) {
            args.add(word.equals("STACK") ? stack : word.startsWith("./") ? dir.resolve(word.substring(2)).toString()
                    : word);
        }
        return new Invocation(args, held);
    }

    /** Opens the example's stack for writing, for examples that need it held. */
    public static BlockDevice hold(Example e, Path dir) throws IOException {
        return BlockDevice.open(compile("@" + dir.resolve(e.file()), e), Access.READ_WRITE);
    }

    static List<Diagnostic> run(Example e, Path dir) throws IOException {
        Invocation inv = prepare(e, dir);
        try (BlockDevice held = inv.held() ? hold(e, dir) : null) {
            call(inv.args(), e);
            return List.of();
        } catch (StackException ex) {
            return ex.diagnostics();
        }
    }

    private static void call(List<String> a, Example e) throws IOException {
        switch (a.get(0)) {
            case "io" -> {
                boolean write = a.get(2).equals("write");
                Integer pattern = write ? 0xcd : null;
                List<Long> numbers = new ArrayList<>();
                for (int i = 3; i < a.size(); i++) {
                    if (a.get(i).equals("-P")) {
                        pattern = Integer.decode(a.get(++i));
                    } else {
                        numbers.add(Long.decode(a.get(i)));
                    }
                }
                long offset = numbers.get(0);
                long length = numbers.get(1);
                try (BlockDevice dev = BlockDevice.open(compile(a.get(1), e), write ? Access.READ_WRITE
                        : Access.READ_ONLY)) {
                    if (write) {
                        PatternIo.fill(dev, offset, length, pattern);
                    } else {
                        PatternIo.verify(dev, offset, length, pattern);
                    }
                }
            }
            case "bitmap" -> {
                if (a.get(1).equals("extents")) {
                    try (BlockDevice dev = BlockDevice.open(compile(a.get(2), e), Access.READ_ONLY)) {
                        dev.extents(a.get(a.indexOf("--bitmap") + 1));
                    }
                    return;
                }
                List<BitmapAction> actions = new ArrayList<>();
                List<String> positional = new ArrayList<>();
                for (int i = 1; i < a.size(); i++) {
                    switch (a.get(i)) {
                        case "--add" -> actions.add(new BitmapAction.Add(io.qbmc.graph.QbmNode.DEFAULT_GRANULARITY, null));
                        case "--remove" -> actions.add(new BitmapAction.Remove());
                        case "--clear" -> actions.add(new BitmapAction.Clear());
                        case "--enable" -> actions.add(new BitmapAction.Enable());
                        case "--disable" -> actions.add(new BitmapAction.Disable());
                        case "--merge" -> actions.add(new BitmapAction.Merge(a.get(++i)));
                        default -> positional.add(a.get(i));
                    }
                }
                BitmapEditor.apply(compile(positional.get(0), e), positional.get(1), actions, false);
            }
            case "backup" -> {
                try (BlockDevice dev = BlockDevice.open(compile(a.get(1), e), Access.READ_WRITE)) {
                    Backup.run(dev, a.get(a.indexOf("--bitmap") + 1), Path.of(a.get(a.indexOf("--target") + 1)),
                            a.contains("--full"), Progress.NONE);
                }
            }
            case "restore" -> {
                int upto = a.indexOf("--upto");
                Restore.run(Path.of(a.get(1)), Path.of(a.get(a.indexOf("--to") + 1)), upto < 0 ? null : a.get(upto + 1),
                        a.contains("--force"), Progress.NONE);
            }
            default -> throw new IllegalArgumentException(a.get(0));
        }
    }

    /** The stack as the command compiles it; an invalid one ends the run with its diagnostics. */
    private static CompileResult compile(String arg, Example e) throws IOException {
        Source source;
        if (arg.startsWith("@")) {
            Path p = Path.of(arg.substring(1));
            source = new Source(p.toString(), Files.readString(p, StandardCharsets.UTF_8), p);
        } else {
            source = new Source("<input>", arg);
        }
        CompileResult r = new Compiler(e.dialect()).compile(source);
        if (!r.valid()) {
            throw new StackException(r.diagnostics());
        }
        return r;
    }
}
