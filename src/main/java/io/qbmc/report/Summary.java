package io.qbmc.report;

import io.qbmc.diag.Severity;
import java.util.List;

/** Counts over a batch, for reports and the summary line. */
public record Summary(int files, int invalid, long errors, long warnings, long notes, long millis) {

    public static Summary of(List<FileResult> results, long millis) {
        Counter c = new Counter();
        results.forEach(c::add);
        return c.summary(millis);
    }

    /** Counts results one at a time, for a batch that does not keep them. */
    public static final class Counter {
        private int files;
        private int invalid;
        private long errors;
        private long warnings;
        private long notes;

        public void add(FileResult r) {
            files++;
            invalid += r.valid() ? 0 : 1;
            for (Finding f : r.findings()) {
                switch (f.severity()) {
                    case ERROR -> errors++;
                    case WARNING -> warnings++;
                    case NOTE -> notes++;
                }
            }
        }

        public Summary summary(long millis) {
            return new Summary(files, invalid, errors, warnings, notes, millis);
        }
    }

    /** The one line on stderr after a batch. */
    public String line() {
        // seconds with two decimals, rounded half up (what %.2f prints), without loading Formatter
        long hundredths = (millis + 5) / 10;
        long cents = hundredths % 100;
        return "qbmc: " + files + (files == 1 ? " input, " : " inputs, ") + invalid + " invalid, " + errors
                + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning" : " warnings")
                + " in " + hundredths / 100 + (cents < 10 ? ".0" : ".") + cents + " s";
    }
}
