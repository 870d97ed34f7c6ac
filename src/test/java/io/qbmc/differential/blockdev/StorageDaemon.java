package io.qbmc.differential.blockdev;

import io.qbmc.differential.HostPrograms;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs qemu-storage-daemon on a -blockdev set (docs: /work/shared/reference/qemu-oracle.md):
 * every --object and --blockdev in order, then a QMP monitor on stdin that gets
 * qmp_capabilities and quit, so the daemon exits at once: 0 when it created every object and
 * node, 1 with "qemu-storage-daemon: --blockdev ARG: MESSAGE" on stderr at the first it could
 * not (storage-daemon/qemu-storage-daemon.c process_options, &amp;error_fatal).
 */
final class StorageDaemon {
    static final long TIMEOUT_SECONDS = 20;
    private static final byte[] QMP = "{\"execute\":\"qmp_capabilities\"}\n{\"execute\":\"quit\"}\n"
            .getBytes(StandardCharsets.UTF_8);

    /** What qemu-storage-daemon made of one set. */
    record Outcome(int exitCode, String error, Verdict verdict) {
        enum Verdict {
            ACCEPTED, REJECTED, UNDECIDED
        }

        String describe() {
            return verdict == Verdict.ACCEPTED ? "accepted"
                    : verdict.name().toLowerCase(java.util.Locale.ROOT) + " (exit " + exitCode + "): " + error;
        }
    }

    private final String binary;
    private final BlockdevWorkspace workspace;

    StorageDaemon(String binary, BlockdevWorkspace workspace) {
        this.binary = binary;
        this.workspace = workspace;
    }

    Outcome run(BlockdevSet set) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary);
        for (BlockdevSet.Arg a : set.args()) {
            cmd.add(a.flag());
            cmd.add(a.text());
        }
        cmd.addAll(List.of("--chardev", "stdio,id=m", "--monitor", "m"));
        Process p = new ProcessBuilder(cmd).directory(workspace.dir().toFile()).start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> HostPrograms.readAll(p.getErrorStream()));
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> HostPrograms.readAll(p.getInputStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(QMP);
        } catch (IOException e) {
            // the daemon refused the set and exited before reading its monitor
        }
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            return new Outcome(-1, "timed out after " + TIMEOUT_SECONDS + "s", Outcome.Verdict.UNDECIDED);
        }
        out.join();
        String stderr = new String(err.join(), StandardCharsets.UTF_8);
        int exit = p.exitValue();
        if (exit == 0) {
            return new Outcome(0, null, Outcome.Verdict.ACCEPTED);
        }
        String reason = reason(set, stderr);
        return new Outcome(exit, reason, exit == 1 ? Outcome.Verdict.REJECTED : Outcome.Verdict.UNDECIDED);
    }

    /** The message after "qemu-storage-daemon: --flag ARG: " (util/error-report.c prints the option's location). */
    static String reason(BlockdevSet set, String stderr) {
        for (BlockdevSet.Arg a : set.args()) {
            String message = HostPrograms.lineAfter("qemu-storage-daemon: " + a.flag() + " " + a.text() + ": ", stderr);
            if (message != null) {
                return message;
            }
        }
        return stderr.strip();
    }
}
