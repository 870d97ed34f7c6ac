package io.qbmc.cli;

import io.qbmc.backup.Progress;
import java.io.PrintWriter;

/** A progress bar on stderr, redrawn at most ten times a second; only when stderr is a terminal. */
final class TerminalProgress implements Progress {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private String what = "";
    private long total;
    private long done;
    private long lastDraw;

    private TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    /** A bar when there is a terminal to draw it on (System.console()), else nothing. */
    static Progress forTerminal(PrintWriter err) {
        return System.console() != null ? new TerminalProgress(err) : Progress.NONE;
    }

    @Override
    public synchronized void start(String what, long total) {
        this.what = what;
        this.total = total;
        this.done = 0;
        draw(true);
    }

    @Override
    public synchronized void advance(long bytes) {
        done += bytes;
        draw(false);
    }

    @Override
    public synchronized void finish() {
        draw(true);
        err.print('\n');
        err.flush();
    }

    private void draw(boolean always) {
        long now = System.nanoTime();
        if (!always && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double f = total == 0 ? 1 : Math.min(1, (double) done / total);
        int filled = (int) Math.round(f * WIDTH);
        err.printf("\r%s [%s%s] %3d%% %.1f/%.1f MiB", what, "#".repeat(filled), " ".repeat(WIDTH - filled),
                Math.round(f * 100), done / 1048576.0, total / 1048576.0);
        err.flush();
    }
}
