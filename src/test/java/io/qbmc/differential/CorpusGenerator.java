package io.qbmc.differential;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The differential corpus: hand-written edge cases plus generated configurations over every
 * driver qemu-img knows, valid and broken, in dotted and json: form. Seeded, so every run and
 * every machine sees the same specs.
 *
 * <p>What the corpus leaves out on purpose, because qemu-img's verdict would depend on the
 * machine or on qemu-img info's read-only, no-I/O open rather than on the configuration
 * (docs: /work/shared/reference/qemu-oracle.md):
 * <ul>
 * <li>missing files, offsets beyond the file, qcow2 data-file/lazy-refcounts against the header;</li>
 * <li>backing.* overrides (qemu-img info opens with BDRV_O_NO_BACKING and refuses them);</li>
 * <li>rewrite-corrupted=on, copy-on-read and take-child-perms=write without read-only=off
 *     (qemu-img info opens read-only);</li>
 * <li>luks without key-secret (qemu-img info opens with BDRV_O_NO_IO, which skips the key);</li>
 * <li>objects that do not exist (only sec0 and tg0 are defined, and used);</li>
 * <li>bad size/latency-ns/read-zeroes on null-co/null-aio and bad namespace on nvme: those
 *     drivers absorb their options with &amp;error_abort, so qemu-img aborts;</li>
 * <li>cache.direct=on and aio=native/io_uring (O_DIRECT and io_uring depend on the file system
 *     and kernel);</li>
 * <li>unknown options on network drivers that parse with QemuOpts (nbd, iscsi, curl, nvme):
 *     the block layer reports leftovers only after the driver connected, which never happens
 *     here. ssh and rbd parse everything with a QAPI visitor first, so theirs are kept;</li>
 * <li>rbd with a monitor list (librados then retries for minutes).</li>
 * </ul>
 */
final class CorpusGenerator {
    static final long SEED = 0x9bd1_2024_0507L;
    /** Generated specs on top of the fixed ones. */
    static final int GENERATED = 620;

    static final List<String> LOCAL_DRIVERS = List.of("file", "host_device", "host_cdrom", "raw", "qcow2", "luks",
            "quorum", "null-co", "null-aio", "blkdebug", "blkverify", "throttle", "copy-on-read");
    static final List<String> NETWORK_DRIVERS = List.of("nbd", "rbd", "iscsi", "ssh", "http", "https", "ftp", "ftps",
            "nvme");

    private static final List<String> EVENTS = List.of("read_aio", "write_aio", "flush_to_disk", "l2_load",
            "cow_read", "pwritev", "refblock_alloc", "none");
    private static final List<String> IOTYPES = List.of("read", "write", "write-zeroes", "discard", "flush",
            "block-status");
    private static final List<String> TRUE = List.of("on", "yes", "true", "y");
    private static final List<String> FALSE = List.of("off", "no", "false", "n");

    private final Random rng;
    private final List<Spec> specs = new ArrayList<>();
    private final Set<String> texts = new HashSet<>();

    private CorpusGenerator(long seed) {
        this.rng = new Random(seed);
    }

    static List<Spec> corpus() {
        return corpus(SEED);
    }

    static List<Spec> corpus(long seed) {
        CorpusGenerator g = new CorpusGenerator(seed);
        g.fixed();
        int target = g.specs.size() + GENERATED;
        for (int tries = 0; g.specs.size() < target && tries < GENERATED * 20; tries++) {
            g.generated();
        }
        g.moreDrivers();
        return List.copyOf(g.specs);
    }

    // ---------------------------------------------------------------- recording

    private void add(String category, String driver, String text) {
        if (texts.add(text)) {
            boolean network = NETWORK_DRIVERS.contains(driver);
            specs.add(new Spec(category + "/" + driver + "/" + specs.size(), category, driver, text, network));
        }
    }

    /** Adds a configuration in dotted or json: form, chosen at random. */
    private void add(String category, String driver, Opts o) {
        add(category, driver, rng.nextInt(100) < 55 ? o.dotted() : o.json(rng));
    }

    private <T> T pick(List<T> list) {
        return list.get(rng.nextInt(list.size()));
    }

    private boolean chance(int percent) {
        return rng.nextInt(100) < percent;
    }

    // ---------------------------------------------------------------- fixed edge cases

