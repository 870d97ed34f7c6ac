package io.qbmc.report;

import java.util.List;

/**
 * A report written input by input: what comes before the first input, each input's part in
 * order, and what follows the last. A batch that prints each part as its input is checked keeps
 * no result after it is written, so its memory does not grow with the number of inputs.
 */
public abstract class ReportWriter {
    /** Text before the first input. */
    public String begin() {
        return "";
    }

    /** One input's part of the report. Called in input order. */
    public abstract String file(FileResult r);

    /** Text after the last input. */
    public String end(Summary s) {
        return "";
    }

    /** The whole report at once: the same text as the parts written one after another. */
    public String render(List<FileResult> results, Summary s) {
        StringBuilder out = new StringBuilder(begin());
        for (FileResult r : results) {
            out.append(file(r));
        }
        return out.append(end(s)).toString();
    }
}
