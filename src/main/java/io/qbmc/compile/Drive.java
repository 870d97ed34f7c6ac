package io.qbmc.compile;

import io.qbmc.bind.QemuNumbers;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.options.DottedReader;
import io.qbmc.options.FlatOption;
import io.qbmc.options.Scalar;
import io.qbmc.schema.DriverSchema;
import io.qbmc.schema.Drivers;
import io.qbmc.source.Span;
import io.qbmc.source.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * -drive: QemuOpts without an implied key, then blockdev.c's legacy handling (drive_new,
 * blockdev_init): renames, cache= modes, format= and file=, and the options that configure the
 * drive or guest device rather than the block graph, which are checked as QEMU checks them and
 * kept aside. What QEMU then opens goes to the block layer like --image-opts.
 */
final class Drive {
    /**
     * Options of the drive or guest device, not of any block node: qemu_legacy_drive_opts and
     * qemu_common_drive_opts without those that reach the node (read-only, format, file, aio,
     * cache), the legacy throttling names, and stats-intervals.N. serial, addr, boot, cyls, heads,
     * secs and trans are gone from 7.2's -drive: QEMU refuses them as unknown options.
     */
    static final Set<String> FRONTEND = Set.of("if", "bus", "unit", "index", "media", "id", "werror", "rerror",
            "snapshot", "copy-on-read", "cache.writeback", "stats-account-invalid", "stats-account-failed",
            "detect-zeroes", "iops", "iops_rd", "iops_wr", "bps", "bps_rd", "bps_wr", "iops_max", "iops_rd_max",
            "iops_wr_max", "bps_max", "bps_rd_max", "bps_wr_max", "iops_size", "group");

    /** include/qemu/throttle-options.h THROTTLE_OPTS: numbers, plus the group's name. */
    static final List<String> THROTTLING = List.of("throttling.iops-total", "throttling.iops-total-max",
            "throttling.iops-total-max-length", "throttling.iops-read", "throttling.iops-read-max",
            "throttling.iops-read-max-length", "throttling.iops-write", "throttling.iops-write-max",
            "throttling.iops-write-max-length", "throttling.bps-total", "throttling.bps-total-max",
            "throttling.bps-total-max-length", "throttling.bps-read", "throttling.bps-read-max",
            "throttling.bps-read-max-length", "throttling.bps-write", "throttling.bps-write-max",
            "throttling.bps-write-max-length", "throttling.iops-size");

    /** drive_new's opt_renames, in its order: legacy names and their QMP spellings. */
    static final Map<String, String> RENAMES = new LinkedHashMap<>();

    static {
        String[][] renames = {{"iops", "throttling.iops-total"}, {"iops_rd", "throttling.iops-read"},
            {"iops_wr", "throttling.iops-write"}, {"bps", "throttling.bps-total"}, {"bps_rd", "throttling.bps-read"},
            {"bps_wr", "throttling.bps-write"}, {"iops_max", "throttling.iops-total-max"},
            {"iops_rd_max", "throttling.iops-read-max"}, {"iops_wr_max", "throttling.iops-write-max"},
            {"bps_max", "throttling.bps-total-max"}, {"bps_rd_max", "throttling.bps-read-max"},
            {"bps_wr_max", "throttling.bps-write-max"}, {"iops_size", "throttling.iops-size"},
            {"group", "throttling.group"}, {"readonly", "read-only"}};
        for (String[] r : renames) {
            RENAMES.put(r[0], r[1]);
        }
    }

