package io.qbmc.diag;

import io.qbmc.source.Span;

/**
 * One finding: a stable code, where it is, what is wrong and, where useful, how to fix it.
 * The severity is the code's own; a code never changes severity.
 */
public record Diagnostic(Code code, String message, Span span, String hint) {

    public Diagnostic {
        if (span == null) {
            span = Span.NONE;
        }
    }

    public Severity severity() {
        return code.severity();
    }

    public boolean isError() {
        return code.severity() == Severity.ERROR;
    }

    @Override
    public String toString() {
        return span + ": " + severity().word() + "[" + code.id() + "]: " + message
                + (hint == null ? "" : " (hint: " + hint + ")");
    }
}
