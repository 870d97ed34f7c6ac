package io.qbmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every command answers --help and --version (and -h, -V) on stdout with exit 0. */
class HelpAndVersionTest {

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"", "translate", "validate", "compile", "explain", "bitmap", "bitmap info", "bitmap extents",
            "io", "backup", "restore"})
    void help(String command) {
        for (String flag : new String[] {"--help", "-h"}) {
            Cli.Run r = command.isEmpty() ? Cli.run(flag) : Cli.run(args(command, flag));
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.out().startsWith("Usage: qbmc" + (command.isEmpty() ? "" : " " + command)), r::toString);
            assertEquals("", r.err());
        }
    }

    @ParameterizedTest(name = "{0} --version")
    @ValueSource(strings = {"", "translate", "validate", "compile", "explain", "bitmap", "bitmap info", "bitmap extents",
            "io", "backup", "restore"})
    void version(String command) {
        for (String flag : new String[] {"--version", "-V"}) {
            Cli.Run r = command.isEmpty() ? Cli.run(flag) : Cli.run(args(command, flag));
            assertEquals(0, r.exit(), r::toString);
            assertTrue(r.out().matches("qbmc \\S.*\n"), r::toString);
            assertEquals("", r.err());
        }
    }

    private static String[] args(String command, String flag) {
        return (command + " " + flag).split(" ");
    }

    @Test
    void helpCommand() {
        Cli.Run r = Cli.run("help", "translate");
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().startsWith("Usage: qbmc translate"), r::toString);
        assertEquals(0, Cli.run("help", "--help").exit());
    }

    @Test
    void mainHelpListsTheExitCodes() {
        String out = Cli.run("--help").out();
        assertTrue(out.contains("Exit codes:\n  0   valid\n  1   invalid input\n  2   usage error\n  3   I/O error\n"), out);
    }
}