    /** blockdev.c if_name[]. */
    static final List<String> INTERFACES = List.of("none", "ide", "scsi", "floppy", "pflash", "mtd", "sd", "virtio",
            "xen");
    /** blockdev.c if_max_devs[]: units per bus; 0 means no limit. */
    private static final Map<String, Integer> MAX_DEVS = Map.of("ide", 2, "scsi", 7);
    /** The buses where drive_new lets werror= and rerror= through. */
    private static final Set<String> ERROR_ACTION_BUSES = Set.of("ide", "scsi", "virtio", "none");
    /** Booleans among the drive options (qemu_legacy_drive_opts, qemu_common_drive_opts). */
    private static final List<String> BOOLEANS = List.of("snapshot", "copy-on-read", "cache.writeback",
            "stats-account-invalid", "stats-account-failed");
    /** bdrv_parse_aio on Linux with io_uring (Debian's QEMU 7.2). */
    private static final Set<String> AIO_MODES = Set.of("threads", "native", "io_uring");
    /** The drivers of block/file-posix.c, which read the aio flag. */
    private static final Set<String> FILE_POSIX = Set.of("file", "host_device", "host_cdrom");
    /** util/throttle.c THROTTLE_VALUE_MAX. */
    static final long THROTTLE_VALUE_MAX = 1_000_000_000_000_000L;

    /** One option as drive_new sees it after the renames: as written, and under its QMP name. */
    private record Opt(FlatOption o, String name) {
        String value() {
            return o.value().display();
        }
    }

    private Drive() {
    }

    static void read(Text text, FrontEndResult into, Diagnostics diags) {
        List<FlatOption> all = DottedReader.qemuOpts(text, null, diags);
        for (FlatOption o : all) {
            if (isFrontEnd(o.key())) {
                diags.report(Code.FRONTEND_KEY, o.keySpan(),
                        "'" + o.key() + "' configures the drive or guest device; kept aside, not part of the block graph",
                        null);
            }
        }
        List<Opt> opts = renamed(all, diags);
        Map<String, Opt> last = new LinkedHashMap<>();
        for (Opt o : opts) {
            last.put(o.name(), o);
        }
        List<FlatOption> block = new ArrayList<>();
        Map<String, String> aside = new LinkedHashMap<>();
        List<Opt> leftoverCache = new ArrayList<>();
        for (Opt o : opts) {
            String name = o.name();
            if (isFrontEnd(o.o().key()) || isFrontEnd(name)) {
                aside.put(o.o().key(), o.value());
            } else if (name.equals("cache")) {
                if (o != last.get("cache")) {
                    leftoverCache.add(o); // qemu_opt_unset removes only the last cache=
                }
            } else if (!name.equals(o.o().key())) {
                // a legacy name (readonly=): of repeated items the first one wins
                if (o == last.get(name)) {
                    block.add(renamed(o.o(), name));
                } else {
                    diags.report(Code.DUPLICATE_KEY, o.o().keySpan(), "Option '" + o.o().key()
                            + "' is given more than once; of a legacy name the first value wins",
                            "this value '" + o.value() + "' is ignored (qemu_opt_rename)");
                }
            } else if (!List.of("file", "format", "aio").contains(name)) {
                block.add(o.o());
            }
        }
        Opt file = last.get("file");
        Opt format = last.get("format");
        Opt aio = last.get("aio");
        Opt cache = last.get("cache");
        if (cache != null) {
            cacheMode(cache.o(), last, block, aside, diags);
        }
        frontEnd(last, into, diags);
        Opt readOnly = last.get("read-only");
        if (readOnly != null && !bool(readOnly, diags)) {
            // qemu_legacy_drive_opts reads read-only before anything is opened; the node does not get it
            block.removeIf(o -> o.key().equals("read-only"));
        }
        throttling(last, diags);
        statsIntervals(opts, diags);
        if (aio != null && !AIO_MODES.contains(aio.value())) {
            diags.report(Code.BAD_ENUM, aio.o().valueSpan(), "invalid aio option", "aio= takes threads, native or io_uring");
            aio = null;
        }
        if (format != null) {
            if (last.containsKey("driver")) {
                diags.report(Code.ALIAS_CONFLICT, format.o().keySpan(), "Cannot specify both 'driver' and 'format'",
                        "format= is -drive's legacy name for driver=; keep one");
            } else {
                block.add(renamed(format.o(), "driver"));
            }
        }
        Opt media = last.get("media");
        if (media != null && media.value().equals("cdrom")) {
            // drive_new: a CD-ROM is read-only, whatever read-only= says
            block.removeIf(o -> o.key().equals("read-only"));
            block.add(synthetic(media.o(), "read-only", "on"));
        }
        boolean noFile = file == null || file.value().isEmpty();
        if (noFile && block.stream().allMatch(o -> o.key().equals("read-only"))) {
            // blockdev_init: no file and no options for the block layer is a drive without a medium
            into.emptyDrives.add(aside);
            return;
        }
        into.frontend.put(into.units.size(), aside);
        if (!noFile) {
            if (JsonFilename.is(file.value()) && file.o().valueText() != null) {
                List<FlatOption> json = JsonFilename.read(file.o().valueText(), diags);
                if (json == null) {
                    return; // QEMU stops at the json: error
                }
                block = Merge.explicitWins(json, block, diags);
            } else {
                block = ProtocolFilename.place(file.o(), "", false, block, diags);
                if (block == null) {
                    return; // QEMU stops where the filename is refused
                }
            }
        }
        if (aio != null) {
            aio(aio.o(), block);
        }
        for (Opt o : leftoverCache) {
            String driver = block.stream().filter(b -> b.key().equals("driver")).map(b -> b.value().display())
                    .reduce((a, b) -> b).orElse(null);
            DriverSchema schema = driver == null ? Drivers.probe() : Drivers.get(driver);
            if (schema != null) {
                diags.report(Code.UNKNOWN_OPTION, o.o().keySpan(), schema.unknownOptionMessage("cache"),
                        "cache= is given more than once; QEMU takes the last and passes the others on");
            }
        }
        ImageOpts.add(block, text, into, diags);
    }

