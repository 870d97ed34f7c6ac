package io.qbmc.backup;

/** Bytes copied so far, for a progress bar. */
public interface Progress {
    /** Shows nothing. */
    Progress NONE = new Progress() {
        @Override
        public void start(String what, long total) {
        }

        @Override
        public void advance(long bytes) {
        }

        @Override
        public void finish() {
        }
    };

    void start(String what, long total);

    void advance(long bytes);

    void finish();
}
