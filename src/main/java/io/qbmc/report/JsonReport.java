package io.qbmc.report;

import io.qbmc.text.JsonText;
import java.util.List;

/**
 * One JSON document: {"files":[{"path","valid","diagnostics":[...],"canonical"}],"counts":{...}}.
 * Diagnostics have the fields of validate --lines: code, severity, message, line, column,
 * length, hint.
 */
public final class JsonReport {
    private JsonReport() {
    }

    static String render(List<FileResult> results, Summary s) {
        StringBuilder out = new StringBuilder("{\"files\":[");
        for (int i = 0; i < results.size(); i++) {
            FileResult r = results.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"path\":");
            JsonText.quote(r.path(), out);
            out.append(",\"valid\":").append(r.valid()).append(",\"diagnostics\":");
            diagnostics(r.findings(), out);
            out.append(",\"canonical\":");
            nullable(r.canonical(), out);
            out.append('}');
        }
        out.append("],\"counts\":{\"files\":").append(s.files()).append(",\"valid\":").append(s.files() - s.invalid())
                .append(",\"invalid\":").append(s.invalid()).append(",\"errors\":").append(s.errors())
                .append(",\"warnings\":").append(s.warnings()).append(",\"notes\":").append(s.notes()).append("}}\n");
        return out.toString();
    }

    /** [{"code","severity","message","line","column","length","hint"}, ...] */
    public static void diagnostics(List<Finding> findings, StringBuilder out) {
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
