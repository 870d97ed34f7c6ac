package io.qbmc.differential.blockdev;

import io.qbmc.differential.WorkspaceImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The scratch folder qemu-storage-daemon runs in. Every file the corpus names exists here, in
 * the format its name says, so file existence never decides a verdict. Each set opens each
 * file at most once (BlockdevCorpus hands them out from pools), so image locking never does
 * either.
 */
record BlockdevWorkspace(Path dir) {
    static final List<String> RAW = List.of("r0.raw", "r1.raw", "r2.raw", "r3.raw", "x,y.raw", "sp ace.raw",
            "\u00fcn\u00ef-\u65e5\u672c.raw", "caf\u00e9.raw");
    static final List<String> QCOW2 = List.of("q0.qcow2", "q1.qcow2", "q2.qcow2", "q3.qcow2");
    static final List<String> LUKS = List.of("l0.luks", "l1.luks", "l2.luks");
    /** The LUKS passphrase, and the data of every secret the corpus defines. */
    static final String SECRET = "qbmc";
    static final String SECRET_BASE64 = "cWJtYw==";

    static BlockdevWorkspace create(Path dir, String qemuImg) throws IOException, InterruptedException {
        BlockdevWorkspace ws = new BlockdevWorkspace(dir);
        for (String f : RAW) {
            WorkspaceImages.qemuImg(dir, qemuImg, "create", "-q", "-f", "raw", f, "1M");
        }
        for (String f : QCOW2) {
            WorkspaceImages.qemuImg(dir, qemuImg, "create", "-q", "-f", "qcow2", f, "1M");
        }
        // one creation, then copies: each creation is a slow and fallible benchmark
        WorkspaceImages.luks(dir, qemuImg, LUKS.get(0), SECRET);
        for (String f : LUKS.subList(1, LUKS.size())) {
            Files.copy(dir.resolve(LUKS.get(0)), dir.resolve(f));
        }
        return ws;
    }
}
