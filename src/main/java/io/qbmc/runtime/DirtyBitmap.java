package io.qbmc.runtime;

import io.qbmc.qbm.BitmapLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A dirty bitmap in memory, stored exactly as its file (docs/qbm-spec.md §2): bit n covers image
 * bytes [n*g, (n+1)*g), in byte n/8 at bit n%8 from the least significant bit. Keeping the file's
 * layout means persisting is a plain copy of byte ranges. Not thread-safe; its owner locks.
 */
public final class DirtyBitmap {
    private final long imageSize;
    private final long granularity;
    private final byte[] bits;

    private DirtyBitmap(long imageSize, long granularity, byte[] bits) {
        this.imageSize = imageSize;
        this.granularity = granularity;
        this.bits = bits;
    }

    public static DirtyBitmap empty(long imageSize, long granularity) {
        return new DirtyBitmap(imageSize, granularity, new byte[checkedFileSize(imageSize, granularity)]);
    }

    /** A bitmap over the content of its file; the caller has checked the size and tail bits. */
    public static DirtyBitmap of(long imageSize, long granularity, byte[] content) {
        if (content.length != checkedFileSize(imageSize, granularity)) {
            throw new IllegalArgumentException("bitmap of " + content.length + " bytes for " + imageSize + "/"
                    + granularity);
        }
        return new DirtyBitmap(imageSize, granularity, content.clone());
    }

    private static int checkedFileSize(long imageSize, long granularity) {
        long n = BitmapLayout.fileSize(imageSize, granularity);
        if (n > BitmapLayout.MAX_FILE_SIZE) {
            throw new IllegalArgumentException("bitmap larger than " + BitmapLayout.MAX_FILE_SIZE + " bytes");
        }
        return (int) n;
    }

    public long granularity() {
        return granularity;
    }

    public long imageSize() {
        return imageSize;
    }

    /** Size of the bitmap in bytes, the same as its file. */
    public int byteSize() {
        return bits.length;
    }

    public byte byteAt(int index) {
        return bits[index];
    }

    /** A copy of the bitmap's bytes, the content of its file. */
    public byte[] toBytes() {
        return bits.clone();
    }

    public DirtyBitmap copy() {
        return new DirtyBitmap(imageSize, granularity, bits.clone());
    }

    public boolean isDirty(long offset) {
        long bit = offset / granularity;
        return (bits[(int) (bit >>> 3)] & (1 << (bit & 7))) != 0;
    }

    /** The bytes of the bitmap that cover image bytes [offset, offset+length): [first, last] byte index. */
    public Range byteRange(long offset, long length) {
        long firstBit = offset / granularity;
        long lastBit = (offset + length - 1) / granularity;
        return new Range((int) (firstBit >>> 3), (int) (lastBit >>> 3) + 1);
    }

    /** Byte indices [from, to) of the bitmap. */
    public record Range(int from, int to) {
    }

    /** Whether every cluster touching [offset, offset+length) is already dirty. */
    public boolean allDirty(long offset, long length) {
        long firstBit = offset / granularity;
        long lastBit = (offset + length - 1) / granularity;
        for (long b = firstBit; b <= lastBit; b++) {
            if ((bits[(int) (b >>> 3)] & (1 << (b & 7))) == 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Marks every cluster that [offset, offset+length) touches.
     *
     * @return whether any bit changed
     */
    public boolean mark(long offset, long length) {
        if (length <= 0) {
            return false;
        }
        long firstBit = offset / granularity;
        long lastBit = (offset + length - 1) / granularity;
        boolean changed = false;
        long b = firstBit;
        while (b <= lastBit) {
            int index = (int) (b >>> 3);
            int lo = (int) (b & 7);
            int hi = (int) Math.min(7, lo + (lastBit - b));
            int mask = ((0xff << lo) & (0xff >>> (7 - hi))) & 0xff;
            if ((bits[index] & mask) != mask) {
                bits[index] |= (byte) mask;
                changed = true;
            }
            b += hi - lo + 1;
        }
        return changed;
    }

    /** Clears the bits of clusters [firstCluster, lastCluster]. */
    public void unmarkClusters(long firstCluster, long lastCluster) {
        for (long b = firstCluster; b <= lastCluster; b++) {
            bits[(int) (b >>> 3)] &= (byte) ~(1 << (b & 7));
        }
    }

    /** A copy of bytes [from, to) of the bitmap. */
    byte[] bytes(int from, int to) {
        return Arrays.copyOfRange(bits, from, to);
    }

    /** Puts back bytes saved with {@link #bytes}: undoes a mark that could not be made durable. */
    void restore(int from, byte[] saved) {
        System.arraycopy(saved, 0, bits, from, saved.length);
    }

    /** Sets the bits of another bitmap of the same shape here too. */
    public void or(DirtyBitmap other) {
        requireSameShape(other);
        for (int i = 0; i < bits.length; i++) {
            bits[i] |= other.bits[i];
        }
    }

    public void clear() {
        Arrays.fill(bits, (byte) 0);
    }

    /** Number of dirty clusters. */
    public long count() {
        long n = 0;
        for (byte b : bits) {
            n += Integer.bitCount(b & 0xff);
        }
        return n;
    }

    /** Dirty bytes of the image: the dirty clusters, the last one cut at the end of the image. */
    public long dirtyBytes() {
        long n = 0;
        for (Extent e : extents()) {
            n += e.length();
        }
        return n;
    }

    /** The dirty clusters as merged runs of image bytes, the last cut at the end of the image. */
    public List<Extent> extents() {
        List<Extent> out = new ArrayList<>();
        long bitCount = BitmapLayout.bits(imageSize, granularity);
        long runStart = -1;
        long b = 0;
        while (b < bitCount) {
            int index = (int) (b >>> 3);
            if ((b & 7) == 0 && (bits[index] == 0 || bits[index] == (byte) 0xff)) {
                // whole bytes at once: the common case of long clean or dirty stretches
                boolean dirty = bits[index] != 0;
                if (dirty && runStart < 0) {
                    runStart = b;
                } else if (!dirty && runStart >= 0) {
                    out.add(extent(runStart, b));
                    runStart = -1;
                }
                b += 8;
                continue;
            }
            boolean dirty = (bits[index] & (1 << (b & 7))) != 0;
            if (dirty && runStart < 0) {
                runStart = b;
            } else if (!dirty && runStart >= 0) {
                out.add(extent(runStart, b));
                runStart = -1;
            }
            b++;
        }
        if (runStart >= 0) {
            out.add(extent(runStart, Math.min(b, bitCount)));
        }
        return out;
    }

    private Extent extent(long fromBit, long toBit) {
        long start = fromBit * granularity;
        long end = Math.min(imageSize, toBit * granularity);
        return new Extent(start, end - start);
    }

    private void requireSameShape(DirtyBitmap other) {
        if (other.granularity != granularity || other.imageSize != imageSize) {
            throw new IllegalArgumentException("bitmaps of different shape");
        }
    }
}
