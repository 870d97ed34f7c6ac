package io.qbmc.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The few fields of a qcow2 header that --check-files reads (docs/interop/qcow2.txt). */
final class Qcow2Header {
    private static final int MAGIC = 0x514649fb;

    private Qcow2Header() {
    }

    /** The backing file name stored in the header, or null when there is none or it is not qcow2. */
    static String backingFileName(Path image) throws IOException {
        try (FileChannel ch = FileChannel.open(image, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(20);
            ch.read(h, 0);
            if (h.position() < 20 || h.getInt(0) != MAGIC) {
                return null;
            }
            long offset = h.getLong(8);
            int size = h.getInt(16);
            if (offset == 0 || size <= 0 || size > 1023) {
                return null;
            }
            ByteBuffer name = ByteBuffer.allocate(size);
            ch.read(name, offset);
            return new String(name.array(), 0, name.position(), StandardCharsets.UTF_8);
        }
    }
}
