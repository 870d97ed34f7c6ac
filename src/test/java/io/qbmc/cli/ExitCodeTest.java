package io.qbmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 0 valid, 1 invalid input, 2 usage error, 3 I/O error. */
class ExitCodeTest {
    private static final String VALID = "driver=raw,file.driver=file,file.filename=a.raw";
    private static final String INVALID = "driver=raw,file.driver=file,file.filename=a.raw,bogus=1";

    @TempDir
    Path dir;

    @Test
    void validIsZero() {
        Cli.Run r = Cli.run("validate", VALID);
        assertEquals(0, r.exit(), r::toString);
        assertEquals("<input>: valid\n", r.out());
    }

    @Test
    void warningsAloneAreStillValid() {
        Cli.Run r = Cli.run("validate", VALID + ",read-only");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().endsWith("<input>: valid (0 errors, 1 warning)\n"), r::toString);
    }

    @Test
    void invalidIsOne() {
        Cli.Run r = Cli.run("validate", INVALID);
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().startsWith("<input>:1:49: error[QBMC-E012]: Block format 'raw' does not support the option 'bogus'\n"),
                r::toString);
        assertTrue(r.out().endsWith("<input>: invalid (1 error, 0 warnings)\n"), r::toString);
    }

    @Test
    void anyInvalidInputMakesOne() {
        assertEquals(1, Cli.run("validate", VALID, INVALID).exit());
    }

    @Test
    void translateValidIsZeroWithTheResultOnStdout() {
        Cli.Run r = Cli.run("translate", VALID);
        assertEquals(0, r.exit(), r::toString);
        assertEquals("json:{\"driver\": \"raw\", \"file\": {\"driver\": \"file\", \"filename\": \"a.raw\"}}\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void translateInvalidIsOneWithDiagnosticsOnStderr() {
        Cli.Run r = Cli.run("translate", INVALID);
        assertEquals(1, r.exit(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("<input>:1:49: error[QBMC-E012]:"), r::toString);
    }

    @Test
    void translateOfASetToOneTreeIsOne() {
        Cli.Run r = Cli.run("translate", "--as", "blockdev", "--to", "json",
                "driver=file,node-name=f,filename=a.raw\ndriver=file,node-name=g,filename=b.raw");
        assertEquals(1, r.exit(), r::toString);
        assertEquals("error[QBMC-E041]: The graph has 2 top nodes; json can hold one tree\n"
                + "  = hint: use --to blockdev for a set of nodes\n", r.err());
    }

    @Test
    void usageErrorsAreTwo() {
        assertEquals(2, Cli.run().exit());
        assertEquals(2, Cli.run("bogus").exit());
        assertEquals(2, Cli.run("validate").exit());
        assertEquals(2, Cli.run("validate", "--format", "xml", VALID).exit());
        assertEquals(2, Cli.run("validate", "--as", "qmp", VALID).exit());
        assertEquals(2, Cli.run("translate", "--to", "xml", VALID).exit());
        assertEquals(2, Cli.run("translate").exit());
        assertEquals(2, Cli.run("translate", VALID, VALID).exit());
        assertEquals(2, Cli.run("validate", "--lines", dir.resolve("x").toString(), VALID).exit());
    }

    @Test
    void usageErrorExplainsItself() {
        Cli.Run r = Cli.run("translate", "--to", "xml", VALID);
        assertTrue(r.err().startsWith("Invalid value for option '--to': 'xml' is not a form; use json, dotted, blockdev,"
                + " tree, hocon or qbm\n"),
                r::toString);
    }

    @Test
    void missingFileIsThree() {
        String missing = dir.resolve("missing.txt").toString();
        Cli.Run r = Cli.run("validate", "@" + missing);
        assertEquals(3, r.exit(), r::toString);
        assertTrue(r.err().startsWith("qbmc: cannot read @" + missing + ": no such file\n"), r::toString);
        assertEquals(3, Cli.run("translate", "@" + missing).exit());
        assertEquals(3, Cli.run("validate", "--lines", missing).exit());
    }

    @Test
    void directoryIsThree() {
        Cli.Run r = Cli.run("validate", "--lines", dir.toString());
        assertEquals(3, r.exit(), r::toString);
        assertFalse(r.err().contains("Exception"), r::toString);
    }

    @Test
    void specFromAFile() throws IOException {
        Path spec = dir.resolve("spec.txt");
        // a trailing newline is not part of the spec; a newline inside a dotted string would be part of a key
        Files.writeString(spec, "\n  driver=raw,file.driver=file,file.filename=a.raw,bogus=1\n", StandardCharsets.UTF_8);
        Cli.Run r = Cli.run("validate", "@" + spec);
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().startsWith(spec + ":2:51: error[QBMC-E012]: Block format 'raw' does not support the option 'bogus'\n"),
                r::toString);
    }

    @Test
    void specFromStdin() {
        Cli.Run r = Cli.runWithStdin(VALID + "\n", "translate", "-");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().startsWith("json:{"), r::toString);
    }

    /** Bytes that are not UTF-8 are an invalid input, not an I/O error, from a file or from stdin alike. */
    @Test
    void notUtf8IsInvalidInput() throws IOException {
        Path spec = dir.resolve("latin1.txt");
        byte[] latin1 = {'d', '=', (byte) 0xE9, (byte) 0xFF};
        Files.write(spec, latin1);
        Cli.Run r = Cli.run("validate", "@" + spec);
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().contains("error[QBMC-E050]: Input is not UTF-8 text: byte 2 "), r::toString);
        assertFalse(r.err().contains("cannot read"), r::toString);
        Cli.Run t = Cli.run("translate", "@" + spec);
        assertEquals(1, t.exit(), t::toString);
        assertTrue(t.err().startsWith(spec + ": error[QBMC-E050]: Input is not UTF-8 text: byte 2 "), t::toString);
        Cli.Run in = Cli.runWithStdinBytes(latin1, "validate", "-");
        assertEquals(1, in.exit(), in::toString);
    }

    /** A file far over the limit is refused by its size, before it is read. */
    @Test
    void hugeFileIsRefusedBeforeItIsRead() throws IOException {
        Path big = dir.resolve("big.opts");
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(big,
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {'x'}), (3L << 30) - 1); // 3 GiB, sparse
        }
        Cli.Run r = Cli.run("validate", big.toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().contains("error[QBMC-E034]: Input is 3221225472 bytes; the limit is 16777216 characters"),
                r::toString);
        Cli.Run t = Cli.run("translate", "@" + big);
        assertEquals(1, t.exit(), t::toString);
        assertTrue(t.err().contains("error[QBMC-E034]"), t::toString);
    }

    /** "" is an empty spec, not the working folder, which Path.of("") names. */
    @Test
    void anEmptyArgumentIsAnEmptySpec() {
        Cli.Run r = Cli.run("validate", "");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().contains("error[QBMC-E042]"), r::toString);
    }

    @Test
    void aFolderWithNothingToValidateIsAUsageError() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Cli.Run r = Cli.run("validate", empty.toString());
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("qbmc: nothing to validate"), r::toString);
        Files.writeString(empty.resolve("a.opts"), VALID);
        Cli.Run typo = Cli.run("validate", "--glob", "*.otps", empty.toString());
        assertEquals(2, typo.exit(), typo::toString);
        assertTrue(typo.err().contains("no file matching --glob *.otps"), typo::toString);
    }

    /** Two stars and a slash match files at the top of the folder too, as in shells and CI tools. */
    @Test
    void aDoubleStarGlobMatchesTheTopFolder() throws IOException {
        Path top = Files.createDirectories(dir.resolve("top"));
        Files.writeString(top.resolve("a.opts"), VALID);
        Files.createDirectories(top.resolve("sub"));
        Files.writeString(top.resolve("sub/b.opts"), VALID);
        Cli.Run r = Cli.run("validate", "--glob", "**/*.opts", top.toString());
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.err().contains("2 inputs"), r::toString);
    }

    /** An image given by mistake: a diagnostic, not its bytes echoed back in a message. */
    @Test
    void binaryDataIsRefused() throws IOException {
        Path img = dir.resolve("disk.raw");
        Files.write(img, new byte[1 << 20]);
        Cli.Run r = Cli.run("validate", img.toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().contains("error[QBMC-E050]: Input holds a NUL character at offset 0"), r::toString);
        assertTrue(r.out().length() < 1000, "no megabyte of NULs in the report");
    }
}
