package io.qbmc.runtime;

/** A run of image bytes [offset, offset + length). */
public record Extent(long offset, long length) {
    public Extent {
        if (offset < 0 || length <= 0) {
            throw new IllegalArgumentException("extent " + offset + "+" + length);
        }
    }

    public long end() {
        return offset + length;
    }
}
