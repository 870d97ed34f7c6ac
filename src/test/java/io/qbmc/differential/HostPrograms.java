package io.qbmc.differential;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The QEMU programs of this machine as the three differential suites (qemu-img, qemu-system,
 * qemu-storage-daemon) use them: found or missed, run without a network, their output read.
 */
public final class HostPrograms {
    private HostPrograms() {
    }

    /** An executable named by an environment variable (a path that does not exist means "none"), else found on the PATH. */
    public static Optional<String> find(String envVariable, String program) {
        String chosen = System.getenv(envVariable);
        if (chosen != null && !chosen.isEmpty()) {
            return Files.isExecutable(Path.of(chosen)) ? Optional.of(chosen) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }

    /**
     * Ends a suite whose program is missing: a skip with a message, or a failure under
     * QBMC_REQUIRE_QEMU=1 (CI), where a suite that silently did not run would prove nothing.
     */
    public static void missing(String why) {
        if ("1".equals(System.getenv("QBMC_REQUIRE_QEMU"))) {
            fail(why + " (QBMC_REQUIRE_QEMU=1)");
        }
        System.out.println("SKIPPED: " + why);
        Assumptions.abort(why);
    }

    /**
     * A prefix that runs a command without network (a fresh network namespace), so network
     * drivers fail fast and nothing leaves the machine; empty when this machine cannot do it,
     * and then network cases are skipped.
     */
    public static List<String> networkIsolation() {
        for (List<String> prefix : List.of(List.of("unshare", "-n"), List.of("unshare", "-rn"))) {
            List<String> cmd = new ArrayList<>(prefix);
            cmd.add("true");
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return prefix;
                }
            } catch (IOException e) {
                // no unshare here
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }

    /**
     * The rest of the line after the last place where prefix stands in a program's error output,
     * or null. QEMU prints where the option it refuses stood before its message
     * (util/error-report.c), and the lines after may add hints that are no part of the message.
     */
    public static String lineAfter(String prefix, String stderr) {
        int at = stderr.lastIndexOf(prefix);
        if (at < 0) {
            return null;
        }
        String rest = stderr.substring(at + prefix.length());
        int nl = rest.indexOf('\n');
        return nl < 0 ? rest : rest.substring(0, nl);
    }

    /** A process that dies mid-read has said all it will: its exit status tells the rest. */
    public static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