    private static boolean isFrontEnd(String key) {
        return FRONTEND.contains(key) || THROTTLING.contains(key) || key.equals("throttling.group")
                || key.startsWith("stats-intervals.");
    }

    /**
     * drive_new's opt_renames with qemu_opt_rename: a legacy name given beside its QMP name is
     * refused; otherwise every item moves to the QMP name, the last one first, so that of repeated
     * legacy items the first one wins.
     */
    private static List<Opt> renamed(List<FlatOption> all, Diagnostics diags) {
        List<Opt> out = new ArrayList<>();
        for (FlatOption o : all) {
            out.add(new Opt(o, o.key()));
        }
        for (Map.Entry<String, String> r : RENAMES.entrySet()) {
            List<Opt> from = out.stream().filter(o -> o.name().equals(r.getKey())).toList();
            if (from.isEmpty()) {
                continue;
            }
            out.removeAll(from);
            if (out.stream().anyMatch(o -> o.name().equals(r.getValue()))) {
                diags.report(Code.ALIAS_CONFLICT, from.get(from.size() - 1).o().keySpan(), "'" + r.getValue()
                        + "' and its alias '" + r.getKey() + "' can't be used at the same time", "keep " + r.getValue() + "=");
                continue;
            }
            for (int i = from.size() - 1; i >= 0; i--) {
                out.add(new Opt(from.get(i).o(), r.getValue()));
            }
        }
        return out;
    }