    private void fixed() {
        String a = Workspace.RAW_A;
        // plain raw-over-file in both forms, and the shapes QEMU normalises
        add("valid", "raw", "driver=raw,file.driver=file,file.filename=a.raw");
        add("valid", "raw", "json:{\"driver\":\"raw\",\"file\":{\"driver\":\"file\",\"filename\":\"a.raw\"}}");
        add("valid", "raw", "json:{'driver':'raw','file':{'driver':'file','filename':'a.raw'}}");
        add("valid", "raw", "json:  {\n \"driver\" : \"raw\" ,\n \"file.filename\" : \"a.raw\" }\n");
        add("valid", "raw", "file.filename=a.raw");
        add("valid", "raw", "json:{\"file\":{\"filename\":\"d.qcow2\"}}");
        add("valid", "raw", "driver=raw,file.filename=a.raw,");
        // a JSON object with numeric keys is the same as a list after qdict_flatten
        add("valid", "quorum", "json:{\"driver\":\"quorum\",\"vote-threshold\":1,\"children\":{\"0\":"
                + "{\"driver\":\"raw\",\"file\":{\"driver\":\"file\",\"filename\":\"a.raw\"}}}}");
        // typed JSON values QEMU turns into strings before QemuOpts parses them
        add("valid", "raw", "json:{\"driver\":\"raw\",\"offset\":512,\"size\":1024,\"file\":{\"filename\":\"a.raw\"}}");
        add("valid", "raw", "json:{\"driver\":\"raw\",\"offset\":512.0,\"size\":1e3,\"file\":{\"filename\":\"a.raw\"}}");
        add("bad-size", "raw", "json:{\"driver\":\"raw\",\"size\":512.5,\"file\":{\"filename\":\"a.raw\"}}");
        add("bad-bool", "raw", "json:{\"driver\":\"raw\",\"read-only\":1,\"file\":{\"filename\":\"a.raw\"}}");
        add("bad-number", "quorum", "json:{\"driver\":\"quorum\",\"vote-threshold\":true,\"children\":[{\"driver\":"
                + "\"raw\",\"file\":{\"filename\":\"a.raw\"}}]}");
        add("valid", "raw", "json:{\"driver\":\"raw\",\"size\":null,\"file\":{\"filename\":\"a.raw\"}}");
        add("valid", "qcow2", "json:{\"driver\":\"qcow2\",\"backing\":null,\"file\":{\"filename\":\"d.qcow2\"}}");
        add("valid", "qcow2", "driver=qcow2,backing=,file.filename=d.qcow2");
        add("missing-required", "qcow2", "driver=qcow2,backing=null,file.filename=d.qcow2");
        // a non-string driver is ignored and the format probed (bdrv_fill_options)
        add("valid", "raw", "json:{\"driver\":7,\"file\":{\"filename\":\"a.raw\"}}");
        add("missing-required", "raw", "json:{\"driver\":\"raw\",\"file\":{}}");
        add("missing-required", "quorum", "json:{\"driver\":\"quorum\",\"vote-threshold\":1,\"children\":[]}");
        // nested beats flat; flat and nested merge
        add("duplicate-key", "raw", "json:{\"driver\":\"raw\",\"file\":{\"filename\":\"b.raw\"},\"file.filename\":\"a.raw\"}");
        add("duplicate-key", "raw", "json:{\"driver\":\"raw\",\"file.filename\":\"a.raw\",\"file\":{\"filename\":\"b.raw\"}}");
        add("valid", "raw", "json:{\"driver\":\"raw\",\"file\":{\"driver\":\"file\"},\"file.filename\":\"a.raw\"}");
        add("duplicate-key", "raw", "driver=raw,file.filename=a.raw,file.filename=b.raw");
        add("duplicate-key", "raw", "driver=qcow2,driver=raw,file.filename=a.raw");
        add("duplicate-key", "raw", "json:{\"driver\":\"raw\",\"driver\":\"raw\",\"file\":{\"filename\":\"a.raw\"}}");
        // QemuOpts quirks: flags, empty keys, commas in key position, ids
        add("unknown-option", "raw", "driver=raw,file.filename=a.raw,bogus");
        add("valid", "raw", "driver=raw,file.filename=a.raw,read-only");
        add("valid", "raw", "driver=raw,file.filename=a.raw,noread-only");
        add("unknown-option", "raw", "driver=raw,file.filename=a.raw,=x");
        add("unknown-option", "raw", "driver=raw,file.filename=x,y.raw");
        add("comma-filename", "raw", "driver=raw,file.filename=x,,y.raw");
        add("comma-filename", "raw", "driver=raw,file.filename=x,,,y.raw");
        add("unknown-option", "raw", "driver=raw,file.filename=a.raw,id=foo");
        add("unknown-option", "raw", "driver=raw,file.filename=a.raw,id=1foo");
        add("missing-required", "raw", "a.raw");
        add("missing-required", "raw", "file=a.raw");
        add("missing-required", "raw", "driver=raw");
        add("missing-required", "file", "driver=file");
        add("missing-required", "raw", "");
        add("missing-required", "raw", "filename=a.raw");
        add("unknown-option", "raw", "driver=raw,file.filename=a.raw,format=raw");
        add("unknown-option", "raw", "driver=raw,file.filename=a.raw,cache=none");
        add("unknown-option", "raw", "driver=raw,file.filename=a.raw, read-only=on");
        add("missing-required", "raw", "driver=raw,file=a.raw");
        add("missing-required", "raw", "driver=raw,file=node0,file.filename=a.raw");
        // driver names are case-sensitive
        add("misspelled-driver", "raw", "driver=RAW,file.filename=a.raw");
        add("misspelled-driver", "raw", "driver=raw,file.driver=File,file.filename=a.raw");
        add("misspelled-driver", "qcow2", "driver=qcow3,file.filename=d.qcow2");
        add("misspelled-driver", "raw", "driver=qbm,file.filename=a.raw");
        // json: syntax (qobject/json-lexer.c, json-parser.c)
        add("json-syntax", "raw", "json:");
        add("json-syntax", "raw", "json:{\"driver\":\"raw\",\"file\":{\"filename\":\"a.raw\"}");
        add("json-syntax", "raw", "json:{\"driver\":\"raw\",\"file\":{\"filename\":\"a.raw\"}} x");
        add("json-syntax", "raw", "json:{\"driver\":\"raw\",\"file\":{\"filename\":\"a.raw\"}}{}");
        add("json-syntax", "raw", "json:{\"driver\" \"raw\"}");
        add("json-syntax", "raw", "json:{driver:\"raw\"}");
        add("json-syntax", "raw", "json:a.raw");
        add("json-syntax", "raw", "json:{\"driver\":\"raw\",/* c */\"file\":{\"filename\":\"a.raw\"}}");
        add("json-syntax", "raw", "json:{\"driver\":\"raw\",\"file\":{\"filename\":\"a.raw\"}} // c");
        add("json-syntax", "raw", "json:{\"driver\":\"raw\",%\"file\":{\"filename\":\"a.raw\"}}");
        add("json-syntax", "raw", "json:{\"driver\":\"raw\",\"file\":{\"filename\":\"a\\q.raw\"}}");
        add("json-syntax", "raw", "json:[]");
        add("json-syntax", "raw", "json:\"a.raw\"");
        add("json-syntax", "raw", "json:{\"driver\":\"raw\",\"file\":{\"filename\":\"a.raw\",}}");
        add("json-syntax", "raw", "json:{\"driver\":\"raw\",\"file\":{\"filename\":\"a.raw\"},,}");
        add("json-syntax", "raw", "JSON:{\"driver\":\"raw\",\"file\":{\"filename\":\"a.raw\"}}");
        add("json-syntax", "raw", "json:{\"driver\":\"raw\",\"file\":{\"filename\":\"\\u0061.raw\"}}");
        add("json-syntax", "raw", "json:{\"driver\":\"raw\",\"file\":{\"filename\":\"caf\\u00e9-\\u00DF.raw\"}}");
        add("json-syntax", "raw", "json:{\"driver\":\"raw\",\"file\":{\"filename\":'a.raw'}}");
        add("json-syntax", "raw", "json:{\"driver\":\"raw\",\"file\":{\"filename\":\"a.raw\"},\"x\":[1,2,]}");
        add("json-syntax", "raw", "json:{\"driver\":\"raw\",\"file\":{\"filename\":\"a.raw\"},\"x\":tru}");
        add("json-syntax", "raw", "json:{\"driver\":\"raw\",\"file\":{\"filename\":\"a.raw\"},\"x\":01}");
        // nested json: where QEMU honours it, and where it is a literal path (block.c §3.3)
        add("nested-json", "blkdebug", "driver=blkdebug,x-image=json:{\"driver\":\"raw\",,\"file\":{\"driver\":"
                + "\"file\",,\"filename\":\"a.raw\"}}");
        add("nested-json", "blkdebug", "json:{\"driver\":\"blkdebug\",\"x-image\":\"json:{\\\"driver\\\":\\\"file\\\","
                + "\\\"filename\\\":\\\"b.raw\\\"}\"}");
        add("nested-json", "blkdebug", "driver=blkdebug,x-image=a.raw");
        add("nested-json", "raw", "driver=raw,file.filename=" + Workspace.JSON_NAMED.replace(",", ",,"));
        add("nested-json", "raw", Opts.of("driver", "raw", "file.filename", Workspace.JSON_NAMED).json(rng));
        add("nested-json", "raw", "driver=raw,file.driver=file,file.filename=json:{\"driver\": \"file\",, "
                + "\"filename\": \"a.raw\"}");
        add("nested-json", "raw", "json:{\"driver\":\"raw\",\"file\":\"json:{\\\"driver\\\":\\\"file\\\"}\"}");
        add("nested-json", "raw", "json:{\"driver\":\"raw\",\"file\":{\"filename\":\"json:{}\"}}");
        // protocol prefixes are literal in options
        add("nested-json", "raw", "driver=raw,file.filename=file:a.raw");
        add("valid", "null-co", "driver=raw,file.driver=null-co");
        add("unknown-option", "null-co", "driver=null-co,filename=null-co://");
        // node names (block.c bdrv_assign_node_name)
        add("node-name", "raw", "driver=raw,node-name=n" + "x".repeat(30) + ",file.filename=a.raw");
        add("node-name", "raw", "driver=raw,node-name=n" + "x".repeat(31) + ",file.filename=a.raw");
        add("node-name", "raw", "driver=raw,node-name=1abc,file.filename=a.raw");
        add("node-name", "raw", "driver=raw,node-name=a.b-c_d,file.filename=a.raw");
        add("node-name", "raw", "driver=raw,node-name=,file.filename=a.raw");
        add("node-name", "raw", "driver=raw,node-name=#x,file.filename=a.raw");
        add("node-name", "quorum", "driver=quorum,vote-threshold=1,children.0.node-name=same,children.0.driver=raw,"
                + "children.0.file.filename=a.raw,children.0.file.node-name=same");
        // common options
        add("common-options", "raw", "driver=raw,detect-zeroes=unmap,file.filename=a.raw");
        add("common-options", "raw", "driver=raw,detect-zeroes=unmap,discard=unmap,file.filename=a.raw");
        add("common-options", "raw", "driver=raw,discard=trim,file.filename=a.raw");
        add("common-options", "raw", "driver=raw,force-share=on,read-only=on,file.filename=a.raw");
        add("common-options", "raw", "driver=raw,force-share=on,read-only=off,file.filename=a.raw");
        add("common-options", "raw", "driver=raw,force-share=on,file.filename=a.raw");
        // QemuOpts numbers and sizes (util/qemu-option.c parse_option_number, parse_option_size)
        for (String v : List.of("1Q", "16Gi", "-1", "1.5", "0x1.8k", "18446744073709551616", "16E", " 512",
                "512 ", "0x200k", "1.5k", "0.5M", "1e3", "k", "")) {
            add("bad-size", "raw", "driver=raw,offset=" + v + ",file.filename=a.raw");
        }
        for (String v : List.of("abc", "3.14", "08", "010", "0x", "0x10", "99999999999999999999", " 1", "1 ", "-1",
                "+5", "")) {
            add("bad-number", "file", "driver=file,filename=a.raw,aio-max-batch=" + v);
        }
        for (String v : List.of("abc", "3.14", "08", "0x1", "01", "1.0")) {
            add("bad-number", "quorum", "driver=quorum,vote-threshold=" + v + ",children.0.driver=raw,"
                    + "children.0.file.filename=a.raw");
        }
        for (String v : List.of("abc", "0x1c", "-5", "1.5")) {
            add("bad-number", "blkdebug", "driver=blkdebug,image.filename=a.raw,inject-error.0.event=read_aio,"
                    + "inject-error.0.errno=" + v);
        }
        for (String v : List.of("on", "off", "yes", "no", "true", "false", "y", "n", "ON", "Yes", "1", "0", "",
                "of")) {
            add("bad-bool", "raw", "driver=raw,read-only=" + v + ",file.filename=a.raw");
        }
        add("bad-size", "qcow2", "driver=qcow2,l2-cache-size=1Q,file.filename=d.qcow2");
        // the argument is taken verbatim: surrounding blanks belong to the first key or last value
        add("bad-number", "file", "driver=file,filename=a.raw,aio-max-batch=1\n");
        add("json-syntax", "raw", " json:{\"driver\":\"raw\",\"file\":{\"filename\":\"a.raw\"}}");
        add("unknown-option", "raw", "\tdriver=raw,file.filename=a.raw");
        add("bad-number", "qcow2", "driver=qcow2,cache-clean-interval=-1,file.filename=d.qcow2");
        add("bad-number", "qcow2", "driver=qcow2,cache-clean-interval=4294967296,file.filename=d.qcow2");
        // raw windows (block/raw-format.c)
        add("raw-window", "raw", "driver=raw,size=1000,file.filename=a.raw");
        add("raw-window", "raw", "driver=raw,offset=1,size=512,file.filename=a.raw");
        add("raw-window", "raw", "driver=raw,offset=0x200,size=1k,file.filename=a.raw");
        add("raw-window", "raw", "driver=raw,size=0,file.filename=a.raw");
        // quorum (block/quorum.c)
        String q2 = "driver=quorum,children.0.driver=raw,children.0.file.filename=a.raw,"
                + "children.1.driver=raw,children.1.file.filename=b.raw";
        add("vote-threshold", "quorum", q2);
        add("vote-threshold", "quorum", q2 + ",vote-threshold=0");
        add("vote-threshold", "quorum", q2 + ",vote-threshold=3");
        add("vote-threshold", "quorum", q2 + ",vote-threshold=-1");
        add("vote-threshold", "quorum", q2 + ",vote-threshold=4294967297");
        add("vote-threshold", "quorum", q2 + ",vote-threshold=18446744073709551616");
        add("vote-threshold", "quorum", q2 + ",vote-threshold=0x2");
        add("quorum-blkverify", "quorum", q2 + ",vote-threshold=2,blkverify=on");
        add("quorum-blkverify", "quorum", q2 + ",vote-threshold=1,blkverify=on");
        add("quorum-blkverify", "quorum", q2 + ",vote-threshold=2,blkverify=on,rewrite-corrupted=on,read-only=off");
        add("quorum-blkverify", "quorum", q2 + ",vote-threshold=1,blkverify=on,read-pattern=fifo");
        add("quorum-blkverify", "quorum", q2 + ",vote-threshold=2,read-pattern=bogus");
        add("quorum-children", "quorum", "driver=quorum,vote-threshold=1,children.0.driver=raw,"
                + "children.0.file.filename=a.raw,children.2.driver=raw,children.2.file.filename=b.raw");
        add("quorum-children", "quorum", "driver=quorum,vote-threshold=1,children.1.driver=raw,"
                + "children.1.file.filename=a.raw");
        add("quorum-children", "quorum", "driver=quorum,vote-threshold=1,children.00.driver=raw,"
                + "children.00.file.filename=a.raw");
        add("quorum-children", "quorum", "driver=quorum,vote-threshold=1,children.x.driver=raw,"
                + "children.x.file.filename=a.raw");
        add("quorum-children", "quorum", "driver=quorum,vote-threshold=1,children=a.raw");
        add("quorum-children", "quorum", "driver=quorum,vote-threshold=1,children.0=a.raw");
        // blkdebug rules (util/qemu-config.c config_parse_qdict_section)
        add("blkdebug-rules", "blkdebug", "driver=blkdebug,image.filename=a.raw,inject-error.event=read_aio");
        add("blkdebug-rules", "blkdebug", "driver=blkdebug,image.filename=a.raw,inject-error.event=read_aio,"
                + "inject-error.0.event=write_aio");
        add("blkdebug-rules", "blkdebug", "driver=blkdebug,image.filename=a.raw,inject-error.0.errno=5");
        add("blkdebug-rules", "blkdebug", "driver=blkdebug,image.filename=a.raw,inject-error.0.event=bogus");
        add("blkdebug-rules", "blkdebug", "driver=blkdebug,image.filename=a.raw,inject-error.0.event=read_aio,"
                + "inject-error.0.bogus=1");
        add("blkdebug-rules", "blkdebug", "driver=blkdebug,image.filename=a.raw,inject-error.1.event=read_aio");
        add("blkdebug-rules", "blkdebug", "driver=blkdebug,image.filename=a.raw,set-state.0.event=read_aio");
        add("blkdebug-rules", "blkdebug", "driver=blkdebug,image.filename=a.raw,set-state.0.event=read_aio,"
                + "set-state.0.new_state=2,set-state.0.state=1");
        add("blkdebug-rules", "blkdebug", "driver=blkdebug,image.filename=a.raw,inject-error.0.event=read_aio,"
                + "inject-error.0.iotype=bogus");
        add("blkdebug-rules", "blkdebug", "driver=blkdebug,config=empty.cfg,image.filename=a.raw");
        add("blkdebug-rules", "blkdebug", "driver=blkdebug,align=3,image.filename=a.raw");
        add("blkdebug-rules", "blkdebug", "driver=blkdebug,align=4096,max-transfer=1000,image.filename=a.raw");
        add("blkdebug-rules", "blkdebug", "driver=blkdebug,align=512,max-transfer=64k,opt-discard=4k,"
                + "max-discard=1M,image.filename=a.raw");
        add("blkdebug-rules", "blkdebug", "driver=blkdebug,image.filename=a.raw,take-child-perms.0=consistent-read");
        add("blkdebug-rules", "blkdebug", "driver=blkdebug,image.filename=a.raw,unshare-child-perms.0=bogus");
        // blkverify's children: raw is opened as a protocol node, test is probed
        add("blkverify", "blkverify", "driver=blkverify,raw.filename=a.raw,test.file.filename=d.qcow2");
        add("blkverify", "blkverify", "driver=blkverify,raw.filename=a.raw,test.filename=b.raw");
        add("blkverify", "blkverify", "driver=blkverify,raw.file.filename=a.raw,test.driver=raw,test.file.filename=b.raw");
        add("blkverify", "blkverify", "driver=blkverify,x-raw=a.raw,x-image=b.raw");
        add("blkverify", "blkverify", "driver=blkverify,raw.filename=a.raw");
        // filters: their file child is opened as a protocol node
        add("valid", "throttle", "driver=throttle,throttle-group=tg0,file.filename=a.raw");
        add("missing-required", "throttle", "driver=throttle,throttle-group=tg0,file.file.filename=a.raw");
        add("missing-required", "throttle", "driver=throttle,file.filename=a.raw");
        add("valid", "copy-on-read", "driver=copy-on-read,read-only=off,file.filename=a.raw");
        add("missing-required", "copy-on-read", "driver=copy-on-read,read-only=off,file.file.filename=a.raw");
        // long values: a 3000-character path, and a canonical name past 4095 bytes
        String longPath = "./".repeat(1500) + a;
        add("long-value", "raw", "driver=raw,file.filename=" + longPath);
        add("long-value", "file", Opts.of("driver", "file", "filename", longPath).json(rng));
        StringBuilder many = new StringBuilder("driver=quorum,vote-threshold=1");
        for (int i = 0; i < 12; i++) {
            many.append(",children.").append(i).append(".driver=raw,children.").append(i)
                    .append(".file.filename=").append("./".repeat(150)).append(Workspace.RAW_FILES.get(i % 3));
        }
        add("long-value", "quorum", many.toString());
        add("long-value", "raw", "driver=raw,file.filename=a.raw,node-name=" + "n".repeat(300));
        // blkdebug's plain name would pass PATH_MAX, so QEMU falls back to a (cut) json: name
        add("long-value", "blkdebug", "driver=blkdebug,config=" + "./".repeat(1100) + Workspace.EMPTY_CONFIG
                + ",image.filename=" + "./".repeat(1000) + a);
        add("long-value", "blkverify", "driver=blkverify,raw.filename=" + "./".repeat(1000) + a
                + ",test.file.filename=" + "./".repeat(1050) + Workspace.RAW_B);
        // unicode
        add("unicode-filename", "raw", "driver=raw,file.filename=" + Workspace.UNICODE);
        add("unicode-filename", "raw", "json:{\"driver\":\"raw\",\"file\":{\"filename\":\"\\u00fcn\\u00ef-\\u65e5\\u672c-"
                + "\\ud83d\\ude00.raw\"}}");
        add("unicode-filename", "raw", "driver=raw,file.filename=a.raw,node-name=\u00e9t\u00e9");
        // network drivers: structural errors QEMU reports before connecting
        add("network", "nbd", "driver=nbd");
        add("network", "nbd", "driver=nbd,host=127.0.0.1");
        add("network", "nbd", "driver=nbd,path=/nonexistent/nbd.sock");
        add("network", "nbd", "driver=nbd,host=127.0.0.1,server.type=inet,server.host=127.0.0.1,server.port=10809");
        add("network", "nbd", "driver=nbd,server.host=127.0.0.1,server.port=10809");
        add("network", "nbd", "driver=nbd,server.type=unix,server.path=/nonexistent/nbd.sock,server.host=x");
        add("network", "nbd", "driver=nbd,server.type=inet,server.host=127.0.0.1,server.port=10809,export="
                + "e".repeat(5000));
        add("network", "ssh", "driver=ssh,server.host=127.0.0.1,path=/img");
        add("network", "ssh", "driver=ssh,host=127.0.0.1,path=/img");
        add("network", "ssh", "driver=ssh,port=22,path=/img");
        add("network", "ssh", "driver=ssh,server.host=127.0.0.1,server.port=22,path=/img,host-key-check.mode=hash");
        add("network", "ssh", "driver=ssh,server.host=127.0.0.1,server.port=22,path=/img,host-key-check.mode=none,"
                + "host-key-check.type=md5");
        add("network", "iscsi", "driver=iscsi,transport=tcp,portal=127.0.0.1,target=iqn.2000-01.com.example:t,user=u");
        add("network", "iscsi", "driver=iscsi,transport=tcp,portal=127.0.0.1,target=iqn.2000-01.com.example:t,user=u,"
                + "password=p,password-secret=sec0");
        add("network", "iscsi", "driver=iscsi,transport=tcp,portal=127.0.0.1,target=iqn.2000-01.com.example:t,user=u,"
                + "password=p");
        add("network", "http", "driver=http,url=http://127.0.0.1/x.img,readahead=1000");
        add("network", "http", "driver=http,url=https://127.0.0.1/x.img");
        add("network", "http", "driver=http,url=http://127.0.0.1/x.img,cookie=a,cookie-secret=sec0");
        add("network", "http", "driver=http,url=http://127.0.0.1/x.img,timeout=100000");
        add("network", "nvme", "driver=nvme,device=0000:00:01.0");
        add("network", "rbd", "driver=rbd,pool=p,image=i,conf=empty.cfg,encrypt.format=luks-any,encrypt.key-secret=sec0");
        add("network", "rbd", "driver=rbd,pool=p,image=i,conf=empty.cfg,password-secret=sec0");
    }

