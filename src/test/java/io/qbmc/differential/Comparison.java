package io.qbmc.differential;

import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Compiler;
import io.qbmc.compile.Dialect;
import io.qbmc.diag.Diagnostic;
import io.qbmc.graph.BlockNode;
import io.qbmc.source.Source;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * Puts one spec through qbmc and compares with qemu-img: the verdicts must match, and where
 * qemu-img printed a canonical name, qbmc's graph must say the same.
 */
final class Comparison {
    /** bs->filename is char[PATH_MAX]; a longer json: name is cut to 4092 bytes plus "...". */
    static final int QEMU_NAME_LIMIT = 4095;

    /** How the printed names were checked, for the summary. */
    enum NameCheck {
        NONE, PLAIN, JSON, TRUNCATED
    }

    /** The outcome for one spec: a divergence (or null), and how its name was checked. */
    record Result(Spec spec, QemuOutcome qemu, boolean qbmcValid, NameCheck names, Divergence divergence) {
    }

    private final Workspace ws;

    Comparison(Workspace ws) {
        this.ws = ws;
    }

    private static CompileResult compile(String text) {
        return new Compiler(Dialect.IMAGE_OPTS).compile(Source.of(text));
    }

    Result compare(Spec spec, QemuOutcome qemu) {
        CompileResult mine = compile(spec.text());
        boolean valid = mine.valid();
        if (valid != qemu.verdict().accepted()) {
            return new Result(spec, qemu, valid, NameCheck.NONE,
                    new Divergence(spec, Divergence.Kind.VERDICT, qemu.describe(), describe(mine)));
        }
        if (qemu.verdict() != Verdict.ACCEPTED) {
            return new Result(spec, qemu, valid, NameCheck.NONE, null);
        }
        BlockNode root = mine.graph().nodes().get(0);
        Canonical expected = Canonical.expected(root, ws);
        String plain = expected.plainName();
        String printed = qemu.name();
        if (printed.equals(plain)) {
            return new Result(spec, qemu, true, NameCheck.PLAIN, null);
        }
        String problem;
        NameCheck check = NameCheck.JSON;
        if (!printed.startsWith("json:")) {
            problem = "qbmc's graph " + (plain == null ? "needs a json: name: " + expected : "has the plain name " + plain);
        } else if (printed.getBytes(StandardCharsets.UTF_8).length >= QEMU_NAME_LIMIT && printed.endsWith("...")) {
            // QEMU cut its own name: only its length can be checked
            check = NameCheck.TRUNCATED;
            problem = plain == null ? null : "qbmc's graph has the plain name " + plain;
        } else {
            // QEMU chose json:, so compare graphs; a plain name predicted here is only this test's
            // reading of bdrv_refresh_filename (QEMU also goes json: for "size": null, which
            // counts as given but means nothing)
            CompileResult back = compile(printed);
            if (!back.valid()) {
                problem = "qbmc refuses QEMU's canonical name: " + errors(back);
            } else {
                Canonical actual = Canonical.printed(back.graph().nodes().get(0), ws);
                problem = actual.equals(expected) ? null
                        : "graphs differ:\n      QEMU's name read by qbmc: " + actual + "\n      qbmc's projection:        "
                                + expected;
            }
        }
        Divergence d = problem == null ? null
                : new Divergence(spec, Divergence.Kind.GRAPH, "image: " + printed, problem);
        return new Result(spec, qemu, true, check, d);
    }

    private static String describe(CompileResult r) {
        return r.valid() ? "valid" : "invalid: " + errors(r);
    }

    private static String errors(CompileResult r) {
        return r.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::message)
                .collect(Collectors.joining(" | "));
    }
}
