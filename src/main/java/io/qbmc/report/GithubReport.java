package io.qbmc.report;

import io.qbmc.diag.Severity;
import java.util.List;

/**
 * GitHub Actions workflow commands, one per diagnostic:
 * ::error file=F,line=L,col=C,endColumn=E,title=CODE::message
 * Values are escaped as actions/toolkit does: % CR LF in messages, also : and , in properties.
 */
final class GithubReport {
    private GithubReport() {
    }

    static String render(List<FileResult> results) {
        return WRITER.render(results, null);
    }

    /** One command per diagnostic of an input. */
    static final ReportWriter WRITER = new ReportWriter() {
        @Override
        public String file(FileResult r) {
            StringBuilder out = new StringBuilder();
            for (Finding f : r.findings()) {
                out.append("::").append(command(f.severity()));
                StringBuilder props = new StringBuilder();
                String uri = f.uri(r);
                if (uri != null) {
                    props.append("file=").append(property(path(uri)));
                    if (f.line() > 0) {
                        props.append(",line=").append(f.line());
                    }
                    if (f.column() > 0) {
                        props.append(",col=").append(f.column());
                        if (f.endLine() == f.line() && f.endColumn() > f.column()) {
                            props.append(",endColumn=").append(f.endColumn() - 1);
                        }
                    }
                    props.append(',');
                }
                props.append("title=").append(property(f.code().id()));
                out.append(' ').append(props).append("::")
                        .append(data(f.message() + (f.keyPath() == null ? "" : " (at key: " + f.keyPath() + ")")
                                + (f.hint() == null ? "" : " (hint: " + f.hint() + ")")
                                + (uri == null ? " [" + f.path(r) + "]" : "")))
                        .append('\n');
            }
            return out.toString();
        }
    };

    private static String command(Severity s) {
        return s == Severity.ERROR ? "error" : s == Severity.WARNING ? "warning" : "notice";
    }

    /** Also escapes control characters as the human output does: a log shows them as text. */
    static String data(String s) {
        return HumanRenderer.controls(s).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }

    /**
     * GitHub wants a path: the repository-relative one for files in the working folder, as SARIF
     * has it, else the file's own absolute path, not the file: URI SARIF uses for those.
     */
    static String path(String uri) {
        if (!uri.startsWith("file:")) {
            return uri;
        }
        try {
            return java.nio.file.Path.of(java.net.URI.create(uri)).toString();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return uri;
        }
    }
}
