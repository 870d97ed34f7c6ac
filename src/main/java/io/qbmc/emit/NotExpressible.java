package io.qbmc.emit;

/** A graph that an output form cannot hold; the message says what, the hint what to use instead. */
public final class NotExpressible extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String hint;

    public NotExpressible(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }
}
