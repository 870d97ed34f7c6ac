package io.qbmc.docs;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.report.HumanRenderer;

/**
 * docs/diagnostics.md and qbmc explain: every code with its meaning, an example input, the message
 * that example produces (by running it) and how to fix it.
 */
public final class DiagnosticsReference {
    private DiagnosticsReference() {
    }

    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Diagnostics\n\n");
        out.append("Generated from the diagnostic catalogue (`io.qbmc.diag.Code` and `io.qbmc.docs.DiagnosticCatalogue`);\n");
        out.append("each example was run to produce the output shown. Do not edit by hand; regenerate with\n");
        out.append("`mvn -B -q test -Dtest=DocsTest -Dqbmc.updateDocs=true`. `qbmc explain CODE` prints one entry.\n\n");
        out.append("Codes are stable: `E` errors make validation fail, `W` warnings flag what QEMU accepts but\n");
        out.append("probably is not meant, `N` notes say what qbmc left out.\n\n");
        out.append("| code | severity | title |\n|---|---|---|\n");
        for (Code c : Code.values()) {
            out.append("| [").append(c.id()).append("](#").append(c.id().toLowerCase(java.util.Locale.ROOT))
                    .append(") | ").append(c.severity().word()).append(" | ").append(c.title()).append(" |\n");
        }
        for (Code c : Code.values()) {
            out.append('\n').append(entry(c, "## "));
        }
        return out.toString();
    }

    /** One code's entry; heading is the markdown prefix ("## ") or "" for the terminal. */
    public static String entry(Code c, String heading) {
        StringBuilder out = new StringBuilder();
        out.append(heading).append(c.id()).append(heading.isEmpty() ? ": " : "\n\n").append(c.title())
                .append(heading.isEmpty() ? " (" + c.severity().word() + ")\n\n" : "\n\n*" + c.severity().word()
                        + "*\n\n");
        out.append(c.explanation()).append("\n\n");
        Example e = DiagnosticCatalogue.example(c);
        if (e == null) {
            return out.toString();
        }
        String fence = heading.isEmpty() ? "" : "```\n";
        String indent = heading.isEmpty() ? "    " : "";
        out.append("Example:\n\n").append(fence);
        if (e.file() != null) {
            out.append(indent).append("# ").append(e.file()).append('\n');
            for (String line : e.input().split("\n")) {
                out.append(indent).append(line).append('\n');
            }
        }
        out.append(indent).append("$ ").append(abbreviate(e.commandLine())).append('\n');
        ExampleRunner.Outcome o = ExampleRunner.run(e);
        for (Diagnostic d : o.diagnostics()) {
            if (d.code() == c) {
                for (String line : hideScratch(HumanRenderer.render(d), o.scratch()).split("\n")) {
                    out.append(indent).append(line).append('\n');
                }
                break;
            }
        }
        out.append(fence).append('\n');
        out.append("Fix: ").append(e.fix()).append('\n');
        return out.toString();
    }

    /** Paths in the example's scratch folder read as relative ones, the folder itself as "." (as the command says). */
    private static String hideScratch(String text, String scratch) {
        String folder = scratch.substring(0, scratch.length() - 1);
        return text.replace(scratch, "").replaceAll(java.util.regex.Pattern.quote(folder) + "(?![^\\s'\"])", ".");
    }

    private static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 180) + " ... " + s.substring(s.length() - 60) : s;
    }
}
