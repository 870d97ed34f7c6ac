package io.qbmc.runtime;

import io.qbmc.diag.Code;
import io.qbmc.qbm.BitmapLayout;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A bitmap file opened for the life of a device: read whole at open, then written in place, one
 * byte range at a time. Writes are in place rather than atomic replacements because they only
 * ever set bits (or, after a durable backup, clear bits whose data is safe), so a torn write still
 * leaves a superset of the writes that reached the image.
 */
final class BitmapFile implements Closeable {
    private final Path path;
    private final FileChannel channel;

    private BitmapFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    static BitmapFile open(Path path, boolean write) throws IOException {
        FileChannel ch = write ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(path, StandardOpenOption.READ);
        return new BitmapFile(path, ch);
    }

    Path path() {
        return path;
    }

    /** The whole file as a bitmap, after checking its size and that no bit lies past the image. */
    DirtyBitmap load(long imageSize, long granularity) throws IOException {
        long expected = BitmapLayout.fileSize(imageSize, granularity);
        long actual = channel.size();
        if (actual != expected) {
            throw new StackException(Code.FILE_MISMATCH, "Bitmap file '" + path + "' has " + actual
                    + " bytes; an image of " + imageSize + " bytes at granularity " + granularity + " needs "
                    + expected, "recreate it (qbmc bitmap --remove, then --add)");
        }
        byte[] content = new byte[(int) expected];
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
            if (channel.read(buf, buf.position()) < 0) {
                throw new IOException(path + " shrank while being read");
            }
        }
        int mask = BitmapLayout.tailMask(imageSize, granularity);
        if (mask != 0 && content.length > 0 && (content[content.length - 1] & mask) != 0) {
            throw new StackException(Code.FILE_MISMATCH, "Bitmap file '" + path
                    + "' has bits set past the end of the image", "the file is corrupt; recreate it");
        }
        return DirtyBitmap.of(imageSize, granularity, content);
    }

    /** Writes data at a byte offset of the file. */
    void writeAt(long offset, byte[] data) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(data);
        long at = offset;
        while (buf.hasRemaining()) {
            at += channel.write(buf, at);
        }
    }

    /**
     * fdatasync: enough, since the file's size never changes and only the data (and the blocks
     * allocated for it in a sparse file, which fdatasync covers) must reach the disk.
     */
    void force() throws IOException {
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
