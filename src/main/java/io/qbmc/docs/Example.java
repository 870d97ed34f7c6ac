package io.qbmc.docs;

import io.qbmc.compile.Dialect;
import java.util.Map;

/**
 * An input that produces a diagnostic, for the catalogue. Runnable, so a test can prove that it
 * still produces its code.
 *
 * @param command what the user runs: "validate", "translate --to json", "validate --check-files",
 *                or "compile"
 * @param file    for inputs read from a file: its name (the extension picks the form); else null
 * @param files   other files the example needs beside the input, by name, with their content
 */
public record Example(String command, Dialect dialect, String input, String file, Map<String, String> files,
        String fix) {

    static Example validate(String input, String fix) {
        return new Example("validate", Dialect.IMAGE_OPTS, input, null, Map.of(), fix);
    }

    static Example validate(Dialect dialect, String input, String fix) {
        return new Example("validate", dialect, input, null, Map.of(), fix);
    }

    static Example file(String command, String file, String input, Map<String, String> files, String fix) {
        return new Example(command, Dialect.IMAGE_OPTS, input, file, files, fix);
    }

    /** How the example is run, as a command line. */
    public String commandLine() {
        String as = dialect == Dialect.IMAGE_OPTS ? "" : " --as " + dialect.word();
        String out = command.equals("compile") ? " --out ." : "";
        String in = file != null ? "@" + file : "'" + input.replace("'", "'\\''") + "'";
        return "qbmc " + command + as + " " + in + out;
    }
}
