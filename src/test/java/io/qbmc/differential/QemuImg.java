package io.qbmc.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs qemu-img info on a spec: dotted specs through --image-opts, json: specs as the filename.
 * Every run gets the objects the corpus refers to (secret sec0, throttle group tg0), so object
 * existence, like file existence, never decides a verdict.
 */
final class QemuImg {
    /** Generous: a run takes milliseconds; network specs fail at once without a network. */
    static final long TIMEOUT_SECONDS = 20;

    /**
     * The start of QEMU's error for a network or device driver that parsed its options and then
     * could not reach its server or device (probed by experiment inside unshare -n, and read in
     * block/nbd.c, block/ssh.c, block/rbd.c, block/iscsi.c, block/curl.c, util/vfio-helpers.c).
     */
    static final List<String> UNREACHABLE = List.of(
            "Failed to connect to '", // nbd, ssh: util/qemu-sockets.c
            "address resolution failed for ", // nbd, ssh
            "error connecting: ", // rbd: rados_connect
            "iSCSI: Failed to connect to LUN", // iscsi_full_connect_sync
            "CURL: Error opening file: ", // curl: http, https, ftp, ftps
            "Failed to open /dev/vfio/vfio", // nvme: no VFIO on this machine
            "Failed to find iommu group", // nvme: VFIO, but no such PCI device
            "Failed to open VFIO group file");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String qemuImg;
    private final List<String> isolate;
    private final Workspace workspace;

    private QemuImg(String qemuImg, List<String> isolate, Workspace workspace) {
        this.qemuImg = qemuImg;
        this.isolate = isolate;
        this.workspace = workspace;
    }

    static QemuImg in(String qemuImg, Workspace workspace) {
        return new QemuImg(qemuImg, isolation(), workspace);
    }

    /** QBMC_QEMU_IMG if set (a path that does not exist means "none"), else qemu-img on the PATH. */
    static Optional<String> find() {
        String chosen = System.getenv("QBMC_QEMU_IMG");
        if (chosen != null && !chosen.isEmpty()) {
            return Files.isExecutable(Path.of(chosen)) ? Optional.of(chosen) : Optional.empty();
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, "qemu-img");
            if (Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }

    /**
     * A prefix that runs a command without network (a fresh network namespace), so network
     * drivers fail fast and nothing leaves the machine; empty when this machine cannot do it,
     * and then network specs are skipped.
     */
    private static List<String> isolation() {
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

    boolean canIsolate() {
        return !isolate.isEmpty();
    }

    /**
     * The drivers of a list that this qemu-img cannot load. Debian ships curl, iscsi, rbd and ssh
     * as modules in qemu-block-extra, which qemu-utils only recommends; without it qemu-img
     * reports "Unknown driver", which says nothing about the configuration.
     */
    List<String> unavailable(List<String> drivers) throws IOException, InterruptedException {
        List<String> out = new ArrayList<>();
        for (String d : drivers) {
            QemuOutcome o = info(new Spec("probe/" + d, "probe", d, "driver=" + d, true));
            if (o.error() != null && o.error().startsWith("Unknown driver '" + d + "'")) {
                out.add(d);
            }
        }
        return out;
    }

    QemuOutcome info(Spec spec) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(isolate);
        cmd.addAll(List.of(qemuImg, "info", "--output=json",
                "--object", "secret,id=sec0,data=" + Workspace.SECRET,
                "--object", "throttle-group,id=tg0"));
        if (!spec.json()) {
            cmd.add("--image-opts");
        }
        cmd.add(spec.text());
        Process p = new ProcessBuilder(cmd).directory(workspace.dir().toFile()).start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new QemuOutcome(-1, null, "timed out after " + TIMEOUT_SECONDS + "s", QemuOutcome.Verdict.UNDECIDED);
        }
        String stderr = new String(err.join(), StandardCharsets.UTF_8);
        int exit = p.exitValue();
        if (exit == 0) {
            JsonNode info = JSON.readTree(out);
            JsonNode name = info.get("filename");
            if (name == null || !name.isTextual()) {
                return new QemuOutcome(exit, null, "no filename in: " + new String(out, StandardCharsets.UTF_8),
                        QemuOutcome.Verdict.UNDECIDED);
            }
            return new QemuOutcome(exit, name.asText(), null, QemuOutcome.Verdict.ACCEPTED);
        }
        String reason = reason(spec.text(), stderr);
        if (exit != 1) {
            return new QemuOutcome(exit, null, reason, QemuOutcome.Verdict.UNDECIDED);
        }
        boolean unreachable = spec.network() && UNREACHABLE.stream().anyMatch(reason::startsWith);
        return new QemuOutcome(exit, null, reason,
                unreachable ? QemuOutcome.Verdict.ACCEPTED_UNREACHABLE : QemuOutcome.Verdict.REJECTED);
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** The message after qemu-img's "Could not open '<spec>': " prefix (qemu-img.c img_open_opts). */
    static String reason(String spec, String stderr) {
        String prefix = "qemu-img: Could not open '" + spec + "': ";
        int at = stderr.lastIndexOf(prefix);
        if (at >= 0) {
            String rest = stderr.substring(at + prefix.length());
            int nl = rest.indexOf('\n');
            return nl < 0 ? rest : rest.substring(0, nl);
        }
        return stderr.strip();
    }
}
