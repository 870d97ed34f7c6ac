package io.qbmc.check;

import io.qbmc.diag.Diagnostics;

/** One independent check over a compiled graph. Rules never stop each other: all run, all report. */
public interface Rule {
    void check(CheckContext context, Diagnostics diags);
}
