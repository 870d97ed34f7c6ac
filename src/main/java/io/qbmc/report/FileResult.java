package io.qbmc.report;

import io.qbmc.diag.Severity;
import java.util.List;

/**
 * The outcome for one validated input.
 *
 * @param path      what the user named: a file path, "<stdin>", or "<input N>" for a spec string
 * @param uri       the path relative to the working folder with '/' separators, for SARIF and CI
 *                  annotations; null for inputs that are not files
 * @param canonical the json: form when valid and expressible as one tree, else null
 */
public record FileResult(String path, String uri, boolean valid, List<Finding> findings, String canonical) {
    public FileResult {
        findings = List.copyOf(findings);
    }

    public long count(Severity s) {
        return findings.stream().filter(f -> f.severity() == s).count();
    }
}
