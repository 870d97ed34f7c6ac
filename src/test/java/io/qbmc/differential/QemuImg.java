package io.qbmc.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
     * could not reach its server or device: the network errors, and those of nvme (probed by
     * experiment, read in util/vfio-helpers.c).
     */
    static final List<String> UNREACHABLE = Stream.concat(Verdict.NETWORK_UNREACHABLE.stream(), Stream.of(
            "Failed to open /dev/vfio/vfio", // no VFIO on this machine
            "Failed to find iommu group", // VFIO, but no such PCI device
            "Failed to open VFIO group file")).toList();

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
        return new QemuImg(qemuImg, HostPrograms.networkIsolation(), workspace);
    }

    /** QBMC_QEMU_IMG if set (a path that does not exist means "none"), else qemu-img on the PATH. */
    static Optional<String> find() {
        return HostPrograms.find("QBMC_QEMU_IMG", "qemu-img");
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
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> HostPrograms.readAll(p.getErrorStream()));
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new QemuOutcome(-1, null, "timed out after " + TIMEOUT_SECONDS + "s", Verdict.UNDECIDED);
        }
        String stderr = new String(err.join(), StandardCharsets.UTF_8);
        int exit = p.exitValue();
        if (exit == 0) {
            JsonNode info = JSON.readTree(out);
            JsonNode name = info.get("filename");
            if (name == null || !name.isTextual()) {
                return new QemuOutcome(exit, null, "no filename in: " + new String(out, StandardCharsets.UTF_8),
                        Verdict.UNDECIDED);
            }
            return new QemuOutcome(exit, name.asText(), null, Verdict.ACCEPTED);
        }
        String reason = reason(spec.text(), stderr);
        if (exit != 1) {
            return new QemuOutcome(exit, null, reason, Verdict.UNDECIDED);
        }
        return new QemuOutcome(exit, null, reason, Verdict.ofFailure(spec.network(), reason, UNREACHABLE));
    }

    /** The message after qemu-img's "Could not open '<spec>': " prefix (qemu-img.c img_open_opts). */
    static String reason(String spec, String stderr) {
        String message = HostPrograms.lineAfter("qemu-img: Could not open '" + spec + "': ", stderr);
        return message != null ? message : stderr.strip();
    }
}
