package io.qbmc.differential;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The scratch folder qemu-img runs in. Every file a spec names exists here with the format its
 * name says, so file existence never decides a verdict (it is not part of compile-time
 * validation). All images are 1 MiB, so raw offset/size windows inside 1 MiB never depend on the
 * file either.
 */
record Workspace(Path dir) {
    static final String RAW_A = "a.raw";
    static final String RAW_B = "b.raw";
    static final String RAW_C = "c.raw";
    static final String QCOW2 = "d.qcow2";
    static final String LUKS = "e.luks";
    /** The passphrase of the LUKS image and the data of secret sec0 passed to every qemu-img run. */
    static final String SECRET = "qbmc";
    static final String COMMA = "x,y.raw";
    static final String SPACE = "sp ace.raw";
    static final String UNICODE = "\u00fcn\u00ef-\u65e5\u672c-\ud83d\ude00.raw";
    static final String ACCENTED = "caf\u00e9-\u00df.raw";
    /** An empty file: a blkdebug rules file and an rbd conf file that configure nothing. */
    static final String EMPTY_CONFIG = "empty.cfg";
    /** A real file whose name is a json: text: as an option value it is a literal path (block.c §3.3). */
    static final String JSON_NAMED = "json:{\"driver\": \"file\", \"filename\": \"a.raw\"}";
    /** More names that would mean something else as a filename argument: literal as options. */
    static final List<String> LITERAL_NAMES = List.of(JSON_NAMED, "json:{}", "file:a.raw");
    /** A character device: host_device and host_cdrom refuse regular files, so they open this. */
    static final String DEVICE = "/dev/null";

    /** One small image per format qemu-img can create, named by its driver. */
    static final List<String> FORMAT_IMAGES = List.of("vmdk", "qcow", "qed", "vdi", "vhdx", "vpc", "parallels");
    /** A directory vvfat exposes. */
    static final String FAT_DIR = "fatdir";

    static String image(String format) {
        return "t." + format;
    }

    static final List<String> RAW_FILES = List.of(RAW_A, RAW_B, RAW_C, COMMA, SPACE, UNICODE, ACCENTED);
    static final int IMAGE_BYTES = 1024 * 1024;

    static Workspace create(Path dir, String qemuImg) throws IOException, InterruptedException {
        Workspace ws = new Workspace(dir);
        for (String raw : RAW_FILES) {
            WorkspaceImages.qemuImg(dir, qemuImg, "create", "-q", "-f", "raw", raw, "1M");
        }
        // qemu-img create would read this name as a json: filename; a copy keeps it literal
        for (String name : LITERAL_NAMES) {
            Files.copy(dir.resolve(RAW_A), dir.resolve(name));
        }
        WorkspaceImages.qemuImg(dir, qemuImg, "create", "-q", "-f", "qcow2", QCOW2, "1M");
        WorkspaceImages.luks(dir, qemuImg, LUKS, SECRET);
        Files.writeString(dir.resolve(EMPTY_CONFIG), "");
        for (String format : FORMAT_IMAGES) {
            WorkspaceImages.qemuImg(dir, qemuImg, "create", "-q", "-f", format, image(format), "1M");
        }
        Files.createDirectories(dir.resolve(FAT_DIR));
        return ws;
    }

    /**
     * The format QEMU's probing finds in a file (block.c find_image_format): qcow2 and LUKS by
     * their magic, raw otherwise. The projection of a probed node needs it.
     */
    String probe(String filename) {
        Path p = dir.resolve(filename);
        byte[] head = new byte[6];
        int n;
        try (InputStream in = Files.newInputStream(p)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            return null;
        }
        if (n >= 4 && head[0] == 'Q' && head[1] == 'F' && head[2] == 'I' && (head[3] & 0xff) == 0xfb) {
            return "qcow2";
        }
        if (n >= 6 && head[0] == 'L' && head[1] == 'U' && head[2] == 'K' && head[3] == 'S'
                && (head[4] & 0xff) == 0xba && (head[5] & 0xff) == 0xbe) {
            return "luks";
        }
        return "raw";
    }
}
