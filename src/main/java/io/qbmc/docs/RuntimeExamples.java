package io.qbmc.docs;

import io.qbmc.cli.RuntimeDiagnostics;
import io.qbmc.compile.Compiler;
import io.qbmc.diag.Diagnostic;
import io.qbmc.runtime.Access;
import io.qbmc.runtime.BlockDevice;
import io.qbmc.source.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Catalogue examples of the runtime commands: the command runs as the CLI runs it, with STACK
 * replaced by the input and ./ by the example's folder. A comment saying the stack is open for
 * writing opens it first, in this process.
 */
final class RuntimeExamples {
    private static final Set<String> COMMANDS = Set.of("bitmap", "io", "backup", "restore");
    static final String HELD = "# while this process has the stack open for writing";

    private RuntimeExamples() {
    }

    static boolean handles(Example e) {
        return COMMANDS.contains(e.command().split(" ", 2)[0]);
    }

    static List<Diagnostic> run(Example e, Path dir) throws IOException {
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
        if (!held) {
            return RuntimeDiagnostics.run(args.toArray(String[]::new));
        }
        Path file = dir.resolve(e.file());
        Source source = new Source(file.toString(), java.nio.file.Files.readString(file), file);
        try (BlockDevice writer = BlockDevice.open(new Compiler(e.dialect()).compile(source), Access.READ_WRITE)) {
            return RuntimeDiagnostics.run(args.toArray(String[]::new));
        }
    }
}
