package io.qbmc.cli;

import io.qbmc.runtime.Access;
import io.qbmc.runtime.BlockDevice;
import io.qbmc.runtime.PatternIo;
import java.io.IOException;
import java.io.PrintWriter;
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

    @Option(names = {"-U", "--force-share"}, description = "read: take no locks at all (readers need none to read beside a writer).")
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
            throw misuse("-U (--force-share) applies to read only: a writer always takes its locks",
                    "drop -U to write: qbmc io STACK write [-P PATTERN] OFFSET LENGTH");
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
            if (write) {
                PatternIo.fill(dev, off, len, p);
                out.println("wrote " + len + "/" + len + " bytes at offset " + off);
                if (abort) {
                    out.flush();
                    err.println("qbmc: aborting without closing the stack, as if killed");
                    err.flush();
                    Runtime.getRuntime().halt(137);
                }
            } else {
                PatternIo.verify(dev, off, len, p);
                out.println("read " + len + "/" + len + " bytes at offset " + off);
            }
        } finally {
            dev.close();
        }
        return Main.OK;
    }

    private long size(String s, String what) {
        long v = SizeArg.parse(s);
        if (v < 0) {
            throw usage("Invalid " + what + " '" + s + "': give a number of bytes, optionally with k, M, G");
        }
        return v;
    }

    private int pattern(String s) {
        int v = -1;
        if (s.matches("[0-9]{1,3}")) {
            v = Integer.parseInt(s);
        } else if (s.matches("0[xX][0-9a-fA-F]{1,2}")) {
            v = Integer.parseInt(s.substring(2), 16);
        }
        if (v < 0 || v > 255) {
            throw usage("Invalid pattern '" + s + "': give a byte, 0 to 255 (or 0x00 to 0xff)");
        }
        return v;
    }
}
