package io.qbmc.runtime;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * An immutable list of extents packed in one array: a bitmap of a large image can have millions
 * of dirty runs, and as records they would cost an object each (about three times the memory,
 * and most of a scan's time in allocation).
 */
final class ExtentList extends AbstractList<Extent> implements RandomAccess {
    private final long[] offsetsAndLengths;

    /** Takes the array: offset of extent i at 2i, its length at 2i+1, every length positive. */
    ExtentList(long[] offsetsAndLengths) {
        this.offsetsAndLengths = offsetsAndLengths;
    }

    @Override
    public Extent get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index);
        }
        return new Extent(offsetsAndLengths[2 * index], offsetsAndLengths[2 * index + 1]);
    }

    @Override
    public int size() {
        return offsetsAndLengths.length / 2;
    }
}
