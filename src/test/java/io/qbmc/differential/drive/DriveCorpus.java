package io.qbmc.differential.drive;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The -drive corpus: hand-written edge cases for every part of -drive (blockdev.c drive_new and
 * blockdev_init, the filename argument of block.c), then seeded combinations of them. Every
 * string names only files of {@link DriveWorkspace}, and every one uses if=none unless it is
 * about if= itself (with -M none no other interface has a bus).
 *
 * <p>Left out on purpose, because the verdict would depend on the machine or QEMU would crash:
 * <ul>
 * <li>paths naming host devices without host_device: (find_hdev_driver stats them);</li>
 * <li>qcow2 format over a raw file, missing files;</li>
 * <li>rbd with monitors (librados retries for minutes) or with librados keys it may not know;</li>
 * <li>iscsi's header_digest and query parameters without a value for nbd+unix (socket) and ssh
 *     (host_key_check): QEMU 7.2 crashes on them;</li>
 * <li>if= other than none (-M none has no IDE, SCSI or virtio bus to plug the drive into).</li>
 * </ul>
 */
final class DriveCorpus {
    static final long SEED = 0xD21_7E_2026L;
    /** Generated strings on top of the hand-written ones. */
    static final int GENERATED = 160;

    /**
     * Options QEMU checks only after the file child is open: with a network file that never
     * connects here, QEMU cannot report them (unknown options such as serial, which 7.2's -drive
     * no longer has, and force-share's read-only rule).
     */
    private static final List<String> AFTER_OPEN = List.of("bogus=", "file.bogus=", "file.locking=", "force-share=",
            "serial=");

    /** Names the file driver opens as they are (no protocol prefix it would strip). */
    private static final Set<String> PLAIN = Set.of("a.raw", "b.raw", esc(DriveWorkspace.COMMA), DriveWorkspace.SPACE,
            DriveWorkspace.UNICODE, "./" + DriveWorkspace.COLON, "file:a.raw", "file:" + DriveWorkspace.COLON, "d.qcow2",
            "o.qcow2");

    private final Random rng = new Random(SEED);
    private final List<DriveSpec> specs = new ArrayList<>();
    private final Set<String> texts = new HashSet<>();

    private DriveCorpus() {
    }

    static List<DriveSpec> corpus() {
        DriveCorpus c = new DriveCorpus();
        c.fixed();
        c.generated();
        return List.copyOf(c.specs);
    }

    /** A filename as -drive needs it: ',' doubled. */
    static String esc(String s) {
        return s.replace(",", ",,");
    }

    private void add(String category, String text) {
        add(category, text, false);
    }

    private void add(String category, String text, boolean network) {
        if (texts.add(text)) {
            specs.add(new DriveSpec(category + "/" + specs.size(), category, text, network));
        }
    }

    private void net(String category, String text) {
        add(category, text, true);
    }

    private static final String RAW = "file=a.raw,format=raw,if=none";