    // ---------------------------------------------------------------- generated specs

    private void generated() {
        boolean network = rng.nextInt(100) < 22;
        String driver = network ? pick(NETWORK_DRIVERS) : pick(LOCAL_DRIVERS);
        Opts base = network ? networkBase(driver) : localBase(driver);
        int roll = rng.nextInt(100);
        if (roll < 40) {
            add(flavour(base), driver, base);
            return;
        }
        if (network) {
            networkBroken(driver, base);
        } else {
            localBroken(driver, base);
        }
    }

    /** The category of a valid spec: what makes it interesting besides its driver. */
    private static String flavour(Opts o) {
        String text = o.dotted();
        if (text.length() > 1500) {
            return "long-value";
        }
        if (o.keys().stream().anyMatch(k -> k.endsWith("filename")) && text.contains(",,")) {
            return "comma-filename";
        }
        if (!text.chars().allMatch(c -> c < 0x80)) {
            return "unicode-filename";
        }
        return "valid";
    }

    private String rawFile() {
        int r = rng.nextInt(100);
        if (r < 50) {
            return pick(List.of(Workspace.RAW_A, Workspace.RAW_B, Workspace.RAW_C));
        }
        if (r < 62) {
            return Workspace.COMMA;
        }
        if (r < 72) {
            return Workspace.UNICODE;
        }
        if (r < 80) {
            return Workspace.ACCENTED;
        }
        if (r < 86) {
            return Workspace.SPACE;
        }
        if (r < 93) {
            return "./" + pick(List.of(Workspace.RAW_A, Workspace.RAW_B));
        }
        return "./".repeat(200 + rng.nextInt(1200)) + Workspace.RAW_A;
    }

