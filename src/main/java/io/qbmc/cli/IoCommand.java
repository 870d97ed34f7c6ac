package io.qbmc.cli;

import io.qbmc.bind.QemuNumbers;
import io.qbmc.diag.Code;
import io.qbmc.runtime.Access;
import io.qbmc.runtime.BlockDevice;
import io.qbmc.runtime.StackException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** qbmc io: qemu-io's read and write through the stack, so people and tests can drive it. */
@Command(name = "io", mixinStandardHelpOptions = true, versionProvider = Version.class,
        customSynopsis = {"qbmc io STACK write [-P PATTERN] OFFSET LENGTH [--abort]",
                "       qbmc io STACK read [-P PATTERN] OFFSET LENGTH [-U]"},
        description = {"Write or read through the qbm filter, in the spirit of qemu-io. write fills LENGTH bytes at"
                + " OFFSET with the byte PATTERN (default 0xcd) and marks them dirty in every enabled bitmap; read -P"
                + " checks that every byte read is PATTERN. OFFSET and LENGTH take the suffixes k, M, G.",
                "--abort ends the process after the write without closing the stack, as if it were killed: bitmaps of"
                        + " a deferred stack stay in use, and so inconsistent."})
final class IoCommand extends RuntimeCommand {
    private static final int CHUNK = 1 << 20;

    @Parameters(index = "0", paramLabel = "STACK", description = "The stack: disk.qbm, @path or a spec.")
    String stack;

    @Parameters(index = "1", paramLabel = "COMMAND", description = "write or read.")
    String command;

    @Parameters(index = "2", paramLabel = "OFFSET", description = "Byte offset in the image.")
    String offset;

    @Parameters(index = "3", paramLabel = "LENGTH", description = "Number of bytes.")
    String length;

    @Option(names = "-P", paramLabel = "PATTERN",
            description = "The byte to write (default 0xcd), or to expect when reading.")
    String pattern;

    @Option(names = {"-U", "--force-share"}, description = "read: without locks while another process writes.")
    boolean forceShare;

    @Option(names = "--abort", description = "write: exit without closing the stack, as if killed (exit status 137).")
    boolean abort;

    @Override
    protected int run(PrintWriter out, PrintWriter err) throws IOException {
        boolean write = command.equals("write");
        if (!write && !command.equals("read")) {
            throw usage("Unknown command '" + command + "': use write or read");
        }
        if (abort && !write) {
            throw usage("--abort applies to write");
        }
        if (forceShare && write) {
            throw usage("-U applies to read: a writer always takes its locks");
        }
        long off = size(offset, "offset");
        long len = size(length, "length");
        Integer p = null; // read without -P checks nothing
        if (pattern != null) {
            p = pattern(pattern);
        } else if (write) {
            p = 0xcd; // qemu-io's default pattern
        }
        BlockDevice dev = BlockDevice.open(stack(stack), write ? Access.READ_WRITE : Access.READ_ONLY, forceShare);
        try {
            if (off > dev.size() || len > dev.size() - off) {
                throw new StackException(Code.OUT_OF_BOUNDS, "Request [" + off + ", " + (off + len)
                        + ") lies beyond the end of the image (" + dev.size() + " bytes)", null);
            }
            if (write) {
                write(dev, off, len, p);
                out.println("wrote " + len + "/" + len + " bytes at offset " + off);
                if (abort) {
                    out.flush();
                    err.println("qbmc: aborting without closing the stack, as if killed");
                    err.flush();
                    Runtime.getRuntime().halt(137);
                }
            } else {
                read(dev, off, len, p);
                out.println("read " + len + "/" + len + " bytes at offset " + off);
            }
        } finally {
            dev.close();
        }
        return Main.OK;
    }

    private static void write(BlockDevice dev, long off, long len, int p) throws IOException {
        byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(1, len))];
        Arrays.fill(buf, (byte) p);
        for (long done = 0; done < len;) {
            int n = (int) Math.min(buf.length, len - done);
            dev.write(off + done, ByteBuffer.wrap(buf, 0, n));
            done += n;
        }
    }

    private static void read(BlockDevice dev, long off, long len, Integer p) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(1, len)));
        for (long done = 0; done < len;) {
            buf.clear().limit((int) Math.min(buf.capacity(), len - done));
            dev.read(off + done, buf);
            if (p != null) {
                for (int i = 0; i < buf.limit(); i++) {
                    if (buf.get(i) != (byte) (int) p) {
                        throw new StackException(Code.PATTERN_MISMATCH, "Pattern verification failed at offset "
                                + (off + done + i) + ", " + len + " bytes: found 0x"
                                + String.format("%02x", buf.get(i) & 0xff) + ", expected 0x" + String.format("%02x", p),
                                null);
                    }
                }
            }
            done += buf.limit();
        }
    }

    private long size(String s, String what) {
        QemuNumbers.Result r = QemuNumbers.size(s);
        if (!r.ok() || r.bits() < 0) {
            throw usage("Invalid " + what + " '" + s + "': give a number of bytes, optionally with k, M, G");
        }
        return r.bits();
    }

    private int pattern(String s) {
        QemuNumbers.Result r = QemuNumbers.number(s);
        if (!r.ok() || r.bits() < 0 || r.bits() > 255) {
            throw usage("Invalid pattern '" + s + "': give a byte, 0 to 255 (or 0x00 to 0xff)");
        }
        return (int) r.bits();
    }
}
