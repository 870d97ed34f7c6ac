package io.qbmc.compile;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.options.DottedReader;
import io.qbmc.options.FlatOption;
import io.qbmc.options.Scalar;
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
 * guest device rather than the block graph, which are kept aside.
 */
final class Drive {
    /**
     * Options of the drive or guest device, not of any block node (blockdev.c qemu_legacy_drive_opts,
     * qemu_common_drive_opts and the renamed throttling keys). serial, addr, boot, cyls, heads, secs
     * and trans are gone from 7.2's -drive: QEMU refuses them as unknown options.
     */
    static final Set<String> FRONTEND = Set.of("if", "bus", "unit", "index", "media", "id", "werror",
            "rerror", "snapshot", "copy-on-read",
            "cache.writeback", "stats-account-invalid", "stats-account-failed", "group", "iops", "iops_rd",
            "iops_wr", "bps", "bps_rd", "bps_wr", "iops_max", "iops_rd_max", "iops_wr_max", "bps_max", "bps_rd_max",
            "bps_wr_max", "iops_size");

    /** drive_new's opt_renames: legacy throttling names and their QMP spellings. */
    static final Map<String, String> THROTTLING_ALIASES = Map.ofEntries(
            Map.entry("iops", "throttling.iops-total"), Map.entry("iops_rd", "throttling.iops-read"),
            Map.entry("iops_wr", "throttling.iops-write"), Map.entry("bps", "throttling.bps-total"),
            Map.entry("bps_rd", "throttling.bps-read"), Map.entry("bps_wr", "throttling.bps-write"),
            Map.entry("iops_max", "throttling.iops-total-max"), Map.entry("iops_rd_max", "throttling.iops-read-max"),
            Map.entry("iops_wr_max", "throttling.iops-write-max"), Map.entry("bps_max", "throttling.bps-total-max"),
            Map.entry("bps_rd_max", "throttling.bps-read-max"), Map.entry("bps_wr_max", "throttling.bps-write-max"),
            Map.entry("iops_size", "throttling.iops-size"), Map.entry("group", "throttling.group"));

    /** bdrv_parse_aio on Linux with io_uring (Debian's QEMU 7.2). */
    private static final Set<String> AIO_MODES = Set.of("threads", "native", "io_uring");
    /** The drivers of block/file-posix.c, which read the aio flag. */
    private static final Set<String> FILE_POSIX = Set.of("file", "host_device", "host_cdrom");

    private Drive() {
    }

    static void read(Text text, FrontEndResult into, Diagnostics diags) {
        List<FlatOption> all = DottedReader.qemuOpts(text, null, diags);
        Map<String, FlatOption> last = new LinkedHashMap<>();
        for (FlatOption o : all) {
            last.put(o.key(), o);
        }
        List<FlatOption> block = new ArrayList<>();
        Map<String, String> aside = new LinkedHashMap<>();
        into.frontend.put(into.units.size(), aside);
        FlatOption file = null;
        FlatOption aio = null;
        FlatOption format = null;
        FlatOption cache = null;
        for (FlatOption o : all) {
            String key = o.key();
            String alias = THROTTLING_ALIASES.get(key);
            if (alias != null && last.containsKey(alias)) {
                diags.report(Code.ALIAS_CONFLICT, o.keySpan(),
                        "'" + alias + "' and its alias '" + key + "' can't be used at the same time", "keep " + alias + "=");
                continue;
            }
            if (FRONTEND.contains(key) || key.startsWith("throttling.")) {
                aside.put(key, o.value().display());
                diags.report(Code.FRONTEND_KEY, o.keySpan(),
                        "'" + key + "' configures the drive or guest device; kept aside, not part of the block graph",
                        null);
                continue;
            }
            switch (key) {
                case "file":
                    file = o;
                    break;
                case "aio":
                    aio = o;
                    break;
                case "format":
                    format = o;
                    break;
                case "cache":
                    cache = o;
                    break;
                case "readonly":
                    if (last.containsKey("read-only")) {
                        diags.report(Code.ALIAS_CONFLICT, o.keySpan(),
                                "'read-only' and its alias 'readonly' can't be used at the same time", "keep read-only=");
                    } else {
                        block.add(renamed(o, "read-only"));
                    }
                    break;
                default:
                    block.add(o);
            }
        }
        if (format != null) {
            if (last.containsKey("driver")) {
                diags.report(Code.ALIAS_CONFLICT, format.keySpan(), "Cannot specify both 'driver' and 'format'",
                        "format= is -drive's legacy name for driver=; keep one");
            } else {
                block.add(renamed(format, "driver"));
            }
        }
        if (cache != null) {
            cacheMode(cache, last, block, aside, diags);
        }
        // blockdev_init: an empty file= is no file at all
        if (file != null && !file.value().display().isEmpty()) {
            String path = file.value().display();
            if (JsonFilename.is(path) && file.valueText() != null) {
                List<FlatOption> json = JsonFilename.read(file.valueText(), diags);
                if (json == null) {
                    return; // QEMU stops at the json: error
                }
                block = Merge.explicitWins(json, block, diags);
            } else {
                block = ProtocolFilename.place(file, "", false, block, diags);
                if (block == null) {
                    return; // QEMU stops where the filename is refused
                }
            }
        }
        if (aio != null) {
            aio(aio, block, diags);
        }
        ImageOpts.add(block, text, into, diags);
    }

    /**
     * aio= is a flag of the whole drive (blockdev.c extract_common_blockdev_options, bdrv_parse_aio)
     * that file-posix reads as the default of its own aio option; other drivers ignore it.
     */
    private static void aio(FlatOption aio, List<FlatOption> block, Diagnostics diags) {
        String mode = aio.value().display();
        if (!AIO_MODES.contains(mode)) {
            diags.report(Code.BAD_ENUM, aio.valueSpan(), "invalid aio option", "aio= takes threads, native or io_uring");
            return;
        }
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
        if (driver == null && hasFilename || FILE_POSIX.contains(driver)) {
            block.add(renamed(aio, at + "aio"));
        }
    }

    private static FlatOption renamed(FlatOption o, String key) {
        Span[] frags = new Span[key.split("\\.", -1).length];
        java.util.Arrays.fill(frags, o.keySpan());
        return new FlatOption(key, o.keySpan(), o.value(), o.valueSpan(), frags, o.valueText());
    }

    /** bdrv_parse_cache_mode; specific cache.* options take precedence. */
    private static void cacheMode(FlatOption cache, Map<String, FlatOption> given, List<FlatOption> block,
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
        return new FlatOption(key, from.span(), new Scalar.Str(value), from.valueSpan(),
                new Span[] {from.span(), from.span()}, null);
    }
}
