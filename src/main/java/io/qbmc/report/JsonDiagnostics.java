package io.qbmc.report;

import io.qbmc.diag.Diagnostic;
import io.qbmc.emit.JsonText;
import java.util.List;

/** Diagnostics as JSON objects: {"code","severity","message","line","column","length","hint"}. */
public final class JsonDiagnostics {
    private JsonDiagnostics() {
    }

    public static String array(List<Diagnostic> ds) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < ds.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            object(ds.get(i), out);
        }
        return out.append(']').toString();
    }

    public static void object(Diagnostic d, StringBuilder out) {
        out.append("{\"code\":");
        JsonText.quote(d.code().id(), out);
        out.append(",\"severity\":");
        JsonText.quote(d.severity().word(), out);
        out.append(",\"message\":");
        JsonText.quote(d.message(), out);
        out.append(",\"line\":").append(d.span().isKnown() ? d.span().line() : "null");
        out.append(",\"column\":").append(d.span().hasOffsets() ? d.span().column() : "null");
        out.append(",\"length\":").append(d.span().hasOffsets() ? d.span().length() : "null");
        out.append(",\"hint\":");
        if (d.hint() == null) {
            out.append("null");
        } else {
            JsonText.quote(d.hint(), out);
        }
        out.append('}');
    }
}
