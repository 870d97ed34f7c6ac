package io.qbmc.runtime;

/** How a block device is opened. */
public enum Access {
    /** Reads only; opens alongside other readers and a writer, but keeps a replacement of the files out. */
    READ_ONLY,
    /** Reads and writes; one writer at a time, readers may open the stack meanwhile. */
    READ_WRITE
}