    private String bool(boolean value) {
        return pick(value ? TRUE : FALSE);
    }

    /** The options bdrv_runtime_opts gives every node; none of them makes a verdict machine-dependent. */
    private void common(Opts o, String prefix) {
        if (chance(20)) {
            o.put(prefix + "node-name", "n" + prefix.replace(".", "-") + rng.nextInt(1000));
        }
        if (chance(12)) {
            o.put(prefix + "read-only", bool(true));
        }
        if (chance(12)) {
            o.put(prefix + "discard", pick(List.of("ignore", "off", "on", "unmap")));
        }
        if (chance(10)) {
            o.put(prefix + "detect-zeroes", pick(List.of("off", "on")));
        }
        if (chance(10)) {
            o.put(prefix + "cache.no-flush", bool(chance(50)));
        }
        if (chance(6)) {
            o.put(prefix + "cache.direct", bool(false));
        }
        if (chance(6)) {
            o.put(prefix + "auto-read-only", bool(chance(50)));
        }
        if (chance(5)) {
            o.put(prefix + "read-only", "on").put(prefix + "force-share", bool(true));
        }
    }

    /** A protocol-level child (a format's file, blkdebug's image, blkverify's raw). */
    private Opts protocolChild(String file) {
        Opts o = new Opts();
        if (chance(55)) {
            o.put("driver", "file");
        }
        o.put("filename", file);
        if (chance(15)) {
            o.put("locking", pick(List.of("auto", "off", "on")));
        }
        if (chance(8)) {
            o.put("aio", "threads");
        }
        if (chance(8)) {
            o.put("drop-cache", bool(chance(50)));
        }
        if (chance(6)) {
            o.put("aio-max-batch", Integer.toString(rng.nextInt(64)));
        }
        if (chance(4)) {
            o.put("x-check-cache-dropped", bool(false));
        }
        common(o, "");
        return o;
    }

    /** A format-level image: raw, qcow2 or luks over a file, or a probed file. */
    private Opts image() {
        int r = rng.nextInt(100);
        if (r < 45) {
            return raw();
        }
        if (r < 70) {
            return qcow2();
        }
        if (r < 80) {
            return luks();
        }
        return Opts.of("file.filename", chance(50) ? rawFile() : Workspace.QCOW2);
    }

    private Opts localBase(String driver) {
        switch (driver) {
            case "file": {
                Opts o = protocolChild(rawFile());
                o.put("driver", "file");
                return o;
            }
            case "host_device":
            case "host_cdrom": {
                Opts o = Opts.of("driver", driver, "filename", Workspace.DEVICE);
                common(o, "");
                return o;
            }
            case "raw":
                return raw();
            case "qcow2":
                return qcow2();
            case "luks":
                return luks();
            case "quorum":
                return quorum();
            case "null-co":
            case "null-aio":
                return nullDriver(driver);
            case "blkdebug":
                return blkdebug();
            case "blkverify":
                return blkverify();
            case "throttle":
                return filter(Opts.of("driver", "throttle", "throttle-group", "tg0"));
            case "copy-on-read":
                // copy-on-read needs write permission, which qemu-img info's read-only open lacks
                return filter(Opts.of("driver", "copy-on-read", "read-only", "off"));
            default:
                throw new IllegalArgumentException(driver);
        }
    }

    private Opts raw() {
        Opts o = Opts.of("driver", "raw");
        if (chance(10)) {
            o.addAll(Opts.of("driver", "host_device", "filename", Workspace.DEVICE).nestUnder("file"));
            return o;
        }
        o.addAll(protocolChild(rawFile()).nestUnder("file"));
        if (chance(30)) {
            o.put("offset", pick(List.of("0", "512", "1000", "0x200", "1k", "4096", "64K")));
        }
        if (chance(30)) {
            o.put("size", pick(List.of("512", "1024", "4k", "0x1000", "0.5k", "65536", "512b", "8K")));
        }
        common(o, "");
        return o;
    }