    /** drive_new and blockdev_init on the drive's own options, in QEMU's order. */
    private static void frontEnd(Map<String, Opt> last, FrontEndResult into, Diagnostics diags) {
        Long bus = number(last.get("bus"), diags);
        Long unit = number(last.get("unit"), diags);
        Long index = number(last.get("index"), diags);
        for (String b : BOOLEANS) {
            bool(last.get(b), diags);
        }
        Opt media = last.get("media");
        if (media != null && !media.value().equals("disk") && !media.value().equals("cdrom")) {
            diags.report(Code.BAD_ENUM, media.o().valueSpan(), "'" + media.value() + "' invalid media",
                    "media= takes disk or cdrom");
        }
        Opt bus0 = last.get("if");
        String type = bus0 == null ? null : bus0.value();
        if (type != null && !INTERFACES.contains(type)) {
            diags.report(Code.BAD_ENUM, bus0.o().valueSpan(), "unsupported bus type '" + type + "'",
                    "if= takes " + String.join(", ", INTERFACES));
            type = null;
        }
        // qemu_opt_get_number gives uint64; drive_new keeps it in an int
        int busId = bus == null ? 0 : (int) (long) bus;
        int unitId = unit == null ? -1 : (int) (long) unit;
        int indexId = index == null ? -1 : (int) (long) index;
        if (indexId != -1 && (busId != 0 || unitId != -1)) {
            Opt at = last.get("index");
            diags.report(Code.DRIVER_CONSTRAINT, at.o().keySpan(), "index cannot be used with bus and unit",
                    "give index= alone, or bus= and unit=");
        } else if (type != null) {
            int maxDevs = MAX_DEVS.getOrDefault(type, 0);
            if (indexId != -1) {
                busId = maxDevs == 0 ? 0 : indexId / maxDevs;
                unitId = maxDevs == 0 ? indexId : indexId % maxDevs;
            }
            address(type, busId, unitId, indexId, maxDevs, last, into, diags);
        }
        Opt id = last.get("id");
        if (id != null && !into.driveIds.add(id.value())) {
            diags.report(Code.INVALID_ID, id.o().valueSpan(), "Duplicate ID '" + id.value() + "' for drive",
                    "give every -drive its own id");
        }
        for (String action : List.of("werror", "rerror")) {
            Opt o = last.get(action);
            if (o == null) {
                continue;
            }
            if (type != null && !ERROR_ACTION_BUSES.contains(type)) {
                diags.report(Code.DRIVER_CONSTRAINT, o.o().keySpan(), action + " is not supported by this bus type",
                        "if=" + type + " has no error actions");
                continue;
            }
            boolean read = action.equals("rerror");
            String v = o.value();
            if (!List.of("ignore", "stop", "report").contains(v) && !(!read && v.equals("enospc"))) {
                diags.report(Code.BAD_ENUM, o.o().valueSpan(), "'" + v + "' invalid " + (read ? "read" : "write")
                        + " error action", read ? "rerror= takes ignore, stop or report"
                                : "werror= takes ignore, stop, report or enospc");
            }
        }
        Opt dz = last.get("detect-zeroes");
        if (dz != null && !List.of("off", "on", "unmap").contains(dz.value())) {
            diags.report(Code.BAD_ENUM, dz.o().valueSpan(), "invalid parameter value: " + dz.value(),
                    "detect-zeroes= takes off, on or unmap");
        }
    }

    /** drive_new: a unit beyond the bus, or an address another -drive of the input took. */
    private static void address(String type, int bus, int unit, int index, int maxDevs, Map<String, Opt> last,
            FrontEndResult into, Diagnostics diags) {
        if (unit == -1) {
            unit = 0;
            while (into.driveAddresses.contains(type + ":" + bus + ":" + unit)) {
                unit++;
                if (maxDevs != 0 && unit >= maxDevs) {
                    unit -= maxDevs;
                    bus++;
                }
            }
        }
        Opt at = last.containsKey("unit") ? last.get("unit") : last.containsKey("index") ? last.get("index")
                : last.get("if");
        if (maxDevs != 0 && unit >= maxDevs) {
            diags.report(Code.OUT_OF_RANGE, at.o().valueSpan(), "unit " + unit + " too big (max is " + (maxDevs - 1) + ")",
                    null);
            return;
        }
        if (!into.driveAddresses.add(type + ":" + bus + ":" + unit)) {
            diags.report(Code.DRIVER_CONSTRAINT, at.o().span(), "drive with bus=" + bus + ", unit=" + unit + " (index="
                    + index + ") exists", "give each drive of one interface its own bus and unit");
        }
    }

