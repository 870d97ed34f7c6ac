package io.qbmc.report;

import io.qbmc.text.JsonText;
import java.util.List;

/**
 * One JSON document: {"files":[{"path","valid","diagnostics":[...],"canonical"}],"counts":{...}}.
 * Diagnostics have the fields of validate --lines: code, severity, message, line, column,
 * length, hint; then file and uri (the file line and column count in when it is not the input
 * itself, such as an included HOCON file or a referenced descriptor; else null) and keyPath (the
 * key named, when only the line is known; else null).
 */
public final class JsonReport {
    private JsonReport() {
    }

    static String render(List<FileResult> results, Summary s) {
        return writer().render(results, s);
    }

    /** The document's parts: the files array one element per input, then the counts. */
    static ReportWriter writer() {
        return new ReportWriter() {
            private boolean first = true;

            @Override
            public String begin() {
                return "{\"files\":[";
            }

            @Override
            public String file(FileResult r) {
                StringBuilder out = new StringBuilder();
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append("{\"path\":");
                JsonText.quote(r.path(), out);
                out.append(",\"valid\":").append(r.valid()).append(",\"diagnostics\":");
                diagnostics(r.findings(), out);
                out.append(",\"canonical\":");
                nullable(r.canonical(), out);
                return out.append('}').toString();
            }

            @Override
            public String end(Summary s) {
                return "],\"counts\":{\"files\":" + s.files() + ",\"valid\":" + (s.files() - s.invalid())
                        + ",\"invalid\":" + s.invalid() + ",\"errors\":" + s.errors() + ",\"warnings\":"
                        + s.warnings() + ",\"notes\":" + s.notes() + "}}\n";
            }
        };
    }

    /** [{"code","severity","message","line","column","length","hint","file","uri","keyPath"}, ...] */
    public static void diagnostics(List<Finding> findings, StringBuilder out) {
        diagnostics(findings, true, out);
    }

    /**
     * @param located with the file, uri and keyPath of each diagnostic; without them, the exact
     *                field set issue 2 gives for validate --lines, which other tools parse
     */
    public static void diagnostics(List<Finding> findings, boolean located, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"code\":");
            JsonText.quote(f.code().id(), out);
            out.append(",\"severity\":");
            JsonText.quote(f.severity().word(), out);
            out.append(",\"message\":");
            JsonText.quote(f.message(), out);
            out.append(",\"line\":").append(f.line() > 0 ? Integer.toString(f.line()) : "null");
            out.append(",\"column\":").append(f.column() > 0 ? Integer.toString(f.column()) : "null");
            out.append(",\"length\":").append(f.column() > 0 ? Integer.toString(f.length()) : "null");
            out.append(",\"hint\":");
            nullable(f.hint(), out);
            if (located) {
                out.append(",\"file\":");
                nullable(f.file(), out);
                out.append(",\"uri\":");
                nullable(f.uri(), out);
                out.append(",\"keyPath\":");
                nullable(f.keyPath(), out);
            }
            out.append('}');
        }
        out.append(']');
    }

    private static void nullable(String s, StringBuilder out) {
        if (s == null) {
            out.append("null");
        } else {
            JsonText.quote(s, out);
        }
    }
}
