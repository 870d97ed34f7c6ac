package io.qbmc.runtime;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.source.Span;
import java.util.List;

/**
 * Why a stack cannot be opened or an operation refuses: one or more diagnostics with stable codes,
 * so the CLI prints them like any other and library callers can switch on the code. Unchecked,
 * because it describes a bad input or state, not a transient failure; I/O failures stay
 * IOExceptions.
 */
public final class StackException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Diagnostic> diagnostics;

    public StackException(List<Diagnostic> diagnostics) {
        super(diagnostics.isEmpty() ? "stack refused" : diagnostics.get(0).message());
        this.diagnostics = List.copyOf(diagnostics);
    }

    public StackException(Code code, String message, String hint) {
        this(List.of(new Diagnostic(code, message, Span.NONE, hint)));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** The code of the first diagnostic: what a caller usually switches on. */
    public Code code() {
        return diagnostics.get(0).code();
    }
}
