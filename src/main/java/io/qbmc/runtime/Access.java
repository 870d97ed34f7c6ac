package io.qbmc.runtime;

/** How a block device is opened. */
public enum Access {
    /** Reads only; shared locks, so other readers may open the stack too. */
    READ_ONLY,
    /** Reads and writes; exclusive locks, so no other process opens the stack meanwhile. */
    READ_WRITE
}
