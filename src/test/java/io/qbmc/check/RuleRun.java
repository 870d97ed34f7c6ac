package io.qbmc.check;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Compiler;
import io.qbmc.compile.Dialect;
import io.qbmc.diag.Diagnostic;
import io.qbmc.diag.Diagnostics;
import io.qbmc.testing.Marked;
import java.util.List;

/** Compiles a marked input, then runs one rule alone on the graph, so a test sees only that rule. */
final class RuleRun {
    private RuleRun() {
    }

    static List<Diagnostic> run(Rule rule, Marked m) {
        return run(rule, m, Dialect.IMAGE_OPTS);
    }

    static List<Diagnostic> run(Rule rule, Marked m, Dialect dialect) {
        CompileResult r = new Compiler(dialect).compile(m.source());
        assertNotNull(r.graph(), () -> "no graph for " + m + ": " + r.diagnostics());
        Diagnostics diags = new Diagnostics();
        rule.check(new CheckContext(r.graph(), r.origins(), false), diags);
        return diags.sorted();
    }
}
