package io.qbmc.report;

import java.util.List;

/** The formats validate writes (--format). */
public enum ReportFormat {
    HUMAN("human"), JSON("json"), SARIF("sarif"), JUNIT("junit"), GITHUB("github");

    private final String word;

    ReportFormat(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static ReportFormat of(String word) {
        for (ReportFormat f : values()) {
            if (f.word.equals(word)) {
                return f;
            }
        }
        return null;
    }

    /**
     * A writer that writes the report input by input, or null for the formats whose header
     * needs the whole batch first (SARIF, JUnit).
     */
    public ReportWriter writer() {
        switch (this) {
            case HUMAN:
                return HumanReport.WRITER;
            case GITHUB:
                return GithubReport.WRITER;
            case JSON:
                return JsonReport.writer();
            default:
                return null;
        }
    }

    /** The whole report. */
    public String render(List<FileResult> results, Summary summary, boolean warningsAsErrors) {
        switch (this) {
            case JSON:
                return JsonReport.render(results, summary);
            case SARIF:
                return SarifReport.render(results);
            case JUNIT:
                return JunitReport.render(results, summary, warningsAsErrors);
            case GITHUB:
                return GithubReport.render(results);
            default:
                return HumanReport.render(results);
        }
    }
}
