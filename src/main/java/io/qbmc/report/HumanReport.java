package io.qbmc.report;

import java.util.List;

/** Diagnostics as compilers print them, then one verdict line per input. */
final class HumanReport {
    private HumanReport() {
    }

    static String render(List<FileResult> results) {
        return WRITER.render(results, null);
    }

    /** Each input's diagnostics, then its verdict line. */
    static final ReportWriter WRITER = new ReportWriter() {
        @Override
        public String file(FileResult r) {
            StringBuilder out = new StringBuilder();
            for (Finding f : r.findings()) {
                out.append(f.rendered());
            }
            long e = r.count(io.qbmc.diag.Severity.ERROR);
            long w = r.count(io.qbmc.diag.Severity.WARNING);
            out.append(r.path()).append(": ").append(r.valid() ? "valid" : "invalid");
            if (e + w > 0) {
                out.append(" (").append(e).append(e == 1 ? " error, " : " errors, ").append(w)
                        .append(w == 1 ? " warning)" : " warnings)");
            }
            return out.append('\n').toString();
        }
    };
}