    private void fixed() {
        // ---- plain paths: escapes, blanks, non-ASCII, colons ----
        add("path", RAW);
        add("path", "file=b.raw,if=none");
        add("path", "file=" + esc(DriveWorkspace.COMMA) + ",format=raw,if=none");
        add("path", "file=" + esc(DriveWorkspace.COMMA) + ",if=none");
        add("path", "file=x,y.raw,format=raw,if=none");
        add("path", "file=" + DriveWorkspace.SPACE + ",format=raw,if=none");
        add("path", "file=" + DriveWorkspace.UNICODE + ",format=raw,if=none");
        add("path", "file=./" + DriveWorkspace.COLON + ",format=raw,if=none");
        add("path", "file=" + DriveWorkspace.COLON + ",format=raw,if=none");
        add("path", "file=d.qcow2,format=qcow2,if=none");
        add("path", "file=d.qcow2,if=none");
        add("path", "file=o.qcow2,if=none");
        add("path", "file=o.qcow2,format=qcow2,if=none,readonly=on");
        add("path", "file=d.qcow2,format=raw,if=none");
        add("path", "if=none,file=a.raw,format=raw");
        add("path", "file=a.raw,file=b.raw,format=raw,if=none");

        // ---- protocol prefixes that open here ----
        add("protocol", "file=file:a.raw,format=raw,if=none");
        add("protocol", "file=file:a.raw,if=none");
        add("protocol", "file=file:" + esc(DriveWorkspace.COMMA) + ",format=raw,if=none");
        add("protocol", "file=file:" + DriveWorkspace.COLON + ",format=raw,if=none");
        add("protocol", "file=file:./" + DriveWorkspace.COLON + ",format=raw,if=none");
        add("protocol", "file=file:a.raw,format=file,if=none");
        add("protocol", "file=file:file:a.raw,format=raw,if=none");
        add("protocol", "file=host_device:/dev/null,format=raw,if=none");
        add("protocol", "file=host_cdrom:/dev/null,format=raw,if=none,media=cdrom");
        add("protocol", "file=null-co://,format=raw,if=none");
        add("protocol", "file=null-co://,if=none");
        add("protocol", "file=null-aio://,format=raw,if=none");
        add("protocol", "file=null-co://,format=null-co,if=none");
        add("protocol", "file=blkdebug:empty.cfg:a.raw,format=raw,if=none");
        add("protocol", "file=blkdebug::a.raw,format=raw,if=none");
        add("protocol", "file=blkdebug::a.raw,if=none");
        add("protocol", "file=blkdebug::file:a.raw,format=raw,if=none");
        add("protocol", "file=blkdebug::blkdebug::a.raw,format=raw,if=none");
        add("protocol", "file=blkdebug::d.qcow2,format=qcow2,if=none");
        add("protocol", "file=blkverify:a.raw:b.raw,format=raw,if=none");
        add("protocol", "file=blkverify:a.raw:d.qcow2,format=raw,if=none");
        add("protocol", "file=blkverify:a.raw:null-co://,format=raw,if=none");
        add("protocol", "file=a.raw,format=blkdebug,if=none");
        add("protocol", "file=a.raw,format=blkverify,if=none");
        add("protocol", "file=a.raw,format=raw,if=none,file.driver=raw");
        add("protocol", "file=a.raw,format=raw,if=none,file.driver=file");

        // ---- protocol prefixes QEMU refuses ----
        add("protocol-error", "file=bogus:a.raw,format=raw,if=none");
        add("protocol-error", "file=Nbd://h/e,format=raw,if=none");
        add("protocol-error", "file=" + "p".repeat(140) + ":x,format=raw,if=none");
        add("protocol-error", "file=:a.raw,format=raw,if=none");
        add("protocol-error", "file=json:,format=raw,if=none");
        add("protocol-error", "file=null-co://x,format=raw,if=none");
        add("protocol-error", "file=null-co:,format=raw,if=none");
        add("protocol-error", "file=null-aio://,format=null-co,if=none");
        add("protocol-error", "file=a.raw,format=null-co,if=none");
        add("protocol-error", "file=blkdebug:a.raw,format=raw,if=none");
        add("protocol-error", "file=blkverify:a.raw,format=raw,if=none");
        add("protocol-error", "file=blkdebug::bogus:x,format=raw,if=none");
        add("protocol-error", "file=blkverify:a.raw:nbd:h,format=raw,if=none");
        add("protocol-error", "file=nbd:localhost,format=raw,if=none");
        add("protocol-error", "file=nbd:,format=raw,if=none");
        add("protocol-error", "file=nbd:h:,format=raw,if=none");
        add("protocol-error", "file=nbd::,format=raw,if=none");
        add("protocol-error", "file=nbd:[::1],format=raw,if=none");
        add("protocol-error", "file=nbd:[::1:10809,format=raw,if=none");
        add("protocol-error", "file=nbd:h:1,,ipv4=x,format=raw,if=none");
        add("protocol-error", "file=nbd:h:1,,to=x,format=raw,if=none");
        add("protocol-error", "file=nbd:h:10809:exportname=,format=raw,if=none");
        add("protocol-error", "file=nbd://,format=raw,if=none");
        add("protocol-error", "file=nbd:///e,format=raw,if=none");
        add("protocol-error", "file=nbd://h:99999/e,format=raw,if=none");
        add("protocol-error", "file=nbd://h/e?socket=/s,format=raw,if=none");
        add("protocol-error", "file=nbd+unix:///e,format=raw,if=none");
        add("protocol-error", "file=nbd+unix://h/e?socket=/s,format=raw,if=none");
        add("protocol-error", "file=nbd+unix:///e?sock=/s,format=raw,if=none");
        add("protocol-error", "file=nbd+unix:///e?socket=/s&x=1,format=raw,if=none");
        add("protocol-error", "file=nbd+bogus://h/e,format=raw,if=none");
        add("protocol-error", "file=nbd://h/e,format=raw,if=none,file.export=x");
        add("protocol-error", "file=nbd://h/e,format=raw,if=none,file.server.host=x");
        add("protocol-error", "file=nbd:h:10809,format=nbd,if=none,port=1");
        add("protocol-error", "file=a.raw,format=nbd,if=none");
        add("protocol-error", "file=a.raw,format=raw,if=none,file.driver=nbd");
        add("protocol-error", "file=rbd:pool,format=raw,if=none");
        add("protocol-error", "file=rbd:pool/img:conf,format=raw,if=none");
        add("protocol-error", "file=rbd:pool/img:id=a:conf,format=raw,if=none");
        add("protocol-error", "file=a.raw,format=rbd,if=none");
        add("protocol-error", "file=ssh://h,format=raw,if=none");
        add("protocol-error", "file=ssh:///p,format=raw,if=none");
        add("protocol-error", "file=ssh:p,format=raw,if=none");
        add("protocol-error", "file=ssh://h/p,format=raw,if=none,file.user=u");
        add("protocol-error", "file=ssh://h/p,format=raw,if=none,file.path=q");
        add("protocol-error", "file=a.raw,format=ssh,if=none");
        add("protocol-error", "file=iscsi://h/iqn.2001-04.com.example,format=raw,if=none");
        add("protocol-error", "file=iscsi://h/iqn.2001-04.com.example/x,format=raw,if=none");
        add("protocol-error", "file=iscsi://h/iqn.2001-04.com.example/,format=raw,if=none");
        add("protocol-error", "file=iscsi://h,format=raw,if=none");
        add("protocol-error", "file=iscsi:h,format=raw,if=none");
        add("protocol-error", "file=iscsi://h/t/0?header_digest=bogus,format=raw,if=none");
        add("protocol-error", "file=a.raw,format=iscsi,if=none");
        add("protocol-error", "file=http:a.raw,format=raw,if=none");
        add("protocol-error", "file=a.raw,format=http,if=none");
        add("protocol-error", "file=nvme://0000:00:04.0/x,format=raw,if=none");

        // ---- protocol prefixes that reach for the network: accepted when the connection fails ----
        net("protocol-net", "file=nbd://h:10809/exp,format=raw,if=none");
        net("protocol-net", "file=nbd://h/exp,if=none");
        net("protocol-net", "file=nbd://h,format=raw,if=none");
        net("protocol-net", "file=nbd://h:0/e,format=raw,if=none");
        net("protocol-net", "file=nbd+tcp://h:1234/e,format=raw,if=none");
        net("protocol-net", "file=nbd://[::1]/e,format=raw,if=none");
        net("protocol-net", "file=nbd://user@h/e%2Fx,format=raw,if=none");
        net("protocol-net", "file=nbd+unix:///e?socket=/nonexistent.sock,format=raw,if=none");
        net("protocol-net", "file=nbd+unix://?socket=/nonexistent.sock,format=raw,if=none");
        net("protocol-net", "file=nbd:localhost:10809,format=raw,if=none");
        net("protocol-net", "file=nbd:localhost:10809,if=none");
        net("protocol-net", "file=nbd:h:10809:exportname=e,format=raw,if=none");
        net("protocol-net", "file=nbd::10809,format=raw,if=none");
        net("protocol-net", "file=nbd:[::1]:10809,format=raw,if=none");
        net("protocol-net", "file=nbd:h:1,,ipv4,format=raw,if=none");
        net("protocol-net", "file=nbd:h:1,,to=9,format=raw,if=none");
        net("protocol-net", "file=nbd:unix:/nonexistent.sock,format=raw,if=none");
        net("protocol-net", "file=nbd:unix:/nonexistent.sock:exportname=e,format=raw,if=none");
        net("protocol-net", "file=nbd:h:10809,format=nbd,if=none");
        net("protocol-net", "file=nbd://h/e,format=raw,if=none,file.reconnect-delay=0");
        net("protocol-net", "file=http://h/a.raw,format=raw,if=none");
        net("protocol-net", "file=https://h/a.raw,format=raw,if=none");
        net("protocol-net", "file=https://h/a.raw,format=raw,if=none,file.sslverify=off");
        net("protocol-net", "file=ftp://h/a.raw,format=raw,if=none");
        net("protocol-net", "file=ftps://h/a.raw,format=raw,if=none");
        net("protocol-net", "file=ssh://h/p,format=raw,if=none");
        net("protocol-net", "file=ssh://u@h:2222/p/x.raw?host_key_check=no,format=raw,if=none");
        net("protocol-net", "file=ssh://@h/p,format=raw,if=none");
        net("protocol-net", "file=ssh://h:22/p,format=ssh,if=none");
        net("protocol-net", "file=iscsi://h/iqn.2001-04.com.example:t/0,format=raw,if=none");
        net("protocol-net", "file=iscsi://u%p@h:3261/iqn.2001-04.com.example/1,format=raw,if=none");
        net("protocol-net", "file=iscsi://h/iqn.x/1?iser,format=raw,if=none");
        net("protocol-net", "file=iscsi://h//0,format=raw,if=none");
        net("protocol-net", "file=iscsi://h/iqn.x/1,format=raw,if=none,file.lun=3");
        net("protocol-net", "file=rbd:pool/img,format=raw,if=none");
        net("protocol-net", "file=rbd:pool/ns/img@snap:id=admin:conf=empty.cfg,format=raw,if=none");
        net("protocol-net", "file=rbd:po\\:ol/im\\@g,format=raw,if=none");
        net("protocol-net", "file=rbd:pool/img,format=raw,if=none,file.image=other");
        net("protocol-net", "file=json:{\"driver\":\"raw\",,\"file\":{\"driver\":\"nbd\",,\"server\":"
                + "{\"type\":\"inet\",,\"host\":\"h\",,\"port\":\"10809\"}}},if=none");

        // ---- the fine print of each parser: util/uri.c, inet_parse, libiscsi, rbd escapes ----
        for (String f : List.of("nbd://h:/e", "nbd://h:65536/e", "nbd://h/e%zz", "nbd://h/e f", "nbd://[::1",
                "nbd+unix:///e?socket=/s;x=1", "nbd:h:1,,ipv4=on,,,,x", "nbd:" + "h".repeat(65) + ":1",
                "nbd:[" + "1".repeat(65) + "]:1", "nbd:h:1,,keep-alive=maybe", "nbd:h:1,,to=1x", "iscsi://h/t/1/2",
                "iscsi://h/t/1x", "iscsi://", "iscsi:///t/1?header_digest=x", "ssh://", "ssh:", "ssh://h:22",
                "blkdebug:", "blkverify:", "rbd:", "rbd:pool\\/img", "nbd+unix://", "null-co:/",
                "nvme://0000:00:04.0/0x1")) {
            add("protocol-error", "file=" + esc(f) + ",format=raw,if=none");
        }
        for (String f : List.of("nbd://h:65535/e", "nbd://h/e?", "nbd://h/e#frag", "nbd://h/e/f", "nbd://u:p@h/e",
                "nbd+unix:///?socket=/nonexistent.sock", "nbd+unix:///e?socket=/nonexistent%2Esock",
                "nbd+unix:///e?socket=/s1&", "nbd:h:10809:exportname=a:b", "nbd:h:p0rt", "nbd:h:1,,keep-alive",
                "nbd:h:1,,ipv6=off", "nbd:h:1,,ipv4,,ipv6", "nbd:h:" + "1".repeat(33), "nbd:unix:", "nbd:unix:/s:x",
                "ssh://h:0/p", "ssh://u%40x@h/p", "ssh://h/p?host_key_check=yes", "ssh://h/p?x=1&host_key_check=no",
                "ssh://[::1]/p", "ssh://h/", "ssh://h/p#f", "iscsi://h:3260/iqn.x/1", "iscsi://u@h/iqn.x/1",
                "iscsi://u:p@h/iqn.x/1", "iscsi://h/t/-1", "iscsi://h/t%41/1", "iscsi://h/t/1?target_user=x",
                "iscsi://h/t/ 1", "iser://h/t/1", "rbd:pool/img@", "rbd:pool/img:id=", "rbd:pool/", "rbd:/",
                "rbd:pool/a\\/b", "rbd:pool/ns/a/b", "rbd:pool/img:conf=empty.cfg:id=a", "http://h:99999/a",
                "https://h/a?x=1#f", "ftp://u:p@h/a")) {
            net("protocol-net", "file=" + esc(f) + ",format=raw,if=none");
        }
        add("protocol", "file=blkdebug:empty.cfg:,format=raw,if=none");
        add("protocol", "file=blkverify::a.raw,format=raw,if=none");
        add("protocol", "file=blkdebug:empty.cfg:blkverify:a.raw:b.raw,format=raw,if=none");
        add("protocol", "file=file:,format=raw,if=none");
        add("protocol", "file=./file:a.raw,format=raw,if=none");

        // ---- format= and driver= ----
        add("format", "file=a.raw,format=raw,driver=raw,if=none");
        add("format", "file=a.raw,driver=raw,if=none");
        add("format", "file=a.raw,driver=file,if=none");
        add("format", "file=a.raw,format=file,if=none");
        add("format", "file=a.raw,format=bogus,if=none");
        add("format", "file=a.raw,driver=bogus,if=none");
        add("format", "file=a.raw,format=,if=none");
        add("format", "file=a.raw,format=quorum,if=none");
        add("format", "file=d.qcow2,format=qcow2,format=raw,if=none");
        add("format", "driver=file,filename=a.raw,if=none");
        add("format", "driver=raw,file.filename=a.raw,if=none");
        add("format", "driver=raw,file.driver=file,file.filename=a.raw,if=none");
        add("format", "file=a.raw,format=raw,if=none,file.filename=b.raw");
        add("format", "file=a.raw,format=file,if=none,filename=b.raw");
        add("format", "file=a.raw,format=raw,if=none,filename=b.raw");
        add("format", "file=a.raw,format=raw,if=none,offset=512");

        // ---- cache= ----
        for (String mode : List.of("none", "off", "writeback", "writethrough", "directsync", "unsafe", "bogus", "")) {
            add("cache", RAW + ",cache=" + mode);
        }
        add("cache", RAW + ",cache=writeback,cache.direct=on");
        add("cache", RAW + ",cache=none,cache.direct=off");
        add("cache", RAW + ",cache=unsafe,cache.no-flush=off");
        add("cache", RAW + ",cache=none,cache.writeback=off");
        add("cache", RAW + ",cache.writeback=off");
        add("cache", RAW + ",cache.writeback=maybe");
        add("cache", RAW + ",cache.direct=maybe");
        add("cache", RAW + ",cache.no-flush=on");
        add("cache", "file=null-co://,format=raw,if=none,cache=none");

        // ---- aio= ----
        for (String aio : List.of("threads", "native", "io_uring", "bogus", "")) {
            add("aio", RAW + ",aio=" + aio);
            add("aio", RAW + ",cache=none,aio=" + aio);
        }
        add("aio", RAW + ",cache=none,aio=native,file.aio=threads");
        add("aio", RAW + ",aio=native,file.aio=threads");
        add("aio", "file=a.raw,format=file,if=none,aio=native,cache=none");
        add("aio", "file=null-co://,format=raw,if=none,aio=native");
        add("aio", "file=blkdebug::a.raw,format=raw,if=none,aio=io_uring");
        add("aio", "file=d.qcow2,if=none,aio=threads");
        net("aio", "file=nbd://h/e,format=raw,if=none,aio=native");

        // ---- readonly= and read-only= ----
        add("readonly", RAW + ",readonly=on");
        add("readonly", RAW + ",readonly=off");
        add("readonly", RAW + ",read-only=on");
        add("readonly", RAW + ",read-only=yes");
        add("readonly", RAW + ",readonly=on,read-only=on");
        add("readonly", RAW + ",read-only=off,readonly=on");
        add("readonly", RAW + ",readonly=maybe");
        add("readonly", RAW + ",read-only=maybe");
        add("readonly", RAW + ",readonly");
        add("readonly", RAW + ",file.read-only=on");
        add("readonly", RAW + ",readonly=on,copy-on-read=on");

        // ---- throttling, legacy names and QMP names ----
        add("throttling", RAW + ",iops=100");
        add("throttling", RAW + ",throttling.iops-total=100");
        add("throttling", RAW + ",iops=100,throttling.iops-total=50");
        add("throttling", RAW + ",bps=1048576,bps_rd=1024");
        add("throttling", RAW + ",bps_rd=1024,bps_wr=2048");
        add("throttling", RAW + ",iops_rd=10,iops_wr=20,iops_max=100");
        add("throttling", RAW + ",iops=100,iops_max=200");
        add("throttling", RAW + ",iops=100,iops_max=50");
        add("throttling", RAW + ",iops_max=100");
        add("throttling", RAW + ",iops_size=4096");
        add("throttling", RAW + ",iops=100,iops_size=4096");
        add("throttling", RAW + ",iops=100,group=g1");
        add("throttling", RAW + ",group=g1");
        add("throttling", RAW + ",group=g1,throttling.group=g2");
        add("throttling", RAW + ",iops=-1");
        add("throttling", RAW + ",iops=abc");
        add("throttling", RAW + ",bps=1M");
        add("throttling", RAW + ",iops=0x10");
        add("throttling", RAW + ",bps=2000000000000000");
        add("throttling", RAW + ",throttling.bogus=1");
        add("throttling", RAW + ",throttling.iops-total-max-length=2");
        add("throttling", RAW + ",iops=10,throttling.iops-total-max=20,throttling.iops-total-max-length=0");
        add("throttling", RAW + ",iops=10,throttling.iops-total-max=20,throttling.iops-total-max-length=60");
        add("throttling", RAW + ",bps=1,throttling.bps-total-max=1000000000000000,throttling.bps-total-max-length=2");

        // ---- front-end keys ----
        add("frontend", "file=a.raw,format=raw,if=bogus");
        add("frontend", "file=a.raw,format=raw,if=");
        add("frontend", RAW + ",bus=0,unit=0");
        add("frontend", RAW + ",index=0");
        add("frontend", RAW + ",index=1,bus=1");
        add("frontend", RAW + ",index=1,unit=2");
        add("frontend", RAW + ",bus=x");
        add("frontend", RAW + ",unit=-1");
        add("frontend", RAW + ",index=x");
        add("frontend", RAW + ",media=disk");
        add("frontend", RAW + ",media=cdrom");
        add("frontend", RAW + ",media=bogus");
        add("frontend", RAW + ",id=d0");
        add("frontend", RAW + ",id=0bad");
        add("frontend", RAW + ",id=");
        add("frontend", RAW + ",serial=abc");
        add("frontend", RAW + ",addr=1");
        add("frontend", RAW + ",boot=on");
        add("frontend", RAW + ",trans=lba");
        for (String action : List.of("stop", "enospc", "report", "ignore", "bogus")) {
            add("frontend", RAW + ",werror=" + action);
            add("frontend", RAW + ",rerror=" + action);
        }
        add("frontend", RAW + ",snapshot=on");
        add("frontend", RAW + ",snapshot=off");
        add("frontend", RAW + ",snapshot=maybe");
        add("frontend", RAW + ",copy-on-read=on");
        add("frontend", RAW + ",copy-on-read=maybe");
        add("frontend", RAW + ",stats-account-invalid=on,stats-account-failed=off");
        add("frontend", RAW + ",stats-account-failed=maybe");
        add("frontend", RAW + ",stats-intervals.0=60");
        add("frontend", RAW + ",stats-intervals.x=60");
        add("frontend", RAW + ",detect-zeroes=unmap");
        add("frontend", RAW + ",detect-zeroes=on");
        add("frontend", RAW + ",detect-zeroes=bogus");
        add("frontend", RAW + ",discard=unmap,detect-zeroes=unmap");

        // ---- no file, an empty file= ----
        add("empty", "if=none");
        add("empty", "file=,if=none");
        add("empty", "file=,if=none,format=raw");
        add("empty", "if=none,format=raw");
        add("empty", "if=none,cache=none");
        add("empty", "if=none,readonly=on");
        add("empty", "if=none,id=cd0,media=cdrom");
        add("empty", "if=none,iops=100");
        add("empty", "if=none,werror=stop");
        add("empty", "if=none,aio=native");
        add("empty", "if=none,snapshot=on");
        add("empty", "if=none,bogus=1");

        // ---- file=json:{...}, explicit options winning ----
        String json = "json:{\"driver\":\"raw\",,\"file\":{\"driver\":\"file\",,\"filename\":\"%s\"}}";
        add("json", "file=" + String.format(json, "a.raw") + ",if=none");
        add("json", "file=" + String.format(json, "nonexistent.raw") + ",if=none,file.filename=a.raw");
        add("json", "file=" + String.format(json, "a.raw") + ",if=none,file.filename=b.raw");
        add("json", "file=" + String.format(json, "d.qcow2") + ",if=none,format=qcow2");
        add("json", "file=json:{\"driver\":\"qcow2\",,\"file\":{\"driver\":\"file\",,\"filename\":\"d.qcow2\"}},"
                + "format=raw,if=none");
        add("json", "file=json:{\"driver\":\"qcow2\",,\"file\":{\"driver\":\"file\",,\"filename\":\"d.qcow2\"}},"
                + "driver=raw,if=none");
        add("json", "file=" + String.format(json, "a.raw") + ",if=none,cache=none");
        add("json", "file=" + String.format(json, "a.raw") + ",if=none,readonly=on");
        add("json", "file=" + String.format(json, "a.raw") + ",if=none,aio=native,cache=none");
        add("json", "file=json:{\"file\":{\"filename\":\"a.raw\"}},format=raw,if=none");
        add("json", "file=json:{\"driver\":\"null-co\"},if=none");
        add("json", "file=json:{\"driver\":\"raw\",,\"file\":\"nbd:h:1\"},if=none");
        add("json", "file=json:{\"driver\":\"raw\" \"x\"},if=none");
        add("json", "file=json:[1],if=none");
        add("json", "file=json:{},if=none");
        add("json", "file=json:{\"driver\":\"raw\",,\"bogus\":1,,\"file\":{\"driver\":\"file\",,\"filename\":\"a.raw\"}},if=none");
        add("json", "file=json:{\"driver\":\"blkdebug\",,\"image\":{\"driver\":\"file\",,\"filename\":\"a.raw\"}},"
                + "if=none,format=raw");

        // ---- unknown options ----
        add("unknown", RAW + ",bogus=1");
        add("unknown", RAW + ",file.bogus=1");
        add("unknown", RAW + ",file.locking=off");
        add("unknown", RAW + ",fromat=raw");
        add("unknown", "file=a.raw,if=none,bogus=1");
        add("unknown", "file=null-co://,format=raw,if=none,file.size=1M");
        add("unknown", "file=null-co://,format=raw,if=none,file.bogus=1");
    }