    private Opts qcow2() {
        Opts o = Opts.of("driver", "qcow2");
        o.addAll(protocolChild(Workspace.QCOW2).nestUnder("file"));
        if (chance(15)) {
            o.put("pass-discard-request", bool(chance(50)));
        }
        if (chance(10)) {
            o.put("lazy-refcounts", bool(chance(50)));
        }
        if (chance(12)) {
            o.put("overlap-check", pick(List.of("none", "constant", "cached", "all")));
        } else if (chance(8)) {
            o.put("overlap-check.template", pick(List.of("none", "all")));
            o.put("overlap-check.main-header", bool(chance(50)));
        }
        if (chance(12)) {
            o.put("cache-size", "1M");
            o.put("l2-cache-size", pick(List.of("64k", "256k", "1M")));
        }
        if (chance(8)) {
            o.put("refcount-cache-size", pick(List.of("64k", "128k")));
        }
        if (chance(8)) {
            o.put("cache-clean-interval", Integer.toString(rng.nextInt(600)));
        }
        if (chance(12)) {
            o.put("encrypt.key-secret", "sec0");
        }
        common(o, "");
        return o;
    }

    private Opts luks() {
        Opts o = Opts.of("driver", "luks", "key-secret", "sec0");
        o.addAll(protocolChild(Workspace.LUKS).nestUnder("file"));
        common(o, "");
        return o;
    }

    private Opts quorum() {
        int n = 1 + rng.nextInt(3);
        Opts o = Opts.of("driver", "quorum");
        for (int i = 0; i < n; i++) {
            o.addAll(quorumChild().nestUnder("children." + i));
        }
        int threshold = 1 + rng.nextInt(n);
        o.put("vote-threshold", Integer.toString(threshold));
        if (chance(25)) {
            o.put("read-pattern", pick(List.of("quorum", "fifo")));
        }
        if (n == 2 && threshold == 2 && chance(40)) {
            o.put("blkverify", bool(true));
        } else if (chance(20)) {
            o.put("blkverify", bool(false));
        } else if (chance(15)) {
            o.put("rewrite-corrupted", bool(true)).put("read-only", "off");
        }
        common(o, "");
        if ("on".equals(o.get("read-only")) && o.get("rewrite-corrupted") != null) {
            o.put("read-only", "off");
        }
        return o;
    }

    /**
     * A quorum child: quorum_co_getlength refuses children of different lengths ("Could not
     * refresh total sector count"), so every child is 1 MiB: no raw window, no /dev/null.
     */
    private Opts quorumChild() {
        if (chance(15)) {
            return Opts.of("driver", "null-co", "size", "1M");
        }
        Opts child = image();
        if ("raw".equals(child.get("driver"))) {
            child.remove("offset").remove("size");
            if (Workspace.DEVICE.equals(child.get("file.filename"))) {
                child = Opts.of("driver", "raw", "file.filename", Workspace.RAW_A);
            }
        }
        return child;
    }

    private Opts nullDriver(String driver) {
        Opts o = Opts.of("driver", driver);
        if (chance(40)) {
            o.put("size", pick(List.of("1M", "1048576", "1G", "0x100000", "512", "0")));
        }
        if (chance(30)) {
            o.put("read-zeroes", bool(chance(50)));
        }
        if (chance(25)) {
            o.put("latency-ns", Integer.toString(rng.nextInt(1000)));
        }
        common(o, "");
        return o;
    }

    private Opts blkdebug() {
        Opts o = Opts.of("driver", "blkdebug");
        Opts image = chance(70) ? protocolChild(rawFile()) : Opts.of("driver", "raw", "file.filename", rawFile());
        o.addAll(image.nestUnder("image"));
        if (chance(20)) {
            o.put("config", Workspace.EMPTY_CONFIG);
        }
        if (chance(25)) {
            String align = pick(List.of("512", "4096", "4k"));
            o.put("align", align);
            if (chance(50)) {
                o.put("max-transfer", pick(List.of("64k", "65536", "1M")));
            }
        }
        if (chance(10)) {
            o.put("opt-write-zero", "4k").put("max-write-zero", "64k");
        }
        int rules = chance(40) ? 1 + rng.nextInt(2) : 0;
        for (int i = 0; i < rules; i++) {
            String p = "inject-error." + i + ".";
            o.put(p + "event", pick(EVENTS));
            if (chance(40)) {
                o.put(p + "errno", pick(List.of("5", "28", "0x1c")));
            }
            if (chance(30)) {
                o.put(p + "iotype", pick(IOTYPES));
            }
            if (chance(25)) {
                o.put(p + "once", bool(chance(50)));
            }
            if (chance(15)) {
                o.put(p + "immediately", bool(chance(50)));
            }
            if (chance(20)) {
                o.put(p + "state", Integer.toString(1 + rng.nextInt(3)));
            }
            if (chance(15)) {
                o.put(p + "sector", Integer.toString(rng.nextInt(100)));
            }
        }
        if (chance(20)) {
            o.put("set-state.0.event", pick(EVENTS));
            o.put("set-state.0.new_state", Integer.toString(1 + rng.nextInt(3)));
            if (chance(50)) {
                o.put("set-state.0.state", "1");
            }
        }
        common(o, "");
        return o;
    }

    private Opts blkverify() {
        Opts o = Opts.of("driver", "blkverify");
        o.addAll(protocolChild(rawFile()).nestUnder("raw"));
        Opts test = chance(70) ? image() : Opts.of("file.filename", rawFile());
        o.addAll(test.nestUnder("test"));
        common(o, "");
        return o;
    }

    /**
     * throttle and copy-on-read: a filter whose file child QEMU opens as a protocol node, so a
     * format below needs its driver (the probed form is in the fixed cases).
     */
    private Opts filter(Opts o) {
        Opts child = chance(55) ? protocolChild(rawFile()) : image();
        if (child.get("driver") == null && child.get("filename") == null) {
            child.put("driver", "raw");
        }
        o.addAll(child.nestUnder("file"));
        common(o, "");
        if (o.get("driver").equals("copy-on-read")) {
            // copy-on-read takes write permission on its child: nothing below may be read-only
            for (String k : o.keys()) {
                if (k.endsWith("read-only") && !k.endsWith("auto-read-only") || k.endsWith("force-share")) {
                    o.remove(k);
                }
            }
            o.put("read-only", "off");
        }
        return o;
    }

