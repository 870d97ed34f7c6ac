package io.qbmc.schema;

import static io.qbmc.schema.Types.BOOL;
import static io.qbmc.schema.Types.NODE;
import static io.qbmc.schema.Types.NODE_OR_NULL;
import static io.qbmc.schema.Types.NUM;
import static io.qbmc.schema.Types.PROTOCOL_NODE;
import static io.qbmc.schema.Types.SIZE;
import static io.qbmc.schema.Types.STR;
import static io.qbmc.schema.Types.group;
import static io.qbmc.schema.Types.listOf;
import static io.qbmc.schema.Types.oneOf;
import static io.qbmc.schema.Types.opt;

import io.qbmc.schema.DriverSchema.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every driver qbmc knows, declared once. Option lists follow QEMU 7.2's runtime option tables
 * (block.c bdrv_runtime_opts plus each driver's own); qbm is the bitmap filter of the brief.
 */
public final class Drivers {
    private static final Map<String, DriverSchema> ALL = new LinkedHashMap<>();

    /** Options the block layer itself reads for every node (block.c bdrv_runtime_opts). */
    static final List<OptionSpec> COMMON = List.of(
            opt("node-name", STR, "Name of the node, for references from other nodes and QMP."),
            opt("cache", group(
                    opt("direct", BOOL, "Bypass the host page cache (O_DIRECT).").withDefault("off"),
                    opt("no-flush", BOOL, "Ignore flush requests from the guest.").withDefault("off")),
                    "Cache mode of the node."),
            opt("read-only", BOOL, "Open the node read-only.").withDefault("off"),
            opt("auto-read-only", BOOL, "Fall back to read-only if read-write fails.").withDefault("off"),
            opt("detect-zeroes", oneOf("off", "on", "unmap"), "Detect writes of zeroes and optimise them.")
                    .withDefault("off"),
            opt("discard", oneOf("ignore", "off", "unmap", "on"), "Whether discard requests reach the node.")
                    .withDefault("ignore"),
            opt("force-share", BOOL, "Share all permissions; needs read-only=on.").withDefault("off"));

    static final List<OptionSpec> POSIX_FILE = List.of(
            opt("filename", STR, "Path of the file or device.").asRequired(),
            opt("aio", oneOf("threads", "native", "io_uring"), "Asynchronous I/O backend.").withDefault("threads"),
            opt("aio-max-batch", NUM, "Maximum requests submitted at once; 0 lets QEMU choose.").withDefault("0"),
            opt("locking", oneOf("auto", "on", "off"), "Whether to lock the file (OFD locks).").withDefault("auto"),
            opt("pr-manager", STR, "Id of a persistent reservation manager object."),
            opt("drop-cache", BOOL, "Invalidate the page cache on migration.").withDefault("on"),
            opt("x-check-cache-dropped", BOOL, "Debug: check the page cache is dropped.").withDefault("off"));

    static {
        protocol("file", "A regular file, opened with POSIX calls.", POSIX_FILE);
        protocol("host_device", "A host block or character device (an LVM volume, a disk partition).",
                POSIX_FILE);
        protocol("host_cdrom", "A host CD-ROM drive.", POSIX_FILE);

        format("raw", false, "Raw image: the guest sees the bytes of its file child, or a window of them.",
                opt("offset", SIZE, "Start of the window in the child, in bytes.").asStrong().withDefault("0"),
                opt("size", SIZE, "Length of the window, a multiple of 512.").asStrong(),
                opt("file", PROTOCOL_NODE, "The node holding the bytes.").asRequired());

        format("qcow2", true, "QEMU copy-on-write image, version 2 or 3.",
                opt("file", PROTOCOL_NODE, "The node holding the qcow2 image.").asRequired(),
                opt("backing", NODE_OR_NULL, "The backing image; null opens without one."),
                opt("data-file", PROTOCOL_NODE, "External data file holding the guest data."),
                opt("lazy-refcounts", BOOL, "Postpone refcount updates (needs compat=1.1)."),
                opt("pass-discard-request", BOOL, "Pass guest discards to the file."),
                opt("pass-discard-snapshot", BOOL, "Discard when snapshots free clusters."),
                opt("pass-discard-other", BOOL, "Discard in other cases of freed clusters."),
                opt("overlap-check", new OptionType.Alternate(oneOf("none", "constant", "cached", "all"), group(
                        opt("template", oneOf("none", "constant", "cached", "all"), "Base set of checks."),
                        opt("main-header", BOOL, "Check the main header."),
                        opt("active-l1", BOOL, "Check the active L1 table."),
                        opt("active-l2", BOOL, "Check active L2 tables."),
                        opt("refcount-table", BOOL, "Check the refcount table."),
                        opt("refcount-block", BOOL, "Check refcount blocks."),
                        opt("snapshot-table", BOOL, "Check the snapshot table."),
                        opt("inactive-l1", BOOL, "Check inactive L1 tables."),
                        opt("inactive-l2", BOOL, "Check inactive L2 tables."),
                        opt("bitmap-directory", BOOL, "Check the bitmap directory."))),
                        "Metadata overlap checks before writes.").withDefault("cached"),
                opt("cache-size", SIZE, "Maximum total metadata cache size."),
                opt("l2-cache-size", SIZE, "Maximum L2 table cache size."),
                opt("l2-cache-entry-size", SIZE, "Size of one L2 cache entry."),
                opt("refcount-cache-size", SIZE, "Maximum refcount block cache size."),
                opt("cache-clean-interval", NUM, "Seconds between cache cleanings; 0 never."),
                opt("encrypt", group(
                        opt("format", oneOf("aes", "luks"), "Encryption format of the image."),
                        opt("key-secret", STR, "Id of the secret object with the passphrase.").asStrong()),
                        "Encryption of the image."));

        format("quorum", false, "Quorum filter: reads are voted on across children, writes go to all.",
                opt("children", listOf(NODE), "The children; at least one.").asRequired(),
                opt("vote-threshold", NUM, "Number of children that must agree, 1..number of children.")
                        .asRequired().asStrong(),
                opt("blkverify", BOOL, "Compare two children like blkverify (needs 2 children, threshold 2).")
                        .asStrong().withDefault("off"),
                opt("rewrite-corrupted", BOOL, "Rewrite children that lost the vote.").asStrong().withDefault("off"),
                opt("read-pattern", oneOf("quorum", "fifo"), "Read from all children (quorum) or the first (fifo).")
                        .asStrong().withDefault("quorum"));

        format("qbm", false, false, "Persistent dirty-bitmap filter: every write to the image child marks"
                        + " its clusters dirty in each enabled bitmap, kept in plain bitmap files.",
                opt("mode", oneOf("synchronous", "deferred"),
                        "synchronous: bitmap files are durable before each write returns;"
                                + " deferred: they are written on flush and close.").asStrong().withDefault("synchronous"),
                opt("image", NODE, "The data image.").asRequired().asStrong(),
                opt("size", SIZE, "Virtual size of the image, to size bitmap files before the image exists.")
                        .asStrong(),
                opt("descriptor", STR, "Path of a QBM descriptor (docs/qbm-spec.md) that supplies image,"
                        + " bitmaps and mode; the same as giving them inline.").asInputOnly(),
                opt("bitmaps", listOf(group(
                        opt("name", STR, "Bitmap name: non-empty, at most 1023 bytes of UTF-8, unique.").asRequired(),
                        opt("file", PROTOCOL_NODE, "The node holding the bitmap file.").asRequired(),
                        opt("granularity", SIZE, "Bytes covered by one bit: a power of two in [512, 2^31].")
                                .withDefault("65536"),
                        opt("enabled", BOOL, "Whether writes are recorded.").withDefault("on"))),
                        "The persistent bitmaps; at least one.").asRequired().asStrong());

        List<OptionSpec> nullOpts = List.of(
                opt("size", SIZE, "Virtual size in bytes.").asStrong().withDefault("1G"),
                opt("latency-ns", NUM, "Simulated latency of each request in nanoseconds.").withDefault("0"),
                opt("read-zeroes", BOOL, "Return zeroes on read instead of leaving buffers untouched.")
                        .asStrong().withDefault("off"));
        protocol("null-co", "Discards writes, reads nothing: a coroutine-based null device.", nullOpts);
        protocol("null-aio", "Discards writes, reads nothing: an AIO-based null device.", nullOpts);

        OtherDrivers.declare();
        FormatDrivers.declare();
    }

    private Drivers() {
    }

    /**
     * Options the drivers read from their QemuOpts but QAPI's BlockdevOptions lacks, so
     * -blockdev refuses them ("Parameter 'extents' is unexpected"), checked with
     * qemu-storage-daemon 7.2.
     */
    private static final java.util.Set<String> NOT_IN_QAPI = java.util.Set.of(
            "vmdk.extents", "vpc.force_size_calc", "parallels.prealloc-mode", "parallels.prealloc-size");

    /** Whether -blockdev's schema has this top-level option of the driver. */
    public static boolean inQapi(String driver, String option) {
        return !NOT_IN_QAPI.contains(driver + "." + option);
    }

    static void protocol(String name, String doc, List<OptionSpec> own) {
        register(new DriverSchema(name, Kind.PROTOCOL, true, false, doc, withCommon(own)));
    }

    static void protocol(String name, String doc, OptionSpec... own) {
        protocol(name, doc, List.of(own));
    }

    static void format(String name, boolean backing, String doc, OptionSpec... own) {
        format(name, true, backing, doc, own);
    }

    static void format(String name, boolean qemuKnows, boolean backing, String doc, OptionSpec... own) {
        register(new DriverSchema(name, Kind.FORMAT, qemuKnows, backing, doc, withCommon(List.of(own))));
    }

    private static List<OptionSpec> withCommon(List<OptionSpec> own) {
        List<OptionSpec> all = new ArrayList<>(COMMON);
        all.addAll(own);
        return all;
    }

    private static void register(DriverSchema schema) {
        if (ALL.put(schema.name(), schema) != null) {
            throw new IllegalStateException("driver " + schema.name() + " declared twice");
        }
    }

    private static final DriverSchema PROBE = new DriverSchema("", Kind.FORMAT, true, true,
            "A format node without driver=: QEMU probes the format from the file child.",
            withCommon(List.of(opt("file", PROTOCOL_NODE, "The node whose content is probed.").asRequired())));

    /** The pseudo-driver of a node whose format QEMU will probe. */
    public static DriverSchema probe() {
        return PROBE;
    }

    /** The options every node accepts (block.c bdrv_runtime_opts). */
    public static List<OptionSpec> common() {
        return COMMON;
    }

    public static DriverSchema get(String name) {
        return ALL.get(name);
    }

    public static Collection<DriverSchema> all() {
        return Collections.unmodifiableCollection(ALL.values());
    }
}
