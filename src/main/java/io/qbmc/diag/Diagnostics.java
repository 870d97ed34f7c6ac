package io.qbmc.diag;

import io.qbmc.source.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** Collects diagnostics through every stage, so one run reports every problem it can see. */
public final class Diagnostics {
    private final List<Diagnostic> list = new ArrayList<>();

    public void add(Diagnostic d) {
        list.add(d);
    }

    public void report(Code code, Span span, String message) {
        list.add(new Diagnostic(code, message, span, null));
    }

    public void report(Code code, Span span, String message, String hint) {
        list.add(new Diagnostic(code, message, span, hint));
    }

    public void addAll(List<Diagnostic> ds) {
        list.addAll(ds);
    }

    public boolean hasErrors() {
        for (Diagnostic d : list) {
            if (d.isError()) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return list.size();
    }

    /** Stable order: by position, then code; diagnostics without a position last. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(list);
        copy.sort(ORDER);
        return Collections.unmodifiableList(copy);
    }

    public static final Comparator<Diagnostic> ORDER = Comparator
            .comparingInt((Diagnostic d) -> d.span().hasOffsets() ? d.span().start()
                    : d.span().line() > 0 ? Integer.MAX_VALUE / 2 + d.span().line() : Integer.MAX_VALUE)
            .thenComparing(d -> d.code().id());
}