    /**
     * extract_common_blockdev_options and throttle_is_valid: the limits are numbers, no bucket
     * mixes a total with read/write values, and bursts need a rate.
     */
    private static void throttling(Map<String, Opt> last, Diagnostics diags) {
        Map<String, Long> values = new LinkedHashMap<>();
        boolean ok = true;
        for (String key : THROTTLING) {
            Opt o = last.get(key);
            Long v = number(o, diags);
            ok &= o == null || v != null;
            if (v != null) {
                values.put(key.substring("throttling.".length()), v);
            }
        }
        if (!ok || values.isEmpty()) {
            return;
        }
        Opt at = last.get("throttling." + values.keySet().iterator().next());
        for (String kind : List.of("bps", "iops")) {
            for (String max : List.of("", "-max")) {
                if (get(values, kind + "-total" + max) != 0
                        && (get(values, kind + "-read" + max) != 0 || get(values, kind + "-write" + max) != 0)) {
                    report(diags, at, "bps/iops/max total values and read/write values cannot be used at the same time");
                    return;
                }
            }
        }
        if (get(values, "iops-size") != 0 && get(values, "iops-total") == 0 && get(values, "iops-read") == 0
                && get(values, "iops-write") == 0) {
            report(diags, at, "iops size requires an iops value to be set");
            return;
        }
        // util/throttle.c checks the buckets in BucketType order
        for (String bucket : List.of("bps-total", "bps-read", "bps-write", "iops-total", "iops-read", "iops-write")) {
            long avg = get(values, bucket);
            long max = get(values, bucket + "-max");
            long burst = values.getOrDefault(bucket + "-max-length", 1L);
            String problem = null;
            if (Long.compareUnsigned(avg, THROTTLE_VALUE_MAX) > 0 || Long.compareUnsigned(max, THROTTLE_VALUE_MAX) > 0) {
                problem = "bps/iops/max values must be within [0, " + THROTTLE_VALUE_MAX + "]";
            } else if (burst == 0) {
                problem = "the burst length cannot be 0";
            } else if (Long.compareUnsigned(burst, 1) > 0 && max == 0) {
                problem = "burst length set without burst rate";
            } else if (max != 0 && Long.compareUnsigned(burst, THROTTLE_VALUE_MAX / max) > 0) {
                problem = "burst length too high for this burst rate";
            } else if (max != 0 && avg == 0) {
                problem = "bps_max/iops_max require corresponding bps/iops values";
            } else if (max != 0 && max < avg) {
                problem = "bps_max/iops_max cannot be lower than bps/iops";
            }
            if (problem != null) {
                report(diags, at, problem);
                return;
            }
        }
    }

    private static long get(Map<String, Long> values, String key) {
        return values.getOrDefault(key, 0L);
    }

    private static void report(Diagnostics diags, Opt at, String message) {
        diags.report(Code.DRIVER_CONSTRAINT, at.o().span(), message, "see the throttling options in QEMU's -drive help");
    }

    /**
     * blockdev_init: stats-intervals.N are a list of interval lengths (qdict_array_split), and
     * parse_stats_intervals wants each in 1..UINT_MAX.
     */
    private static void statsIntervals(List<Opt> opts, Diagnostics diags) {
        Map<String, Opt> items = new LinkedHashMap<>();
        for (Opt o : opts) {
            if (o.name().startsWith("stats-intervals.")) {
                items.put(o.name().substring("stats-intervals.".length()), o);
            }
        }
        int n = 0;
        while (items.containsKey(Integer.toString(n))) {
            Opt o = items.remove(Integer.toString(n++));
            String v = o.value();
            boolean digits = !v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9');
            if (!digits || new java.math.BigInteger(v).signum() == 0
                    || new java.math.BigInteger(v).compareTo(java.math.BigInteger.valueOf(0xffffffffL)) > 0) {
                diags.report(Code.OUT_OF_RANGE, o.o().valueSpan(), "Invalid interval length: " + v,
                        "interval lengths are seconds, 1 or more");
            }
        }
        for (Map.Entry<String, Opt> e : items.entrySet()) {
            diags.report(Code.UNKNOWN_OPTION, e.getValue().o().keySpan(), "Invalid option stats-intervals." + e.getKey(),
                    "stats-intervals.0, .1, ... without gaps");
            return;
        }
    }

