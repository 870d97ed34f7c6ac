package io.qbmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Arguments validate refuses as usage errors, and the report file it does not validate. */
class ValidateArgumentsTest {
    private static final String VALID = "driver=raw,file.driver=file,file.filename=a.raw";

    @TempDir
    Path dir;

    @Test
    void aGlobThatIsNotAGlobIsAUsageError() throws IOException {
        Files.writeString(dir.resolve("a.opts"), VALID + "\n");
        for (String glob : new String[] {"[", "\\", "{a"}) {
            Cli.Run r = Cli.run("validate", dir.toString(), "--glob", glob);
            assertEquals(Main.USAGE, r.exit(), r::toString);
            assertTrue(r.err().contains("--glob '" + glob + "' is not a valid glob"), r::toString);
            assertFalse(r.err().contains("PatternSyntaxException"), r::toString);
        }
    }

    @Test
    void maxInputSizeMustBePositive() {
        for (String n : new String[] {"-5", "0"}) {
            Cli.Run r = Cli.run("validate", "--max-input-size", n, VALID);
            assertEquals(Main.USAGE, r.exit(), r::toString);
            assertTrue(r.err().contains("--max-input-size must be a positive number"), r::toString);
        }
    }

    @Test
    void theReportWrittenIsNotValidatedByTheNextRun() throws IOException {
        Files.writeString(dir.resolve("a.opts"), VALID + "\n");
        Path report = dir.resolve("report.json");
        for (int run = 0; run < 2; run++) {
            Cli.Run r = Cli.run("validate", dir.toString(), "--format", "json", "--output", report.toString(), "--force");
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.err().contains("1 input,"), r::toString);
            assertFalse(Files.readString(report).contains("report.json"), r::toString);
        }
    }
}
