package io.qbmc.runtime;

import io.qbmc.qbm.BitmapLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A dirty bitmap in memory, stored exactly as its file (docs/qbm-spec.md §2): bit n covers image
 * bytes [n*g, (n+1)*g), in byte n/8 at bit n%8 from the least significant bit. Keeping the file's
 * layout means persisting is a plain copy of byte ranges. Not thread-safe; its owner locks.
 */
public final class DirtyBitmap {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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
        int i = 0;
        for (; i + 8 <= bits.length; i += 8) {
            n += Long.bitCount((long) LONGS.get(bits, i));
        }
        for (; i < bits.length; i++) {
            n += Integer.bitCount(bits[i] & 0xff);
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
        long bitCount = BitmapLayout.bits(imageSize, granularity);
        int words = (int) ((bitCount + 63) >>> 6);
        long[] packed = new long[32];
        int n = 0;
        long runStart = -1;
        // 64 bits at a time: a word all clean outside a run or all dirty inside one is skipped
        // whole, and run edges inside a word are found by counting zeros, not by testing bits.
        int fullWords = (int) (bitCount >>> 6);
        for (int w = 0; w < words; w++) {
            long skip = runStart < 0 ? 0L : -1L;
            while (w < fullWords && (long) LONGS.get(bits, w << 3) == skip) {
                w++;
            }
            if (w == words) {
                break;
            }
            long v = word(w, bitCount);
            long base = (long) w << 6;
            int i = 0;
            while (i < 64) {
                long rest = (runStart < 0 ? v : ~v) >>> i;
                if (rest == 0) {
                    break;
                }
                i += Long.numberOfTrailingZeros(rest);
                if (runStart < 0) {
                    runStart = base + i;
                } else {
                    if (n == packed.length) {
                        packed = Arrays.copyOf(packed, 2 * n);
                    }
                    n = put(packed, n, runStart, base + i);
                    runStart = -1;
                }
            }
        }
        if (runStart >= 0) {
            if (n == packed.length) {
                packed = Arrays.copyOf(packed, n + 2);
            }
            n = put(packed, n, runStart, bitCount);
        }
        return new ExtentList(Arrays.copyOf(packed, n));
    }

    private int put(long[] packed, int n, long fromBit, long toBit) {
        long start = fromBit * granularity;
        long end = Math.min(imageSize, toBit * granularity);
        packed[n] = start;
        packed[n + 1] = end - start;
        return n + 2;
    }

    /** Bits [64w, 64w+64) as the file stores them (least significant first), zero from bitCount on. */
    private long word(int w, long bitCount) {
        int from = w << 3;
        long v;
        if (from + 8 <= bits.length) {
            v = (long) LONGS.get(bits, from);
        } else {
            v = 0;
            for (int i = bits.length - 1; i >= from; i--) {
                v = (v << 8) | (bits[i] & 0xffL);
            }
        }
        long valid = bitCount - ((long) w << 6);
        return valid >= 64 ? v : v & ((1L << valid) - 1);
    }


    private void requireSameShape(DirtyBitmap other) {
        if (other.granularity != granularity || other.imageSize != imageSize) {
            throw new IllegalArgumentException("bitmaps of different shape");
        }
    }
}
