package io.qbmc.options;

/** How a numeric key fragment reads as a list index; QEMU's two parsers disagree. */
public enum ListIndexRule {
    /** The block layer (qdict_array_entries): "01" is not index 1. */
    BLOCK_LAYER,
    /** util/keyval.c: leading zeros allowed, "01" is index 1. */
    KEYVAL
}
