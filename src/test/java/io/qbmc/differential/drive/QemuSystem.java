package io.qbmc.differential.drive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qbmc.differential.HostPrograms;
import io.qbmc.differential.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs qemu-system-x86_64 on one -drive string: no machine (-M none), no default devices, paused
 * (-S), with a QMP monitor on stdin that asks query-block and quits. Exit 0 means the drive was
 * created; exit 1 comes with one error line "PROGRAM: -drive TEXT: MESSAGE".
 */
final class QemuSystem {
    /** Generous: a run takes tens of milliseconds; network drives fail at once without a network. */
    static final long TIMEOUT_SECONDS = 20;

    private static final String QMP = "{\"execute\":\"qmp_capabilities\"}\n{\"execute\":\"query-block\"}\n"
            + "{\"execute\":\"quit\"}\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String binary;
    private final List<String> isolate;
    private final Path dir;

    private QemuSystem(String binary, List<String> isolate, Path dir) {
        this.binary = binary;
        this.isolate = isolate;
        this.dir = dir;
    }

    static QemuSystem in(String binary, Path dir) {
        return new QemuSystem(binary, HostPrograms.networkIsolation(), dir);
    }

    /** QBMC_QEMU_SYSTEM if set (a path that does not exist means "none"), else qemu-system-x86_64 on the PATH. */
    static Optional<String> find() {
        return HostPrograms.find("QBMC_QEMU_SYSTEM", "qemu-system-x86_64");
    }

    /** QBMC_QEMU_IMG if set, else qemu-img on the PATH: it makes the qcow2 image of the workspace. */
    static Optional<String> findQemuImg() {
        return HostPrograms.find("QBMC_QEMU_IMG", "qemu-img");
    }

    boolean canIsolate() {
        return !isolate.isEmpty();
    }

    DriveOutcome run(DriveSpec spec) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(isolate);
        cmd.addAll(List.of(binary, "-M", "none", "-nodefaults", "-display", "none", "-S", "-qmp", "stdio", "-drive",
                spec.text()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        // snapshot=on puts its temporary overlay in TMPDIR: keep it in the workspace
        pb.environment().put("TMPDIR", dir.toString());
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(QMP.getBytes(StandardCharsets.UTF_8));
        } catch (IOException exitedAlready) {
            // QEMU refused the -drive before it read its monitor: the exit status tells
        }
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> HostPrograms.readAll(p.getErrorStream()));
        byte[] out = HostPrograms.readAll(p.getInputStream());
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new DriveOutcome(-1, "timed out after " + TIMEOUT_SECONDS + "s", null, null, null, null,
                    Verdict.UNDECIDED);
        }
        String stderr = new String(err.join(), StandardCharsets.UTF_8);
        int exit = p.exitValue();
        if (exit == 0) {
            return accepted(new String(out, StandardCharsets.UTF_8));
        }
        String reason = reason(spec.text(), stderr);
        if (exit != 1) {
            return new DriveOutcome(exit, reason, null, null, null, null, Verdict.UNDECIDED);
        }
        return new DriveOutcome(exit, reason, null, null, null, null,
                Verdict.ofFailure(spec.network(), reason, Verdict.NETWORK_UNREACHABLE));
    }

    /** The drive's entry in the query-block answer (the one QMP reply that is a list). */
    private static DriveOutcome accepted(String stdout) throws IOException {
        for (String line : stdout.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode reply = JSON.readTree(line);
            JsonNode ret = reply.get("return");
            if (ret == null || !ret.isArray()) {
                continue;
            }
            if (ret.size() != 1) {
                break;
            }
            JsonNode inserted = ret.get(0).get("inserted");
            if (inserted == null) {
                return new DriveOutcome(0, null, null, null, null, null, Verdict.ACCEPTED);
            }
            JsonNode cache = inserted.get("cache");
            String flags = cache.get("direct").asBoolean() + "/" + cache.get("no-flush").asBoolean() + "/"
                    + cache.get("writeback").asBoolean();
            return new DriveOutcome(0, null, inserted.get("drv").asText(), inserted.get("image").get("filename").asText(),
                    inserted.get("ro").asBoolean(), flags, Verdict.ACCEPTED);
        }
        return new DriveOutcome(0, "no query-block answer in: " + stdout, null, null, null, null,
                Verdict.UNDECIDED);
    }

    /**
     * The message after "-drive TEXT: " (util/error-report.c prints the location of the option
     * being parsed), from the last such line that is not a warning; only its first line, as a
     * message may go on with a hint.
     */
    static String reason(String text, String stderr) {
        String prefix = "-drive " + text + ": ";
        String found = null;
        for (String line : stderr.split("\n")) {
            int at = line.indexOf(prefix);
            if (at >= 0 && !line.startsWith("warning: ", at + prefix.length())) {
                found = line.substring(at + prefix.length());
            }
        }
        return found != null ? found : stderr.strip();
    }
}
