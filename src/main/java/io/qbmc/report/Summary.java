package io.qbmc.report;

import io.qbmc.diag.Severity;
import java.util.List;

/** Counts over a batch, for reports and the summary line. */
public record Summary(int files, int invalid, long errors, long warnings, long notes, long millis) {

    public static Summary of(List<FileResult> results, long millis) {
        int invalid = 0;
        long e = 0;
        long w = 0;
        long n = 0;
        for (FileResult r : results) {
            invalid += r.valid() ? 0 : 1;
            e += r.count(Severity.ERROR);
            w += r.count(Severity.WARNING);
            n += r.count(Severity.NOTE);
        }
        return new Summary(results.size(), invalid, e, w, n, millis);
    }

    /** The one line on stderr after a batch. */
    public String line() {
        return String.format(java.util.Locale.ROOT, "qbmc: %d %s, %d invalid, %d error%s, %d warning%s in %.2f s", files,
                files == 1 ? "input" : "inputs", invalid, errors, errors == 1 ? "" : "s", warnings,
                warnings == 1 ? "" : "s", millis / 1000.0);
    }
}