    private Opts networkBase(String driver) {
        switch (driver) {
            case "nbd": {
                Opts o = Opts.of("driver", "nbd");
                if (chance(70)) {
                    o.put("server.type", "inet").put("server.host", pick(List.of("127.0.0.1", "localhost",
                            "nbd.example.invalid"))).put("server.port", pick(List.of("10809", "10810")));
                    if (chance(20)) {
                        o.put("server.numeric", bool(chance(50)));
                    }
                    if (chance(15)) {
                        o.put("server.keep-alive", bool(chance(50)));
                    }
                } else {
                    o.put("server.type", "unix").put("server.path", "/nonexistent/nbd.sock");
                }
                if (chance(40)) {
                    o.put("export", pick(List.of("disk", "exp,1", "d\u00efsk")));
                }
                if (chance(20)) {
                    o.put("reconnect-delay", Integer.toString(rng.nextInt(10)));
                }
                if (chance(10)) {
                    o.put("x-dirty-bitmap", "qemu:dirty-bitmap:b0");
                }
                common(o, "");
                return o;
            }
            case "rbd": {
                Opts o = Opts.of("driver", "rbd", "pool", pick(List.of("rbd", "pool1")), "image", "img",
                        "conf", Workspace.EMPTY_CONFIG);
                if (chance(20)) {
                    o.put("namespace", "ns");
                }
                if (chance(20)) {
                    o.put("snapshot", "snap");
                }
                if (chance(25)) {
                    o.put("user", "admin");
                }
                if (chance(15)) {
                    o.put("auth-client-required.0", pick(List.of("cephx", "none")));
                }
                if (chance(15)) {
                    o.put("key-secret", "sec0");
                }
                common(o, "");
                return o;
            }
            case "iscsi": {
                Opts o = Opts.of("driver", "iscsi", "transport", "tcp", "portal",
                        pick(List.of("127.0.0.1", "127.0.0.1:3260", "iscsi.example.invalid")), "target",
                        "iqn.2000-01.com.example:tgt");
                if (chance(30)) {
                    o.put("lun", Integer.toString(rng.nextInt(4)));
                }
                if (chance(20)) {
                    o.put("initiator-name", "iqn.2000-01.com.example:init");
                }
                if (chance(20)) {
                    o.put("header-digest", pick(List.of("crc32c", "none", "crc32c-none", "none-crc32c")));
                }
                if (chance(20)) {
                    o.put("timeout", Integer.toString(rng.nextInt(30)));
                }
                if (chance(20)) {
                    o.put("user", "u").put(chance(50) ? "password" : "password-secret", chance(50) ? "sec0" : "p");
                    if (o.get("password-secret") != null) {
                        o.put("password-secret", "sec0");
                    }
                }
                common(o, "");
                return o;
            }
            case "ssh": {
                Opts o = Opts.of("driver", "ssh", "server.host", pick(List.of("127.0.0.1", "ssh.example.invalid")),
                        "server.port", pick(List.of("22", "2222")), "path", "/images/disk.img");
                if (chance(25)) {
                    o.put("user", "root");
                }
                if (chance(30)) {
                    String mode = pick(List.of("none", "known_hosts", "hash"));
                    o.put("host-key-check.mode", mode);
                    if (mode.equals("hash")) {
                        o.put("host-key-check.type", pick(List.of("md5", "sha1", "sha256")));
                        o.put("host-key-check.hash", "0123abcd");
                    }
                }
                common(o, "");
                return o;
            }
            case "http":
            case "https":
            case "ftp":
            case "ftps": {
                Opts o = Opts.of("driver", driver, "url", driver + "://" + pick(List.of("127.0.0.1",
                        "www.example.invalid")) + "/x.img");
                if (chance(25)) {
                    o.put("readahead", pick(List.of("64k", "1M", "512", "0")));
                }
                if (chance(25)) {
                    o.put("timeout", Integer.toString(1 + rng.nextInt(60)));
                }
                if (chance(20)) {
                    o.put("username", "u").put("password-secret", "sec0");
                }
                if (driver.startsWith("http") && chance(20)) {
                    o.put("cookie", "session=1,,x");
                }
                if (driver.endsWith("s") && chance(30)) {
                    o.put("sslverify", bool(chance(50)));
                }
                common(o, "");
                return o;
            }
            case "nvme": {
                Opts o = Opts.of("driver", "nvme", "device", pick(List.of("0000:00:01.0", "0000:3b:00.0")),
                        "namespace", Integer.toString(1 + rng.nextInt(2)));
                common(o, "");
                return o;
            }
            default:
                throw new IllegalArgumentException(driver);
        }
    }

    // ---------------------------------------------------------------- the other drivers of qemu-img 7.2

    /**
     * The image formats, filters and vvfat declared in FormatDrivers, checked after the generated
     * specs so that those stay as they were. Left out, because qemu-img's verdict depends on what
     * the files hold or on checks qbmc does not make: vmdk extents.N (read only for descriptor
     * files), qcow encrypt.* (read only when the header says the image is encrypted), compress
     * over a format without compressed writes, copy-before-write's target without its own driver
     * (QAPI demands one at every level), and dmg, bochs and cloop, which qemu-img cannot create
     * (their schema is tested in FormatDriversTest).
     */
    private void moreDrivers() {
        for (String f : Workspace.FORMAT_IMAGES) {
            String img = Workspace.image(f);
            Opts base = Opts.of("driver", f, "file.filename", img);
            add("valid", f, base.dotted());
            add("valid", f, base.json(rng));
            add("valid", f, Opts.of("driver", f, "read-only", "on", "file.driver", "file", "file.filename", img,
                    "file.locking", "off").json(rng));
            add("unknown-option", f, base.copy().put("bogus", "1").dotted());
            add("unknown-option", f, base.copy().put("file.bogus", "1").json(rng));
            add("unknown-option", f, base.copy().put(misspell("read-only"), "on").dotted());
            add("misspelled-driver", f, base.copy().put("driver", f.toUpperCase(java.util.Locale.ROOT)).dotted());
            add("bad-bool", f, base.copy().put("read-only", "maybe").dotted());
            add("missing-required", f, Opts.of("driver", f).dotted());
            // a JSON null backing is dropped by the block layer, whether or not the driver has backing files
            add("valid", f, "json:{\"driver\":\"" + f + "\",\"backing\":null,\"file\":{\"filename\":\"" + img + "\"}}");
            if (!List.of("vmdk", "qcow", "qed").contains(f)) {
                add("unknown-option", f, base.copy().put("backing.driver", "raw").dotted());
            }
        }
        // an extent's file name comes from the descriptor: one given too clashes with it
        add("unknown-option", "vmdk", "driver=vmdk,file.filename=" + Workspace.image("vmdk")
                + ",extents.0.driver=file,extents.0.filename=" + Workspace.RAW_A);
        String vpc = Workspace.image("vpc");
        add("valid", "vpc", "driver=vpc,force_size_calc=chs,file.filename=" + vpc);
        add("valid", "vpc", "driver=vpc,force_size_calc=current_size,file.filename=" + vpc);
        add("bad-enum", "vpc", "driver=vpc,force_size_calc=CHS,file.filename=" + vpc);
        String prl = Workspace.image("parallels");
        add("valid", "parallels", "driver=parallels,prealloc-mode=truncate,prealloc-size=1M,file.filename=" + prl);
        add("valid", "parallels", "driver=parallels,prealloc-mode=falloc,file.filename=" + prl);
        add("bad-enum", "parallels", "driver=parallels,prealloc-mode=bogus,file.filename=" + prl);
        add("bad-size", "parallels", "driver=parallels,prealloc-size=1Q,file.filename=" + prl);
        add("valid", "qcow", "driver=qcow,encrypt.key-secret=sec0,file.filename=" + Workspace.image("qcow"));
        add("unknown-option", "vhdx", "driver=vhdx,log-replay=on,file.filename=" + Workspace.image("vhdx"));
        // a format image behind another format, and a format as a backing-capable child of quorum
        add("valid", "raw", "driver=raw,file.driver=vmdk,file.file.filename=" + Workspace.image("vmdk"));
        add("valid", "quorum", "driver=quorum,vote-threshold=1,children.0.driver=qed,children.0.file.filename="
                + Workspace.image("qed"));

        String a = Workspace.RAW_A;
        String b = Workspace.RAW_B;
        String blk = "driver=blklogwrites,file.filename=" + a + ",log.filename=" + b;
        add("valid", "blklogwrites", blk);
        add("valid", "blklogwrites", blk + ",log-sector-size=4096,log-super-update-interval=10");
        add("valid", "blklogwrites", "driver=blklogwrites,file.filename=" + a + ",log.filename=" + Workspace.EMPTY_CONFIG
                + ",log-append=on");
        add("unknown-option", "blklogwrites", blk + ",log-size=4096");
        add("missing-required", "blklogwrites", "driver=blklogwrites,file.filename=" + a);
        add("bad-bool", "blklogwrites", blk + ",log-append=maybe");
        add("bad-size", "blklogwrites", blk + ",log-sector-size=4q");
        add("bad-number", "blklogwrites", blk + ",log-super-update-interval=abc");

        String pre = "driver=preallocate,file.filename=" + a;
        add("valid", "preallocate", pre);
        add("valid", "preallocate", pre + ",prealloc-size=1M,prealloc-align=4096");
        add("unknown-option", "preallocate", pre + ",prealloc-mode=falloc");
        add("bad-size", "preallocate", pre + ",prealloc-size=lots");
        add("missing-required", "preallocate", "driver=preallocate");
        // JSON integers from 2^63 to 2^64-1 are uint64 to QEMU's parser; 2^64 is a float
        for (String v : List.of("9223372036854775808", "18446744073709551615", "18446744073709551616")) {
            add(v.endsWith("16") ? "bad-size" : "valid", "preallocate", "json:{\"driver\":\"preallocate\",\"file\":"
                    + "{\"driver\":\"file\",\"filename\":\"" + a + "\"},\"prealloc-size\":" + v + "}");
        }

        String cmp = "driver=compress,file.driver=qcow2,file.file.filename=" + Workspace.QCOW2;
        add("valid", "compress", cmp);
        add("unknown-option", "compress", cmp + ",level=9");
        add("missing-required", "compress", "driver=compress");

        String cbw = "driver=copy-before-write,read-only=off,file.filename=" + a + ",target.driver=file,target.filename=" + b;
        add("valid", "copy-before-write", cbw);
        add("valid", "copy-before-write", cbw + ",on-cbw-error=break-snapshot,cbw-timeout=5");
        add("unknown-option", "copy-before-write", cbw + ",bogus=1");
        add("bad-enum", "copy-before-write", cbw + ",on-cbw-error=bogus");
        add("bad-number", "copy-before-write", cbw + ",cbw-timeout=abc");
        // QAPI parses copy-before-write's options in every form: cbw-timeout is a uint32
        add("valid", "copy-before-write", cbw + ",cbw-timeout=4294967295");
        add("bad-number", "copy-before-write", cbw + ",cbw-timeout=4294967296");
        add("bad-number", "copy-before-write", cbw + ",cbw-timeout=-1");
        add("missing-required", "nfs", "driver=nfs,path=/x,server.host=localhost");
        add("missing-required", "gluster", "driver=gluster,volume=v,path=p");
        add("driver-constraint", "gluster", "driver=gluster,volume=v,path=p,server.0.type=unix,server.0.path=/s,"
                + "server.1.type=fd,server.1.str=3");
        add("missing-required", "copy-before-write", "driver=copy-before-write,read-only=off,file.filename=" + a);

        String rep = "driver=replication,file.filename=" + a;
        add("valid", "replication", rep + ",mode=primary");
        add("valid", "replication", rep + ",mode=secondary,top-id=top");
        add("missing-required", "replication", rep);
        add("bad-enum", "replication", rep + ",mode=tertiary");
        add("unknown-option", "replication", rep + ",mode=primary,top=x");

        add("valid", "snapshot-access", "driver=snapshot-access,file.filename=" + a);
        add("unknown-option", "snapshot-access", "driver=snapshot-access,file.filename=" + a + ",bitmap=b");

        String fat = "driver=vvfat,dir=" + Workspace.FAT_DIR;
        add("valid", "vvfat", fat);
        add("valid", "vvfat", fat + ",fat-type=16,floppy=off,label=QBMC,rw=off");
        add("valid", "vvfat", "json:{\"driver\":\"raw\",\"file\":{\"driver\":\"vvfat\",\"dir\":\"" + Workspace.FAT_DIR
                + "\",\"fat-type\":12,\"floppy\":true}}");
        add("unknown-option", "vvfat", fat + ",size=1M");
        add("missing-required", "vvfat", "driver=vvfat");
        add("bad-bool", "vvfat", fat + ",floppy=maybe");
        add("bad-number", "vvfat", fat + ",fat-type=sixteen");
        driverConstraints(fat, blk, pre, rep);
    }

