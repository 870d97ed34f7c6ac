package io.qbmc.differential.drive;

import io.qbmc.differential.WorkspaceImages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The scratch folder qemu-system runs in. Every file the corpus names exists with the format its
 * name says, so existence never decides a verdict; names that need ",," in a -drive string, a
 * blank, non-ASCII letters or a ':' are among them.
 */
record DriveWorkspace(Path dir) {
    static final String RAW_A = "a.raw";
    static final String RAW_B = "b.raw";
    static final String QCOW2 = "d.qcow2";
    /** A qcow2 image over a.raw: probing and a backing chain. */
    static final String OVERLAY = "o.qcow2";
    static final String COMMA = "x,y.raw";
    static final String SPACE = "sp ace.raw";
    static final String UNICODE = "\u00fcn\u00ef-\u65e5\u672c-\ud83d\ude00.raw";
    /** A name whose ':' comes before any '/': a protocol prefix unless written ./co:lon.raw. */
    static final String COLON = "co:lon.raw";
    /** What "file=x,y.raw" opens: QemuOpts reads the ',' as the end of the value. */
    static final String X = "x";
    /** What file:file:a.raw opens: bdrv_parse_filename_strip_prefix strips one "file:", then adds "./". */
    static final String FILE_PREFIXED = "file:a.raw";
    /** An empty file: a blkdebug rules file and an rbd conf file that configure nothing. */
    static final String EMPTY_CONFIG = "empty.cfg";

    static final List<String> RAW_FILES = List.of(RAW_A, RAW_B, COMMA, SPACE, UNICODE, COLON, X, FILE_PREFIXED);

    static DriveWorkspace create(Path dir, String qemuImg) throws IOException, InterruptedException {
        DriveWorkspace ws = new DriveWorkspace(dir);
        for (String raw : RAW_FILES) {
            // written here, not with qemu-img create, which would read co:lon.raw as a protocol name
            Files.write(dir.resolve(raw), new byte[1024 * 1024]);
        }
        WorkspaceImages.qemuImg(dir, qemuImg, "create", "-q", "-f", "qcow2", QCOW2, "1M");
        WorkspaceImages.qemuImg(dir, qemuImg, "create", "-q", "-f", "qcow2", "-b", RAW_A, "-F", "raw", OVERLAY);
        Files.writeString(dir.resolve(EMPTY_CONFIG), "");
        return ws;
    }

    /**
     * The format QEMU's probing finds in a file (block.c find_image_format): qcow2 by its magic,
     * raw otherwise (and for what is not a file here, such as null-co).
     */
    String probe(String filename) {
        Path p;
        try {
            p = dir.resolve(filename);
        } catch (java.nio.file.InvalidPathException e) {
            return "raw";
        }
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(p)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return "raw";
        }
        boolean qcow2 = n == 4 && head[0] == 'Q' && head[1] == 'F' && head[2] == 'I' && (head[3] & 0xff) == 0xfb;
        return qcow2 ? "qcow2" : "raw";
    }
}
