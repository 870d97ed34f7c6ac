package io.qbmc.runtime;

import io.qbmc.diag.Diagnostics;
import io.qbmc.qbm.AtomicFiles;
import io.qbmc.qbm.Descriptor;
import io.qbmc.qbm.DescriptorReader;
import io.qbmc.qbm.DescriptorWriter;
import io.qbmc.source.Source;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The descriptor of an open stack: read through the locked channel (opening it again would drop
 * the lock, see {@link OpenFiles}), and replaced atomically and durably: temporary file, fsync,
 * rename, folder fsync ({@link AtomicFiles}). After each replacement the new file is locked again;
 * the image stays locked throughout, so no second writer can slip in between.
 */
final class DescriptorStore implements Closeable {
    private final Path path;
    private final OpenFiles.Handle handle;

    DescriptorStore(Path path, OpenFiles.Handle handle) {
        this.path = path;
        this.handle = handle;
    }

    Path path() {
        return path;
    }

    Descriptor read() throws IOException {
        FileChannel ch = handle.channel();
        long size = ch.size();
        if (size > io.qbmc.compile.Compiler.DEFAULT_MAX_INPUT) {
            throw new IOException(path + " is too large for a descriptor (" + size + " bytes)");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        while (buf.hasRemaining() && ch.read(buf, buf.position()) >= 0) {
            // read the whole file through the locked channel
        }
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        Diagnostics diags = new Diagnostics();
        DescriptorReader.Located d = DescriptorReader.read(new Source(path.toString(), text, path), diags);
        if (d == null) {
            throw new StackException(diags.sorted());
        }
        return d.descriptor();
    }

    /** Reads, changes and replaces the descriptor; returns what was written. */
    Descriptor update(UnaryOperator<Descriptor> change) throws IOException {
        Descriptor next = change.apply(read());
        AtomicFiles.write(path, DescriptorWriter.write(next).getBytes(StandardCharsets.UTF_8), true);
        handle.reopen();
        return next;
    }

    @Override
    public void close() throws IOException {
        handle.close();
    }
}