    /** QEMU_OPT_NUMBER (parse_option_number): the uint64 value, or null after reporting. */
    private static Long number(Opt o, Diagnostics diags) {
        if (o == null) {
            return null;
        }
        QemuNumbers.Result r = QemuNumbers.number(o.value());
        if (r.ok()) {
            return r.bits();
        }
        if (r.failure() == QemuNumbers.Failure.RANGE) {
            diags.report(Code.OUT_OF_RANGE, o.o().valueSpan(), "Value '" + o.value() + "' is too large for parameter '"
                    + o.name() + "'", null);
        } else {
            diags.report(Code.WRONG_TYPE, o.o().valueSpan(), "Parameter '" + o.name() + "' expects a number", null);
        }
        return null;
    }

    /** QEMU_OPT_BOOL (qapi_bool_parse): whether the value is absent or a boolean; reported otherwise. */
    private static boolean bool(Opt o, Diagnostics diags) {
        if (o != null && !List.of("on", "yes", "true", "y", "off", "no", "false", "n").contains(o.value())) {
            diags.report(Code.WRONG_TYPE, o.o().valueSpan(), "Parameter '" + o.name() + "' expects 'on' or 'off'",
                    "write on or off");
            return false;
        }
        return true;
    }

    /**
     * aio= is a flag of the whole drive (blockdev.c extract_common_blockdev_options, bdrv_parse_aio)
     * that file-posix reads as the default of its own aio option; other drivers ignore it.
     */
    private static void aio(FlatOption aio, List<FlatOption> block) {
        String at = ProtocolFilename.protocolNode(block, "", false);
        if (at == null || block.stream().anyMatch(o -> o.key().equals(at + "aio"))) {
            return;
        }
        String driver = null;
        boolean hasFilename = false;
        for (FlatOption o : block) {
            if (o.key().equals(at + "driver")) {
                driver = o.value().display();
            } else if (o.key().equals(at + "filename")) {
                hasFilename = true;
            }
        }
        if (driver == null ? hasFilename : FILE_POSIX.contains(driver)) {
            block.add(renamed(aio, at + "aio"));
        }
    }

    private static FlatOption renamed(FlatOption o, String key) {
        Span[] frags = new Span[key.split("\\.", -1).length];
        java.util.Arrays.fill(frags, o.keySpan());
        return new FlatOption(key, o.keySpan(), o.value(), o.valueSpan(), frags, o.valueText());
    }

    /** bdrv_parse_cache_mode; specific cache.* options take precedence. */
    private static void cacheMode(FlatOption cache, Map<String, Opt> given, List<FlatOption> block,
            Map<String, String> aside, Diagnostics diags) {
        String mode = cache.value().display();
        boolean direct;
        boolean noFlush = false;
        boolean writeback;
        switch (mode) {
            case "off":
            case "none":
                direct = true;
                writeback = true;
                break;
            case "directsync":
                direct = true;
                writeback = false;
                break;
            case "writeback":
                direct = false;
                writeback = true;
                break;
            case "unsafe":
                direct = false;
                writeback = true;
                noFlush = true;
                break;
            case "writethrough":
                direct = false;
                writeback = false;
                break;
            default:
                diags.report(Code.BAD_ENUM, cache.valueSpan(), "invalid cache option",
                        "cache= takes none, writeback, writethrough, directsync or unsafe");
                return;
        }
        if (!given.containsKey("cache.writeback")) {
            aside.put("cache.writeback", writeback ? "on" : "off");
        }
        if (!given.containsKey("cache.direct")) {
            block.add(synthetic(cache, "cache.direct", direct ? "on" : "off"));
        }
        if (!given.containsKey("cache.no-flush")) {
            block.add(synthetic(cache, "cache.no-flush", noFlush ? "on" : "off"));
        }
    }

    private static FlatOption synthetic(FlatOption from, String key, String value) {
        Span[] frags = new Span[key.split("\\.", -1).length];
        java.util.Arrays.fill(frags, from.span());
        return new FlatOption(key, from.span(), new Scalar.Str(value), from.valueSpan(), frags, null);
    }
}
