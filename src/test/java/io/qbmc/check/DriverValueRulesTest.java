package io.qbmc.check;

import static io.qbmc.testing.Diags.assertNone;
import static io.qbmc.testing.Diags.assertOnly;

import io.qbmc.diag.Code;
import io.qbmc.testing.Marked;
import org.junit.jupiter.api.Test;

/**
 * vvfat, blklogwrites, preallocate, replication and null: each message as qemu-img 7.2 printed
 * it for the same spec (the differential corpus repeats these against QEMU).
 */
class DriverValueRulesTest {
    private static final String FAT = "driver=vvfat,dir=d,";
    private static final String BLK = "driver=blklogwrites,file.filename=a.raw,log.filename=b.raw,";

    @Test
    void vvfatFatType() {
        assertNone(RuleRun.run(new VvfatRule(), Marked.of(FAT + "fat-type=32")));
        // QEMU reads fat-type into an int: 2^32 + 16 is 16
        assertNone(RuleRun.run(new VvfatRule(), Marked.of(FAT + "fat-type=4294967312")));
        Marked m = Marked.of(FAT + "fat-type=^24^");
        assertOnly(RuleRun.run(new VvfatRule(), m), Code.DRIVER_CONSTRAINT, "Valid FAT types are only 12, 16 and 32",
                m.span());
        m = Marked.of(FAT + "fat-type=^-16^");
        assertOnly(RuleRun.run(new VvfatRule(), m), Code.DRIVER_CONSTRAINT, "Valid FAT types are only 12, 16 and 32",
                m.span());
    }

    @Test
    void vvfatLabelInBytes() {
        assertNone(RuleRun.run(new VvfatRule(), Marked.of(FAT + "label=ABCDEFGHIJK")));
        Marked m = Marked.of(FAT + "label=^ABCDEFGHIJKL^");
        assertOnly(RuleRun.run(new VvfatRule(), m), Code.DRIVER_CONSTRAINT,
                "vvfat label cannot be longer than 11 bytes", m.span());
        m = Marked.of(FAT + "label=^\u00c4\u00c4\u00c4\u00c4\u00c4\u00c4^");
        assertOnly(RuleRun.run(new VvfatRule(), m), Code.DRIVER_CONSTRAINT,
                "vvfat label cannot be longer than 11 bytes", m.span());
    }

    @Test
    void blklogwritesSectorSize() {
        assertNone(RuleRun.run(new BlklogwritesRule(), Marked.of(BLK + "log-sector-size=32")));
        assertNone(RuleRun.run(new BlklogwritesRule(), Marked.of(BLK + "log-sector-size=8M")));
        for (String bad : new String[] {"1000", "16", "16M", "0"}) {
            Marked m = Marked.of(BLK + "log-sector-size=^" + bad + "^");
            String shown = bad.equals("16M") ? "16777216" : bad;
            assertOnly(RuleRun.run(new BlklogwritesRule(), m), Code.DRIVER_CONSTRAINT,
                    "Invalid log sector size " + shown, m.span());
        }
    }

    @Test
    void blklogwritesAppendAndInterval() {
        Marked m = Marked.of(BLK + "log-append=on,log-sector-size=^512^");
        assertOnly(RuleRun.run(new BlklogwritesRule(), m), Code.DRIVER_CONSTRAINT,
                "log-append and log-sector-size are mutually exclusive", m.span());
        assertNone(RuleRun.run(new BlklogwritesRule(), Marked.of(BLK + "log-append=off,log-sector-size=512")));
        m = Marked.of(BLK + "log-super-update-interval=^0^");
        assertOnly(RuleRun.run(new BlklogwritesRule(), m), Code.DRIVER_CONSTRAINT,
                "Invalid log superblock update interval 0", m.span());
        assertNone(RuleRun.run(new BlklogwritesRule(), Marked.of(BLK + "log-super-update-interval=1")));
    }

    @Test
    void preallocateAlign() {
        String pre = "driver=preallocate,file.filename=a.raw,";
        assertNone(RuleRun.run(new PreallocateRule(), Marked.of(pre + "prealloc-align=0")));
        assertNone(RuleRun.run(new PreallocateRule(), Marked.of(pre + "prealloc-align=1536")));
        Marked m = Marked.of(pre + "prealloc-align=^1000^");
        assertOnly(RuleRun.run(new PreallocateRule(), m), Code.DRIVER_CONSTRAINT,
                "prealloc-align parameter of preallocate filter is not aligned to 512", m.span());
    }

    @Test
    void replicationTopId() {
        String rep = "driver=replication,file.filename=a.raw,";
        assertNone(RuleRun.run(new ReplicationRule(), Marked.of(rep + "mode=primary")));
        assertNone(RuleRun.run(new ReplicationRule(), Marked.of(rep + "mode=secondary,top-id=t")));
        Marked m = Marked.of(rep + "mode=^secondary^");
        assertOnly(RuleRun.run(new ReplicationRule(), m), Code.MISSING_OPTION, "Missing the option top-id", m.span());
        m = Marked.of(rep + "mode=primary,top-id=^x^");
        assertOnly(RuleRun.run(new ReplicationRule(), m), Code.DRIVER_CONSTRAINT,
                "The primary side does not support option top-id", m.span());
    }

    @Test
    void nullLatency() {
        assertNone(RuleRun.run(new NullRule(), Marked.of("driver=null-co,latency-ns=9223372036854775807")));
        Marked m = Marked.of("driver=null-co,latency-ns=^-1^");
        assertOnly(RuleRun.run(new NullRule(), m), Code.DRIVER_CONSTRAINT, "latency-ns is invalid", m.span());
        m = Marked.of("driver=null-aio,latency-ns=^9223372036854775808^");
        assertOnly(RuleRun.run(new NullRule(), m), Code.DRIVER_CONSTRAINT, "latency-ns is invalid", m.span());
    }

    @Test
    void glusterServers() {
        assertNone(RuleRun.run(new GlusterRule(), Marked.of("driver=gluster,filename=gluster://h/v/p")));
        assertNone(RuleRun.run(new GlusterRule(),
                Marked.of("driver=gluster,volume=v,path=p,server.0.type=unix,server.0.path=/s")));
        Marked m = Marked.of("^driver=gluster,volume=v,path=p^");
        assertOnly(RuleRun.run(new GlusterRule(), m), Code.MISSING_OPTION, "Parameter 'server' is missing", m.span());
        m = Marked.of("driver=gluster,volume=v,path=p,server.0.type=unix,server.0.path=/s,"
                + "server.1.type=^vsock^,server.1.cid=3,server.1.port=1");
        assertOnly(RuleRun.run(new GlusterRule(), m), Code.DRIVER_CONSTRAINT,
                "Parameter 'type' may be 'inet' or 'unix'", m.span());
    }
}