    /** The drivers' own checks on option values, each next to a value just inside the bounds. */
    private void driverConstraints(String fat, String blk, String pre, String rep) {
        add("valid", "vvfat", fat + ",fat-type=32");
        add("valid", "vvfat", fat + ",fat-type=4294967312");
        add("driver-constraint", "vvfat", fat + ",fat-type=24");
        add("driver-constraint", "vvfat", fat + ",fat-type=-16");
        add("valid", "vvfat", fat + ",label=ABCDEFGHIJK");
        add("driver-constraint", "vvfat", fat + ",label=ABCDEFGHIJKL");
        add("driver-constraint", "vvfat", fat + ",label=\u00c4\u00c4\u00c4\u00c4\u00c4\u00c4");
        add("valid", "blklogwrites", blk + ",log-sector-size=32");
        add("valid", "blklogwrites", blk + ",log-sector-size=8M");
        add("driver-constraint", "blklogwrites", blk + ",log-sector-size=1000");
        add("driver-constraint", "blklogwrites", blk + ",log-sector-size=16");
        add("driver-constraint", "blklogwrites", blk + ",log-sector-size=16M");
        add("driver-constraint", "blklogwrites", blk + ",log-sector-size=0");
        add("driver-constraint", "blklogwrites", blk + ",log-super-update-interval=0");
        add("valid", "blklogwrites", blk + ",log-super-update-interval=18446744073709551615");
        add("driver-constraint", "blklogwrites", blk + ",log-append=on,log-sector-size=512");
        add("valid", "blklogwrites", blk + ",log-append=off,log-sector-size=512");
        add("valid", "preallocate", pre + ",prealloc-align=0");
        add("valid", "preallocate", pre + ",prealloc-align=1536");
        add("driver-constraint", "preallocate", pre + ",prealloc-align=1000");
        add("driver-constraint", "replication", rep + ",mode=secondary");
        add("driver-constraint", "replication", rep + ",mode=primary,top-id=x");
        add("valid", "null-co", "driver=null-co,latency-ns=9223372036854775807");
        add("driver-constraint", "null-co", "driver=null-co,latency-ns=-1");
        add("driver-constraint", "null-aio", "driver=null-aio,latency-ns=9223372036854775808");
    }

    // ---------------------------------------------------------------- breaking things

    /** A key of the spec whose last part has the given name, or null. */
    private String keyNamed(Opts o, List<String> names) {
        List<String> found = new ArrayList<>();
        for (String k : o.keys()) {
            if (names.contains(k.substring(k.lastIndexOf('.') + 1))) {
                found.add(k);
            }
        }
        return found.isEmpty() ? null : pick(found);
    }

    private String misspell(String word) {
        if (word.length() < 3) {
            return word + "x";
        }
        int i = 1 + rng.nextInt(word.length() - 2);
        char[] c = word.toCharArray();
        char t = c[i];
        c[i] = c[i + 1];
        c[i + 1] = t;
        String s = new String(c);
        return s.equals(word) ? word + "e" : s;
    }

    /** Prefixes of the child nodes in a spec ("", "file.", "children.0.", ...). */
    private List<String> nodePrefixes(Opts o) {
        List<String> out = new ArrayList<>();
        for (String k : o.keys()) {
            if (k.equals("driver") || k.endsWith(".driver")) {
                out.add(k.substring(0, k.length() - "driver".length()));
            }
        }
        if (out.isEmpty()) {
            out.add("");
        }
        return out;
    }

    private void localBroken(String driver, Opts base) {
        Opts o = base.copy();
        int r = rng.nextInt(100);
        if (r < 18) {
            // an option no driver has, or a known one misspelled
            if (chance(50)) {
                o.put(pick(nodePrefixes(o)) + pick(List.of("bogus", "x-bogus", "size2", "file-name")), "1");
            } else {
                String k = pick(o.keys());
                String last = k.substring(k.lastIndexOf('.') + 1);
                o.rename(k, k.substring(0, k.length() - last.length()) + misspell(last));
            }
            add("unknown-option", driver, o);
        } else if (r < 28) {
            String key = pick(o.keys().stream().filter(k -> k.equals("driver") || k.endsWith(".driver")).toList());
            String d = o.get(key);
            o.put(key, pick(List.of(misspell(d), d.toUpperCase(java.util.Locale.ROOT), d + "2", d.replace("-", "_"))));
            add("misspelled-driver", driver, o);
        } else if (r < 36) {
            badBool(driver, o);
        } else if (r < 50) {
            badNumberOrSize(driver, o);
        } else if (r < 58) {
            badEnum(driver, o);
        } else if (r < 68) {
            missing(driver, o);
        } else if (r < 76) {
            duplicate(driver, o);
        } else if (r < 84) {
            jsonBroken(driver, o);
        } else {
            specific(driver, o);
        }
    }

    private void badBool(String driver, Opts o) {
        String key = keyNamed(o, List.of("read-only", "auto-read-only", "force-share", "no-flush", "direct",
                "drop-cache", "blkverify", "rewrite-corrupted", "read-zeroes", "once", "immediately",
                "pass-discard-request", "lazy-refcounts"));
        if (key == null || driver.startsWith("null-")) {
            // null-co absorbs its own options with &error_abort: only common ones are safe there
            key = pick(nodePrefixes(o)) + pick(List.of("read-only", "auto-read-only", "cache.no-flush"));
        }
        o.put(key, pick(List.of("maybe", "ON", "1", "", "Off", "yes!", "tru")));
        add("bad-bool", driver, o);
    }

