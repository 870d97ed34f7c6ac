package io.qbmc.report;

import io.qbmc.diag.Severity;
import java.util.List;

/**
 * JUnit XML as Jenkins, GitLab and the GitHub JUnit actions read it: one testsuite, one testcase
 * per input, one failure per error (and per warning with --warnings-as-errors).
 */
final class JunitReport {
    private JunitReport() {
    }

    static String render(List<FileResult> results, Summary s, boolean warningsAsErrors) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        int failures = 0;
        for (FileResult r : results) {
            failures += r.valid() ? 0 : 1;
        }
        String time = String.format(java.util.Locale.ROOT, "%.3f", s.millis() / 1000.0);
        out.append("<testsuites name=\"qbmc\" tests=\"").append(results.size()).append("\" failures=\"").append(failures)
                .append("\" errors=\"0\" time=\"").append(time).append("\">\n");
        out.append("  <testsuite name=\"qbmc validate\" tests=\"").append(results.size()).append("\" failures=\"")
                .append(failures).append("\" errors=\"0\" skipped=\"0\" time=\"").append(time).append("\">\n");
        for (FileResult r : results) {
            out.append("    <testcase classname=\"qbmc.validate\" name=\"").append(attr(r.path())).append('"');
            if (r.uri() != null) {
                out.append(" file=\"").append(attr(r.uri())).append('"');
            }
            List<Finding> failing = r.findings().stream()
                    .filter(f -> f.severity() == Severity.ERROR || (warningsAsErrors && f.severity() == Severity.WARNING))
                    .toList();
            if (failing.isEmpty() && r.findings().isEmpty()) {
                out.append("/>\n");
                continue;
            }
            out.append(">\n");
            for (Finding f : failing) {
                out.append("      <failure type=\"").append(f.code().id()).append("\" message=\"")
                        .append(attr(f.code().id() + ": " + f.message())).append("\">")
                        .append(xml(location(r, f) + ": " + f.severity().word() + "[" + f.code().id() + "]: "
                                + HumanRenderer.oneLine(f.message())
                                + (f.hint() == null ? "" : "\nhint: " + HumanRenderer.oneLine(f.hint()))))
                        .append("</failure>\n");
            }
            List<Finding> other = r.findings().stream().filter(f -> !failing.contains(f)).toList();
            if (!other.isEmpty()) {
                out.append("      <system-out>");
                for (Finding f : other) {
                    out.append(xml(location(r, f) + ": " + f.severity().word() + "[" + f.code().id() + "]: "
                            + HumanRenderer.oneLine(f.message()))).append('\n');
                }
                out.append("</system-out>\n");
            }
            out.append("    </testcase>\n");
        }
        out.append("  </testsuite>\n</testsuites>\n");
        return out.toString();
    }

    private static String location(FileResult r, Finding f) {
        return HumanRenderer.oneLine(f.path(r)) + (f.line() > 0 ? ":" + f.line() : "") + (f.column() > 0 ? ":" + f.column() : "")
                + (f.keyPath() == null ? "" : " (at key: " + f.keyPath() + ")");
    }

    /**
     * An attribute value: one line, as in the human output (a parser turns a raw line break in an
     * attribute into a space, and a viewer shows a name with one as two lines).
     */
    static String attr(String s) {
        return xml(HumanRenderer.oneLine(s));
    }

    /** XML 1.0 text: escapes markup and drops characters XML cannot carry. */
    static String xml(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0xFFFE && !Character.isSurrogate(c))) {
                        out.append(c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else {
                        out.append('\uFFFD');
                    }
                }
            }
        }
        return out.toString();
    }
}
