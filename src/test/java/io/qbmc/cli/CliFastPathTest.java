package io.qbmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code validate INPUT...} without options runs without picocli (start-up time, B3 in
 * docs/performance.md). It must be the run picocli would have made.
 */
class CliFastPathTest {
    @TempDir
    Path dir;

    @Test
    void theDirectRunHasTheFieldsPicocliGives() {
        String[] args = {"validate", "driver=raw,file.driver=file,file.filename=a", "@x.opts", "some/folder", "json:{}"};
        ValidateCommand direct = ValidateCommand.direct(args);
        assertNotNull(direct);
        ValidateCommand parsed = new ValidateCommand();
        new CommandLine(parsed).parseArgs(Arrays.copyOfRange(args, 1, args.length));
        assertEquals(parsed.inputs, direct.inputs);
        assertEquals(parsed.lines, direct.lines);
        assertEquals(parsed.format, direct.format);
        assertEquals(parsed.output, direct.output);
        assertEquals(parsed.force, direct.force);
        assertEquals(parsed.warningsAsErrors, direct.warningsAsErrors);
        assertEquals(parsed.glob, direct.glob);
        assertEquals(parsed.jobs, direct.jobs);
        assertEquals(parsed.dialect.as, direct.dialect.as);
        assertEquals(parsed.maxInput, direct.maxInput);
        assertEquals(parsed.checkFiles, direct.checkFiles);
    }

    @Test
    void argumentsThatCouldBeOptionsAreLeftToPicocli() {
        for (String[] args : new String[][] {{"validate"}, {"validate", "-"}, {"validate", "x=1", "--format", "json"},
                {"validate", "--", "x"}, {"validate", "-h"}, {"validate", ""}, {"translate", "x=1"}, {"help", "validate"},
                {}}) {
            assertNull(ValidateCommand.direct(args), () -> Arrays.toString(args));
        }
    }

    @Test
    void theDirectRunPrintsWhatThePicocliRunPrints() throws IOException {
        Path spec = dir.resolve("a.opts");
        Files.writeString(spec, "driver=raw,file.driver=file,file.filename=a.raw,bogus=1", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("b.json"), "{\"driver\": \"qcow2\"", StandardCharsets.UTF_8);
        for (String[] inputs : new String[][] {{"driver=raw,file.driver=file,file.filename=a.raw"}, {"@" + spec},
                {dir.toString()}, {"@" + dir.resolve("missing.opts")}, {"x=1", "json:{\"driver\": \"raw\"}"}}) {
            String[] direct = new String[inputs.length + 1];
            direct[0] = "validate";
            System.arraycopy(inputs, 0, direct, 1, inputs.length);
            // an option set to its default value sends the same run through picocli
            String[] viaPicocli = new String[inputs.length + 3];
            viaPicocli[0] = "validate";
            viaPicocli[1] = "--format";
            viaPicocli[2] = "human";
            System.arraycopy(inputs, 0, viaPicocli, 3, inputs.length);
            Cli.Run a = Cli.run(direct);
            Cli.Run b = Cli.run(viaPicocli);
            assertEquals(b.exit(), a.exit(), () -> a + "\n" + b);
            assertEquals(b.out(), a.out());
            assertEquals(withoutTime(b.err()), withoutTime(a.err()));
        }
    }

    private static String withoutTime(String err) {
        return err.replaceAll(" in [0-9]+\\.[0-9]{2} s\n", "\n");
    }
}
