package io.qbmc.diag;

import java.util.Locale;

public enum Severity {
    ERROR, WARNING, NOTE;

    /** The lower-case word used in every rendering: "error", "warning", "note". */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
