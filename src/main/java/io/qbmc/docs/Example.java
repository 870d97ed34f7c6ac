package io.qbmc.docs;

import io.qbmc.compile.Dialect;
import java.util.Map;

/**
 * An input that produces a diagnostic, for the catalogue. Runnable, so a test can prove that it
 * still produces its code.
 *
 * @param command what the user runs: "validate", "translate --to json", "validate --check-files",
 *                "compile", or a runtime command (bitmap, io, backup, restore) where STACK stands for the
 *                input and ./ for the example's folder; " # ..." at the end is a comment
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
        if (RuntimeExamples.handles(this)) {
            String in = file != null ? "@" + file : "'" + input.replace("'", "'\\''") + "'";
            return "qbmc " + command.replace("STACK", in);
        }
        String as = dialect == Dialect.IMAGE_OPTS ? "" : " --as " + dialect.word();
        String out = command.equals("compile") ? " --out ." : "";
        String in = file != null ? "@" + file : "'" + input.replace("'", "'\\''") + "'";
        return "qbmc " + command + as + " " + in + out;
    }
}
