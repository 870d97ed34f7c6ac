package io.qbmc.report;

import io.qbmc.diag.Code;
import io.qbmc.diag.Severity;
import io.qbmc.text.JsonText;
import java.util.List;

/**
 * SARIF 2.1.0 for GitHub code scanning: the diagnostic catalogue as tool.driver.rules, one result
 * per diagnostic with ruleId, level and a region. Inputs that are not files are listed as
 * artifacts with their text, since a result must point somewhere.
 */
final class SarifReport {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String INFO = "https://github.com/qbmc/qbmc/blob/main/docs/diagnostics.md";

    private SarifReport() {
    }

    static String render(List<FileResult> results) {
        StringBuilder out = new StringBuilder();
        out.append("{\"$schema\":\"").append(SCHEMA).append("\",\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{");
        out.append("\"name\":\"qbmc\",\"informationUri\":\"").append(INFO).append("\",\"rules\":[");
        Code[] codes = Code.values();
        for (int i = 0; i < codes.length; i++) {
            Code c = codes[i];
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"id\":");
            JsonText.quote(c.id(), out);
            out.append(",\"name\":");
            JsonText.quote(camel(c.name()), out);
            out.append(",\"shortDescription\":{\"text\":");
            JsonText.quote(c.title(), out);
            out.append("},\"fullDescription\":{\"text\":");
            JsonText.quote(c.explanation(), out);
            out.append("},\"helpUri\":");
            JsonText.quote(INFO + "#" + c.id().toLowerCase(java.util.Locale.ROOT), out);
            out.append(",\"defaultConfiguration\":{\"level\":\"").append(level(c.severity())).append("\"}}");
        }
        out.append("]}},\"results\":[");
        boolean first = true;
        for (FileResult r : results) {
            for (Finding f : r.findings()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                result(r, f, out);
            }
        }
        out.append("]}]}\n");
        return out.toString();
    }

    private static void result(FileResult r, Finding f, StringBuilder out) {
        out.append("{\"ruleId\":");
        JsonText.quote(f.code().id(), out);
        out.append(",\"ruleIndex\":").append(f.code().ordinal());
        out.append(",\"level\":\"").append(level(f.severity())).append("\",\"message\":{\"text\":");
        JsonText.quote(f.message() + (f.keyPath() == null ? "" : " (at key: " + f.keyPath() + ")")
                + (f.hint() == null ? "" : " (" + f.hint() + ")"), out);
        out.append("},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":");
        String uri = f.uri(r);
        JsonText.quote(uriReference(uri != null ? uri : f.path(r)), out);
        out.append('}');
        if (f.line() > 0) {
            out.append(",\"region\":{\"startLine\":").append(f.line());
            if (f.column() > 0) {
                out.append(",\"startColumn\":").append(f.column());
                out.append(",\"endLine\":").append(f.endLine());
                out.append(",\"endColumn\":").append(Math.max(f.endColumn(), f.column() + (f.endLine() == f.line() ? 1 : 0)));
            }
            out.append('}');
        }
        out.append('}');
        if (f.keyPath() != null) {
            out.append(",\"logicalLocations\":[{\"fullyQualifiedName\":");
            JsonText.quote(f.keyPath(), out);
            out.append(",\"kind\":\"member\"}]");
        }
        out.append("}]}");
    }

    /**
     * An RFC 3986 URI-reference, as SARIF's artifactLocation.uri must be: an absolute file: URI
     * (already encoded by Path.toUri) as it is, anything else a relative reference with every
     * byte outside the unreserved and sub-delims characters, '@' and '/' percent-encoded in
     * UTF-8, so spaces, non-ASCII names, '%', ':' and "<input>" are valid references.
     */
    static String uriReference(String s) {
        if (s.startsWith("file:")) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=@/".indexOf(c) >= 0;
            if (plain) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    static String level(Severity s) {
        switch (s) {
            case ERROR:
                return "error";
            case WARNING:
                return "warning";
            default:
                return "note";
        }
    }

    private static String camel(String enumName) {
        StringBuilder out = new StringBuilder();
        boolean up = true;
        for (char c : enumName.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return out.toString();
    }
}
