package io.qbmc.differential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** qemu-img making the images of a differential suite's workspace. */
public final class WorkspaceImages {
    /**
     * qemu-img fails a LUKS creation with "Unable to get accurate CPU usage" when a round of its
     * key-derivation benchmark measured no CPU time, which on some machines is half the tries
     * whatever the iter-time; each try is independent, so this many make a failure rare.
     */
    private static final int LUKS_TRIES = 20;

    private WorkspaceImages() {
    }

    /** Runs qemu-img in the workspace; a failure is the workspace's, with what qemu-img said. */
    public static void qemuImg(Path dir, String qemuImg, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(qemuImg);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("could not prepare the workspace: " + cmd + ": " + new String(out, StandardCharsets.UTF_8));
        }
    }

    /** A 1 MiB LUKS image with this passphrase, its key derivation short so that opening it is quick. */
    public static void luks(Path dir, String qemuImg, String name, String passphrase)
            throws IOException, InterruptedException {
        for (int attempt = 1;; attempt++) {
            try {
                qemuImg(dir, qemuImg, "create", "-q", "-f", "luks", "--object", "secret,id=sec0,data=" + passphrase,
                        "-o", "key-secret=sec0,iter-time=10", name, "1M");
                return;
            } catch (IOException e) {
                Files.deleteIfExists(dir.resolve(name));
                if (attempt == LUKS_TRIES) {
                    throw e;
                }
            }
        }
    }
}