    private void badNumberOrSize(String driver, Opts o) {
        String key = keyNamed(o, List.of("vote-threshold", "offset", "size", "align", "max-transfer", "errno",
                "aio-max-batch", "cache-size", "l2-cache-size", "cache-clean-interval", "state", "sector"));
        if (key != null && String.valueOf(o.get(key.substring(0, key.lastIndexOf('.') + 1) + "driver")).startsWith("null-")) {
            key = null;
        }
        if (key == null) {
            // no number yet: give a file node (named by its filename) a bad aio-max-batch
            for (String k : o.keys()) {
                if (k.equals("filename") || k.endsWith(".filename")) {
                    String prefix = k.substring(0, k.length() - "filename".length());
                    if (!Workspace.DEVICE.equals(o.get(k)) && !"null-co".equals(o.get(prefix + "driver"))) {
                        key = prefix + "aio-max-batch";
                    }
                }
            }
        }
        if (key == null) {
            // no number here (or null-co, which aborts on a bad one): break a boolean instead
            badBool(driver, o);
            return;
        }
        String name = key.substring(key.lastIndexOf('.') + 1);
        boolean size = List.of("offset", "size", "align", "max-transfer", "cache-size", "l2-cache-size").contains(name);
        o.put(key, size ? pick(List.of("1Q", "-1", "16Gi", "1.5", "0x1.8", "k", "1e3", "18446744073709551616", "99999E"))
                : pick(List.of("3.14", "abc", "08", "0x", "1e3", "--1", "99999999999999999999")));
        add(size ? "bad-size" : "bad-number", driver, o);
    }

    private void badEnum(String driver, Opts o) {
        String key = keyNamed(o, List.of("discard", "detect-zeroes", "locking", "aio", "read-pattern", "overlap-check",
                "event", "iotype", "template"));
        if (key == null) {
            key = pick(nodePrefixes(o)) + pick(List.of("discard", "detect-zeroes"));
        }
        o.put(key, pick(List.of("bogus", "ON", "Unmap", "", "threads2")));
        add("bad-enum", driver, o);
    }

    private void missing(String driver, Opts o) {
        List<String> required = new ArrayList<>();
        for (String k : o.keys()) {
            String last = k.substring(k.lastIndexOf('.') + 1);
            if (List.of("filename", "vote-threshold", "throttle-group", "event").contains(last)) {
                required.add(k);
            }
        }
        for (String child : List.of("file", "image", "raw", "test", "children")) {
            if (o.keys().stream().anyMatch(k -> k.startsWith(child + "."))) {
                required.add(child);
            }
        }
        if (required.isEmpty()) {
            o.remove("driver");
        } else {
            o.remove(pick(required));
        }
        add("missing-required", driver, o);
    }

    private void duplicate(String driver, Opts o) {
        String key = pick(o.keys());
        String value = o.get(key);
        if (key.endsWith("filename")) {
            o.add(key, value);
        } else {
            Opts first = Opts.of(key, key.endsWith("driver") ? "raw" : "x");
            first.addAll(o);
            o = first;
        }
        if (chance(50)) {
            add("duplicate-key", driver, o.dotted());
        } else {
            // QEMU's JSON parser refuses duplicate keys in one object
            add("duplicate-key", driver, o.json(rng));
        }
    }

    private void jsonBroken(String driver, Opts o) {
        String json = o.json(rng);
        int r = rng.nextInt(7);
        String broken;
        switch (r) {
            case 0:
                broken = json.substring(0, json.length() - 1);
                break;
            case 1:
                broken = json + pick(List.of(" x", "}", ",", " {}"));
                break;
            case 2:
                broken = json.replaceFirst(":", " ");
                break;
            case 3:
                broken = "json:{/* comment */" + json.substring(6);
                break;
            case 4:
                broken = json.replaceFirst("\"driver\"", "driver").replaceFirst("'driver'", "driver");
                break;
            case 5:
                broken = json.substring(0, json.length() - 1) + ",\"driver\":\"raw\"}";
                break;
            default:
                broken = json.replaceFirst("\"", "\"\\x");
                break;
        }
        add("json-syntax", driver, broken);
    }

    /** The checks each driver makes on its own, before or after opening its children. */
    private void specific(String driver, Opts o) {
        switch (driver) {
            case "quorum": {
                int n = 0;
                while (o.get("children." + n + ".driver") != null || o.get("children." + n + ".file.filename") != null
                        || o.keys().contains("children." + n + ".size")) {
                    n++;
                }
                int r = rng.nextInt(4);
                if (r == 0) {
                    o.put("vote-threshold", pick(List.of("0", Integer.toString(n + 1), "-1", "4294967297")));
                    add("vote-threshold", driver, o);
                } else if (r == 1) {
                    o.rename("children." + (n - 1), "children." + (n + rng.nextInt(2)));
                    add("quorum-children", driver, o);
                } else if (r == 2) {
                    o.put("blkverify", "on");
                    add("quorum-blkverify", driver, o);
                } else {
                    o.put("blkverify", "on").put("rewrite-corrupted", "on").put("read-only", "off");
                    add("quorum-blkverify", driver, o);
                }
                return;
            }
            case "raw":
                o.put("size", pick(List.of("1000", "513", "1k1", "100")));
                add("raw-window", driver, o);
                return;
            case "blkdebug":
                if (chance(50)) {
                    o.put("align", pick(List.of("3", "1000", "0x3000")));
                } else {
                    o.put("align", "4096").put("max-transfer", pick(List.of("1000", "6k")));
                }
                add("blkdebug-rules", driver, o);
                return;
            case "qcow2":
                o.put("cache-size", "64k").put("l2-cache-size", "1M");
                add("qcow2-cache", driver, o);
                return;
            default:
                o.put(pick(nodePrefixes(o)) + "node-name", pick(List.of("1bad", "bad name", "n" + "x".repeat(31),
                        "-n", "n\u00e9")));
                add("node-name", driver, o);
        }
    }

    private void networkBroken(String driver, Opts o) {
        int r = rng.nextInt(100);
        switch (driver) {
            case "nbd":
                if (r < 25) {
                    o.remove("server");
                } else if (r < 45) {
                    o.remove(pick(List.of("server.type", "server.host", "server.port", "server.path")));
                } else if (r < 65) {
                    o.put("server." + pick(List.of("bogus", "hots", "cid")), "1");
                } else if (r < 80) {
                    o.put("server.type", pick(List.of("tcp", "bogus", "Inet")));
                } else {
                    o.put("reconnect-delay", pick(List.of("abc", "1.5", "-")));
                }
                break;
            case "ssh":
                if (r < 25) {
                    o.remove(pick(List.of("path", "server", "server.host", "server.port")));
                } else if (r < 50) {
                    o.put(pick(List.of("bogus", "server.bogus", "pth", "host-key-check.bogus")), "1");
                } else if (r < 70) {
                    o.put("host-key-check.mode", pick(List.of("bogus", "yes", "")));
                } else {
                    o.put("server.port", pick(List.of("", "abc")) + "").put("server.numeric", "maybe");
                }
                break;
            case "rbd":
                if (r < 30) {
                    o.remove(pick(List.of("pool", "image")));
                } else if (r < 60) {
                    o.put(pick(List.of("bogus", "pol", "server")), "1");
                } else if (r < 80) {
                    o.put("auth-client-required.0", pick(List.of("bogus", "CEPHX")));
                } else {
                    o.put("encrypt.format", pick(List.of("bogus", "luks"))).put("encrypt.bogus", "1");
                }
                break;
            case "iscsi":
                if (r < 35) {
                    o.remove(pick(List.of("transport", "portal", "target")));
                } else if (r < 60) {
                    o.put("transport", pick(List.of("udp", "TCP", "")));
                } else if (r < 80) {
                    o.put("header-digest", pick(List.of("bogus", "CRC32C", "crc32")));
                } else {
                    o.put("lun", pick(List.of("abc", "1.5", "0x")));
                }
                break;
            case "nvme":
                o.remove("device");
                break;
            default:
                // curl: http, https, ftp, ftps
                if (r < 35) {
                    o.remove("url");
                } else if (r < 60) {
                    o.put("timeout", pick(List.of("abc", "1.5")));
                } else if (r < 80) {
                    o.put("readahead", pick(List.of("1Q", "-1", "abc")));
                } else {
                    o.put("sslverify", pick(List.of("maybe", "ON")));
                    if (!driver.endsWith("s")) {
                        o.put("url", driver + "s://127.0.0.1/x.img").put("driver", driver + "s");
                        driver = driver + "s";
                    }
                }
                break;
        }
        add("network", driver, o);
    }
}