    /** Seeded combinations: a file form, a format, and up to three options from the tables above. */
    private void generated() {
        List<String> files = List.of("a.raw", "b.raw", esc(DriveWorkspace.COMMA), DriveWorkspace.SPACE,
                DriveWorkspace.UNICODE, "./" + DriveWorkspace.COLON, "file:a.raw", "file:" + DriveWorkspace.COLON,
                "null-co://", "null-aio://", "blkdebug::a.raw", "blkdebug:empty.cfg:b.raw", "blkverify:a.raw:b.raw",
                "d.qcow2", "o.qcow2", "bogus:x", "null-co://x", "nbd:localhost", "rbd:pool", "",
                "json:{\"driver\":\"raw\",,\"file\":{\"driver\":\"file\",,\"filename\":\"a.raw\"}}");
        List<String> network = List.of("nbd://h/e", "nbd:h:10809", "nbd+unix:///e?socket=/nonexistent.sock",
                "http://h/a", "ssh://h/p", "iscsi://h/iqn.x/0", "rbd:pool/img");
        List<String> formats = List.of("format=raw", "format=raw", "format=raw", "", "driver=raw", "format=file",
                "format=raw,driver=raw", "format=bogus");
        List<String> extras = List.of("cache=none", "cache=writeback", "cache=writethrough", "cache=directsync",
                "cache=unsafe", "cache=bogus", "cache.direct=off", "cache.no-flush=on", "aio=threads", "aio=native",
                "aio=io_uring", "aio=bogus", "readonly=on", "read-only=on", "readonly=off", "readonly=maybe",
                "iops=100", "throttling.iops-total=100", "bps_rd=1000", "bps=1000", "iops_size=512", "group=g",
                "iops_max=10", "id=d1", "id=1d", "media=cdrom", "media=bogus", "werror=stop", "rerror=enospc",
                "snapshot=off", "copy-on-read=on", "serial=s1", "bogus=1", "file.bogus=1", "file.locking=off",
                "detect-zeroes=on", "discard=unmap", "bus=0", "unit=1", "index=2", "stats-account-invalid=on",
                "file.filename=b.raw", "auto-read-only=on", "force-share=on");
        int start = specs.size();
        while (specs.size() - start < GENERATED) {
            boolean net = rng.nextInt(6) == 0;
            String file = net ? network.get(rng.nextInt(network.size())) : files.get(rng.nextInt(files.size()));
            String format = file.startsWith("d.qcow2") || file.startsWith("o.qcow2") ? pick(List.of("format=qcow2", "",
                    "format=raw")) : formats.get(rng.nextInt(formats.size()));
            if (format.equals("format=file") && !PLAIN.contains(file)) {
                format = "format=raw"; // the file driver would look for a file of that name
            }
            List<String> parts = new ArrayList<>();
            parts.add("file=" + file);
            if (!format.isEmpty()) {
                parts.add(format);
            }
            parts.add("if=none");
            int n = rng.nextInt(4);
            for (int i = 0; i < n; i++) {
                String e = extras.get(rng.nextInt(extras.size()));
                if (net && AFTER_OPEN.stream().anyMatch(e::startsWith)) {
                    continue;
                }
                if (e.startsWith("aio=native") && !parts.contains("cache=none") && rng.nextBoolean()) {
                    parts.add("cache=none");
                }
                parts.add(e);
            }
            java.util.Collections.shuffle(parts.subList(1, parts.size()), rng);
            String text = String.join(",", parts);
            if (net) {
                net("generated", text);
            } else {
                add("generated", text);
            }
        }
    }

    private String pick(List<String> from) {
        return from.get(rng.nextInt(from.size()));
    }
}
