package io.qbmc.differential.blockdev;

import io.qbmc.differential.blockdev.Node.Ref;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The -blockdev corpus: sets of several nodes as libvirt writes them (file, raw, qcow2, luks,
 * quorum and throttle nodes, with the -object secrets and throttle groups they use), each set
 * valid or broken in one way. Seeded, so every run and every machine sees the same sets.
 *
 * <p>What the corpus leaves out on purpose, because qemu-storage-daemon's verdict would depend on
 * the machine or on run-time state rather than on the configuration: one file opened by two
 * writable format nodes (image locking), cache.direct=on and aio=io_uring (file system and
 * kernel), qcow2 over a file that is not qcow2, secrets whose data does not unlock the image,
 * and network drivers.
 */
final class BlockdevCorpus {
    static final long SEED = 0x5d_2024_1212L;
    /** Generated sets on top of the fixed ones. */
    static final int GENERATED = 230;

    enum Form {
        JSON, KEYVAL, KEYVAL_IMPLIED
    }

    /** One argument under construction. */
    static final class Item {
        final boolean object;
        Node node;
        Form form;
        /** A text that replaces the rendering (broken JSON). */
        String text;

        Item(boolean object, Node node, Form form) {
            this.object = object;
            this.node = node;
            this.form = form;
        }

        Item copy() {
            Item i = new Item(object, node.copy(), form);
            i.text = text;
            return i;
        }

        BlockdevSet.Arg render() {
            String flag = object ? "--object" : "--blockdev";
            if (text != null) {
                return new BlockdevSet.Arg(flag, text);
            }
            String implied = object ? "qom-type" : "driver";
            return new BlockdevSet.Arg(flag, switch (form) {
                case JSON -> node.json();
                case KEYVAL -> node.keyval(null);
                case KEYVAL_IMPLIED -> node.keyval(implied);
            });
        }
    }

    /** A set under construction. */
    static final class Draft {
        final List<Item> items = new ArrayList<>();

        Draft copy() {
            Draft d = new Draft();
            for (Item i : items) {
                d.items.add(i.copy());
            }
            return d;
        }

        List<Item> nodes() {
            return items.stream().filter(i -> !i.object).toList();
        }

        List<Item> objects() {
            return items.stream().filter(i -> i.object).toList();
        }

        Set<String> names() {
            Set<String> out = new HashSet<>();
            for (Item i : nodes()) {
                if (i.node.nodeName() != null) {
                    out.add(i.node.nodeName());
                }
            }
            return out;
        }

        /** The first node item that references a node-name. */
        int referrer(String name) {
            for (int i = 0; i < items.size(); i++) {
                Item it = items.get(i);
                if (!it.object && it.node.refs().stream().anyMatch(e -> e.getValue().name().equals(name))) {
                    return i;
                }
            }
            return -1;
        }

        int indexOfNode(String name) {
            for (int i = 0; i < items.size(); i++) {
                if (!items.get(i).object && name.equals(items.get(i).node.nodeName())) {
                    return i;
                }
            }
            return -1;
        }

        int indexOfObject(String id) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).object && id.equals(items.get(i).node.get("id"))) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** Files of the workspace, each handed out once per set so no two nodes open one image. */
    private final class Pools {
        final List<String> raw = shuffled(BlockdevWorkspace.RAW);
        final List<String> qcow2 = shuffled(BlockdevWorkspace.QCOW2);
        final List<String> luks = shuffled(BlockdevWorkspace.LUKS);

        String take(String kind) {
            List<String> pool = switch (kind) {
                case "qcow2" -> qcow2;
                case "luks" -> luks;
                default -> raw;
            };
            return pool.isEmpty() ? null : pool.remove(0);
        }

        private List<String> shuffled(List<String> l) {
            List<String> out = new ArrayList<>(l);
            Collections.shuffle(out, rng);
            return out;
        }
    }

    private record Mutation(String category, Predicate<Draft> apply) {
    }

    private final Random rng;
    private final List<BlockdevSet> sets = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final List<Mutation> mutations = List.of(
            new Mutation("duplicate-node-name", this::duplicateNodeName),
            new Mutation("unknown-reference", this::unknownReference),
            new Mutation("forward-reference", this::forwardReference),
            new Mutation("reference-cycle", this::cycle),
            new Mutation("missing-node-name", this::missingNodeName),
            new Mutation("json-typing", this::jsonTyping),
            new Mutation("keyval-scalars", this::keyvalScalars),
            new Mutation("unknown-option", this::unknownOption),
            new Mutation("inline-child", this::inlineChild),
            new Mutation("reference-with-options", this::referenceWithOptions),
            new Mutation("objects", this::objects),
            new Mutation("bad-enum", this::badEnum),
            new Mutation("bad-node-name", this::badNodeName),
            new Mutation("read-only", this::readOnly),
            new Mutation("json-syntax", this::jsonSyntax));

    private BlockdevCorpus(long seed) {
        this.rng = new Random(seed);
    }

    static List<BlockdevSet> corpus() {
        return corpus(SEED);
    }

    static List<BlockdevSet> corpus(long seed) {
        BlockdevCorpus g = new BlockdevCorpus(seed);
        g.fixed();
        int target = g.sets.size() + GENERATED;
        for (int tries = 0; g.sets.size() < target && tries < GENERATED * 20; tries++) {
            g.generated();
        }
        return List.copyOf(g.sets);
    }

    /** The names of every category the generator can produce. */
    List<String> categories() {
        List<String> out = new ArrayList<>(List.of("valid"));
        mutations.forEach(m -> out.add(m.category()));
        return out;
    }

    // ---------------------------------------------------------------- recording

    private void add(String category, Draft d) {
        List<BlockdevSet.Arg> args = d.items.stream().map(Item::render).toList();
        BlockdevSet s = new BlockdevSet(category + "/" + sets.size(), category, args);
        if (seen.add(s.commandLine())) {
            sets.add(s);
        }
    }

    /** Hand-written sets: the shapes the brief names, in their simplest form. */
    private void fixed() {
        String a = "r0.raw";
        add("valid", args("--blockdev", "driver=file,node-name=f,filename=" + a,
                "--blockdev", "driver=raw,node-name=r,file=f"));
        add("valid", args("--blockdev", "file,node-name=f,filename=" + a, "--blockdev", "raw,node-name=r,file=f"));
        add("valid", args("--blockdev", "{\"driver\":\"file\",\"node-name\":\"f\",\"filename\":\"" + a + "\"}",
                "--blockdev", "driver=raw,node-name=r,file=f"));
        add("inline-child", args("--blockdev", "driver=raw,node-name=r,file.driver=file,file.filename=" + a));
        add("inline-child", args("--blockdev", "driver=raw,node-name=r,file.filename=" + a));
        add("inline-child", args("--blockdev", "{\"driver\":\"raw\",\"node-name\":\"r\",\"file\":{\"filename\":\"" + a
                + "\"}}"));
        add("missing-node-name", args("--blockdev", "driver=file,filename=" + a));
        add("missing-node-name", args("--blockdev", "{\"driver\":\"file\",\"filename\":\"" + a + "\"}"));
        add("reference-cycle", args("--blockdev", "driver=raw,node-name=r,file=r"));
        add("reference-cycle", args("--blockdev", "driver=raw,node-name=a,file=b", "--blockdev",
                "driver=raw,node-name=b,file=a"));
        add("forward-reference", args("--blockdev", "driver=raw,node-name=r,file=f", "--blockdev",
                "driver=file,node-name=f,filename=" + a));
        add("duplicate-node-name", args("--blockdev", "driver=file,node-name=f,filename=" + a, "--blockdev",
                "driver=raw,node-name=f,file=f"));
        add("reference-with-options", args("--blockdev", "driver=file,node-name=f,filename=" + a, "--blockdev",
                "driver=raw,node-name=r,file=f,file.filename=" + a));
        add("reference-with-options", args("--blockdev", "driver=file,node-name=f,filename=" + a, "--blockdev",
                "{\"driver\":\"raw\",\"node-name\":\"r\",\"file\":\"f\",\"file.filename\":\"" + a + "\"}"));
        add("json-typing", args("--blockdev", "{\"driver\":\"file\",\"node-name\":\"f\",\"filename\":\"" + a
                + "\",\"aio-max-batch\":\"x\"}"));
        add("unknown-option", args("--blockdev", "driver=file,node-name=f,filename=" + a + ",x=1"));
        // QAPI JSON is not flattened: a dotted member is unexpected even where keyval would nest it
        add("json-typing", args("--blockdev", "{\"driver\":\"raw\",\"node-name\":\"r\",\"file.driver\":\"file\","
                + "\"file.filename\":\"" + a + "\"}"));
        add("json-typing", args("--blockdev", "{\"driver\":\"raw\",\"node-name\":\"r\",\"file\":{\"driver\":\"file\","
                + "\"filename\":\"" + a + "\",\"cache.no-flush\":false}}"));
        add("json-typing", args("--blockdev", "driver=file,node-name=f,filename=" + a, "--blockdev",
                "{\"driver\":\"raw\",\"node-name\":\"r\",\"file\":\"f\",\"cache.no-flush\":false}"));
        add("valid", args("--blockdev", "driver=file,node-name=f,filename=q0.qcow2", "--blockdev",
                "driver=qcow2,node-name=q,file=f,backing="));
        add("unknown-reference", args("--blockdev", "driver=file,node-name=f,filename=q0.qcow2", "--blockdev",
                "driver=qcow2,node-name=q,file=f,backing=null"));
        add("objects", args("--blockdev", "driver=file,node-name=f,filename=l0.luks", "--blockdev",
                "driver=luks,node-name=l,file=f,key-secret=sec0", "--object", "secret,id=sec0,data=" + BlockdevWorkspace.SECRET));
        add("objects", args("--object", "secret,id=sec0,data=" + BlockdevWorkspace.SECRET, "--blockdev",
                "driver=file,node-name=f,filename=l0.luks", "--blockdev", "driver=luks,node-name=l,file=f,key-secret=sec0"));
        String key = "secret,id=k0,data=0123456789abcdef0123456789abcdef";
        add("objects", args("--object", key, "--object", "secret,id=s1,data=pw,keyid=k0", "--blockdev",
                "driver=file,node-name=f,filename=" + a));
        add("objects", args("--object", "secret,id=k0,data=pw", "--object", "secret,id=s1,data=pw,keyid=k0,iv=x",
                "--blockdev", "driver=file,node-name=f,filename=" + a));
        add("objects", args("--object", "throttle-group,id=tg0", "--blockdev",
                "driver=throttle,node-name=t,throttle-group=tg0,file.driver=file,file.filename=" + a));
        add("read-only", args("--blockdev", "driver=file,node-name=f,filename=q0.qcow2,read-only=on", "--blockdev",
                "driver=qcow2,node-name=q,file=f"));
        add("read-only", args("--blockdev", "driver=file,node-name=f,filename=" + a + ",read-only=on", "--blockdev",
                "driver=raw,node-name=r,file=f"));
        keyvalNumbers();
        objectProperties();
    }

    /** -object properties as QAPI types them and the object's completion checks them. */
    private void objectProperties() {
        String node = "driver=file,node-name=f,filename=r0.raw";
        for (String o : List.of("throttle-group,id=tg0,bogus=1", "secret,id=s0", "secret,id=s0,data=pw,format=hex",
                "throttle-group,id=tg0,limits.bps-total=abc", "bogus-type,id=x", "secrte,id=x",
                "throttle-group,id=tg0,limits.bps-totl=5", "throttle-group,id=tg0,bogus.x=1",
                "throttle-group,id=tg0,x-bps-total=-1",
                "throttle-group,id=tg0,limits.bps-total=100,limits.bps-read=10", "secret,id=s0,data=pw,file=s0.txt",
                "{\"qom-type\":\"throttle-group\",\"id\":\"tg0\",\"limits\":{\"bps-total\":5.5}}",
                "{\"qom-type\":\"throttle-group\",\"id\":\"tg0\",\"x-bps-total\":\"5\"}",
                "{\"qom-type\":\"secret\",\"id\":\"s0\",\"data\":\"pw\",\"x.y\":1}",
                "{\"qom-type\":\"secret\",\"id\":\"s0\",\"data\":\"pw\",\"loaded\":null}",
                "tls-creds-anon,id=t0,verify-peer=maybe", "tls-creds-x509,id=t0,endpoint=bogus",
                "tls-creds-psk,id=t0,bogus=1", "secret_keyring,id=s0", "secret_keyring,id=s0,serial=abc",
                "throttle-group,id=tg0,limits=5", "iothread,id=io0,poll-max-ns=x", "iothread,id=io0,bogus=1",
                "throttle-group,id=tg0,limits.bps-total=100,limits.bps-total-max=10",
                "throttle-group,id=tg0,limits.bps-total-max=10", "throttle-group,id=tg0,limits.iops-size=5",
                "throttle-group,id=tg0,limits.bps-total=100,limits.bps-total-max=200,limits.bps-total-max-length=0",
                "throttle-group,id=tg0,limits.bps-total=100,limits.bps-total-max=200,limits.bps-total-max-length=-1",
                "throttle-group,id=tg0,x-bps-total=100,x-bps-total-max=200,x-bps-total-max-length=4294967296",
                "throttle-group,id=tg0,limits.bps-total=1000000000000001",
                "throttle-group,id=tg0,limits.bps-total.x=1",
                // accepted
                "throttle-group,id=tg0,x-bps-total=100,limits.iops-total=5", "secret,id=s0,data=cHc=,format=base64",
                "tls-creds-anon,id=t0,endpoint=server,verify-peer=yes", "iothread,id=io0,poll-max-ns=0x10",
                "throttle-group,id=tg0,limits.bps-total=100,limits.bps-total-max=200,limits.bps-total-max-length=5",
                "{\"qom-type\":\"throttle-group\",\"id\":\"tg0\",\"limits\":{}}",
                "{\"qom-type\":\"throttle-group\",\"id\":\"tg0\",\"limits\":{\"iops-total\":10,\"iops-size\":4096}}",
                "{\"qom-type\":\"secret\",\"id\":\"s0\",\"data\":\"pw\",\"format\":\"raw\",\"loaded\":true}",
                "secret_keyring,id=s0,serial=0x0,keyid=", "tls-creds-psk,id=t0,username=u,priority=NORMAL",
                "tls-creds-x509,id=t0,endpoint=server", "tls-creds-anon,id=t0,loaded=off",
                "{\"qom-type\":\"throttle-group\",\"id\":\"tg0\",\"limits\":{\"bps-total\":{\"x\":1}}}",
                "secret,id=s0,data=pw,keyid=nokey",
                "tls-creds-anon,id=t0", "{\"qom-type\":\"secret\",\"id\":\"s0\",\"data\":\"pw\",\"keyid\":\"\",\"iv\":\"x\"}",
                // ids, int32 serials, iothread ranges
                "secret,id=1abc,data=pw", "secret,id=a.b-c_d,data=pw", "{\"qom-type\":\"secret\",\"id\":\"9x\",\"data\":\"pw\"}",
                "secret_keyring,id=s0,serial=2147483648", "secret_keyring,id=s0,serial=-2147483649",
                "secret_keyring,id=s0,serial=-5", "{\"qom-type\":\"secret_keyring\",\"id\":\"s\",\"serial\":2147483648}",
                "iothread,id=io0,poll-max-ns=-1", "iothread,id=io0,poll-grow=-1", "iothread,id=io0,poll-shrink=-1",
                "iothread,id=io0,aio-max-batch=-1", "iothread,id=io0,poll-max-ns=9223372036854775807")) {
            add("object-properties", args("--object", o, "--blockdev", node));
        }
    }

    /**
     * keyval numbers: QAPI reads an 'int' with qemu_strtoi64 (no suffix, int64 range), then the
     * driver may read it again through QemuOpts (a size refuses a sign).
     */
    private void keyvalNumbers() {
        for (String v : List.of("512", "0x200", "010", "08", "1k", "0.5k", "-1", "-0", " 512", "512 ", "+512",
                "4096", "9223372036854775808", "", "0x")) {
            add("keyval-scalars", args("--blockdev", "driver=raw,node-name=r,offset=" + v
                    + ",file.driver=file,file.filename=r1.raw"));
        }
        for (String v : List.of("65536", "1M", "0x10000", "-65536", "1e5")) {
            add("keyval-scalars", args("--blockdev", "driver=file,node-name=f,filename=q1.qcow2", "--blockdev",
                    "driver=qcow2,node-name=q,file=f,l2-cache-size=" + v));
        }
        for (String v : List.of("16", "0x10", "-1", "1k", "9223372036854775808")) {
            add("keyval-scalars", args("--blockdev", "driver=file,node-name=f,filename=r2.raw,aio-max-batch=" + v));
        }
        for (String v : List.of("1", "01", "0x1", "4294967296", "1.0")) {
            add("keyval-scalars", args("--blockdev", "driver=file,node-name=a,filename=r0.raw", "--blockdev",
                    "driver=file,node-name=b,filename=r1.raw", "--blockdev",
                    "driver=quorum,node-name=q,children.0=a,children.1=b,vote-threshold=" + v));
        }
        // QAPI's uint32 and uint64 members: BlockdevOptionsBlklogwrites, BlockdevOptionsCbw
        String blk = "driver=blklogwrites,node-name=w,file.driver=file,file.filename=r0.raw,"
                + "log.driver=file,log.filename=r1.raw,";
        for (String v : List.of("4096", "4294967296", "4294967808", "-1")) {
            add("keyval-scalars", args("--blockdev", blk + "log-sector-size=" + v));
        }
        for (String v : List.of("18446744073709551615", "9223372036854775808", "-1", "18446744073709551616")) {
            add("keyval-scalars", args("--blockdev", blk + "log-super-update-interval=" + v));
        }
        add("keyval-scalars", args("--blockdev", "{\"driver\":\"blklogwrites\",\"node-name\":\"w\",\"file\":"
                + "{\"driver\":\"file\",\"filename\":\"r0.raw\"},\"log\":{\"driver\":\"file\","
                + "\"filename\":\"r1.raw\"},\"log-sector-size\":4294967296}"));
        for (String v : List.of("9223372036854775808", "18446744073709551615", "18446744073709551616", "-1",
                "-9223372036854775809")) {
            add("json-typing", args("--blockdev", "{\"driver\":\"blklogwrites\",\"node-name\":\"w\",\"file\":"
                    + "{\"driver\":\"file\",\"filename\":\"r0.raw\"},\"log\":{\"driver\":\"file\","
                    + "\"filename\":\"r1.raw\"},\"log-super-update-interval\":" + v + "}"));
            add("json-typing", args("--blockdev", "{\"driver\":\"preallocate\",\"node-name\":\"p\",\"file\":"
                    + "{\"driver\":\"file\",\"filename\":\"r0.raw\"},\"prealloc-size\":" + v + "}"));
        }
        // options the drivers read but QAPI's BlockdevOptions lacks
        add("unknown-option", args("--blockdev", "driver=vpc,node-name=v,file.driver=file,file.filename=r0.raw,"
                + "force_size_calc=chs"));
        add("unknown-option", args("--blockdev", "driver=parallels,node-name=v,file.driver=file,file.filename=r0.raw,"
                + "prealloc-mode=falloc"));
        add("unknown-option", args("--blockdev", "driver=parallels,node-name=v,file.driver=file,file.filename=r0.raw,"
                + "prealloc-size=1M"));
        add("unknown-option", args("--blockdev", "driver=vmdk,node-name=v,file.driver=file,file.filename=r0.raw,"
                + "extents.0.driver=file"));
        add("objects", args("--object", "secret,id=sec0,data=pw", "--blockdev", "driver=qcow,node-name=q,"
                + "file.driver=file,file.filename=r0.raw,encrypt.key-secret=sec0"));
        String cbw = "driver=copy-before-write,node-name=c,file.driver=file,file.filename=r0.raw,"
                + "target.driver=file,target.filename=r1.raw,cbw-timeout=";
        for (String v : List.of("4294967295", "4294967296", "-1")) {
            add("keyval-scalars", args("--blockdev", cbw + v));
        }
        add("keyval-scalars", args("--blockdev", "driver=nfs,node-name=n,path=/x,server.host=localhost"));
    }

    private static Draft args(String... flagText) {
        Draft d = new Draft();
        for (int i = 0; i < flagText.length; i += 2) {
            Item it = new Item(flagText[i].equals("--object"), new Node(), Form.KEYVAL);
            it.text = flagText[i + 1];
            d.items.add(it);
        }
        return d;
    }

    // ---------------------------------------------------------------- generated sets

    private void generated() {
        Draft d = valid();
        if (chance(35)) {
            add("valid", d);
            return;
        }
        for (int tries = 0; tries < 10; tries++) {
            Mutation m = pick(mutations);
            Draft copy = d.copy();
            if (m.apply().test(copy)) {
                add(m.category(), copy);
                return;
            }
        }
    }

    private <T> T pick(List<T> list) {
        return list.get(rng.nextInt(list.size()));
    }

    private boolean chance(int percent) {
        return rng.nextInt(100) < percent;
    }

    private Form form(boolean libvirt) {
        if (libvirt) {
            return Form.JSON;
        }
        int r = rng.nextInt(100);
        return r < 45 ? Form.JSON : r < 80 ? Form.KEYVAL : Form.KEYVAL_IMPLIED;
    }

    /** A valid set: one to three disks, each a file node under a format node, maybe throttled, maybe under a quorum. */
    private Draft valid() {
        Draft d = new Draft();
        Pools pools = new Pools();
        boolean libvirt = chance(55);
        int disks = 1 + rng.nextInt(3);
        List<String> tops = new ArrayList<>();
        String rawBase = null;
        for (int i = 1; i <= disks; i++) {
            String base = libvirt ? "libvirt-" + (disks - i + 1) : pick(List.of("disk", "hd", "vd", "img")) + i;
            int r = rng.nextInt(100);
            String kind = r < 50 ? "raw" : r < 80 ? "qcow2" : "luks";
            String file = pools.take(kind);
            if (file == null) {
                kind = "raw";
                file = pools.take(kind);
            }
            Node storage = Node.of("driver", "file", "filename", file);
            storageOptions(storage, libvirt);
            Node format = Node.of("driver", kind, "node-name", base + "-format");
            if (chance(20)) {
                if (chance(30)) {
                    storage.put("node-name", base + "-storage");
                }
                format.put("file", storage);
            } else {
                storage.put("node-name", base + "-storage");
                d.items.add(new Item(false, reorder(storage), form(libvirt)));
                format.put("file", new Ref(base + "-storage"));
            }
            if (kind.equals("qcow2")) {
                int b = rng.nextInt(100);
                if (b < 40) {
                    format.put("backing", Node.NULL);
                } else if (b < 70 && rawBase != null && tops.contains(rawBase)) {
                    format.put("backing", new Ref(rawBase));
                    tops.remove(rawBase);
                    rawBase = null;
                }
                if (chance(15)) {
                    format.put("l2-cache-size", (long) pick(List.of(65536, 262144, 1048576)));
                }
                if (chance(10)) {
                    format.put("lazy-refcounts", chance(50));
                }
            }
            if (kind.equals("luks")) {
                String id = libvirt ? base + "-storage-secret0" : "sec" + i;
                Node secret = Node.of("qom-type", "secret", "id", id);
                if (chance(40)) {
                    secret.put("data", BlockdevWorkspace.SECRET_BASE64).put("format", "base64");
                } else {
                    secret.put("data", BlockdevWorkspace.SECRET);
                }
                d.items.add(new Item(true, secret, form(libvirt)));
                format.put("key-secret", id);
            }
            if (chance(35)) {
                format.put("read-only", false);
            }
            if (chance(10)) {
                format.put("discard", "unmap");
            }
            if (chance(10)) {
                format.put("detect-zeroes", pick(List.of("on", "off", "unmap")));
            }
            d.items.add(new Item(false, format, form(libvirt)));
            String top = base + "-format";
            if (kind.equals("raw") && rawBase == null) {
                rawBase = top;
            }
            if (chance(20)) {
                String group = libvirt ? "throttle-" + base : "tg" + i;
                Node tg = Node.of("qom-type", "throttle-group", "id", group);
                if (chance(50)) {
                    Node limits = Node.of("iops-total", (long) pick(List.of(100, 1000, 5000)));
                    if (chance(40)) {
                        limits.put("bps-total", 10485760L);
                    }
                    tg.put("limits", limits);
                }
                d.items.add(new Item(true, tg, form(libvirt)));
                String name = base + "-throttle";
                d.items.add(new Item(false, Node.of("driver", "throttle", "node-name", name, "throttle-group", group,
                        "file", new Ref(top)), form(libvirt)));
                if (top.equals(rawBase)) {
                    rawBase = null;
                }
                top = name;
            }
            tops.add(top);
        }
        if (tops.size() >= 2 && chance(30)) {
            List<Object> children = new ArrayList<>();
            for (String t : tops) {
                children.add(new Ref(t));
            }
            Node q = Node.of("driver", "quorum", "node-name", libvirt ? "libvirt-quorum" : "quorum0", "children", children,
                    "vote-threshold", (long) (1 + rng.nextInt(tops.size())));
            if (chance(20)) {
                q.put("rewrite-corrupted", false);
            }
            d.items.add(new Item(false, q, form(libvirt)));
        }
        return d;
    }

    /** libvirt writes driver, filename, node-name, then the rest. */
    private static Node reorder(Node storage) {
        Node n = Node.of("driver", storage.get("driver"), "filename", storage.get("filename"), "node-name",
                storage.get("node-name"));
        for (Map.Entry<String, Object> e : storage.entries().entrySet()) {
            if (!n.has(e.getKey())) {
                n.put(e.getKey(), e.getValue());
            }
        }
        return n;
    }

    private void storageOptions(Node storage, boolean libvirt) {
        if (libvirt || chance(30)) {
            storage.put("auto-read-only", true);
        }
        if (libvirt ? chance(70) : chance(15)) {
            storage.put("discard", "unmap");
        }
        if (chance(15)) {
            storage.put("cache", Node.of("direct", false, "no-flush", chance(50)));
        }
        if (chance(10)) {
            storage.put("aio", "threads");
        }
        if (chance(10)) {
            storage.put("locking", pick(List.of("auto", "on", "off")));
        }
        if (chance(8)) {
            storage.put("aio-max-batch", (long) rng.nextInt(64));
        }
    }

    // ---------------------------------------------------------------- mutations (one per broken set)

    private boolean duplicateNodeName(Draft d) {
        List<Item> nodes = d.nodes();
        if (chance(30)) {
            for (Item it : nodes) {
                if (it.node.get("file") instanceof Node inline) {
                    List<String> others = new ArrayList<>(d.names());
                    others.remove(it.node.nodeName());
                    others.remove(inline.nodeName());
                    if (!others.isEmpty()) {
                        inline.put("node-name", pick(others));
                        return true;
                    }
                    inline.put("node-name", it.node.nodeName());
                    return true;
                }
            }
        }
        if (nodes.size() < 2) {
            return false;
        }
        int j = 1 + rng.nextInt(nodes.size() - 1);
        int i = rng.nextInt(j);
        nodes.get(j).node.put("node-name", nodes.get(i).node.nodeName());
        return true;
    }

    private boolean unknownReference(Draft d) {
        List<Item> withRefs = d.nodes().stream().filter(i -> !i.node.refs().isEmpty()).toList();
        if (withRefs.isEmpty()) {
            return false;
        }
        Item it = pick(withRefs);
        Map.Entry<String, Ref> e = pick(it.node.refs());
        String name = e.getValue().name();
        String typo = switch (rng.nextInt(4)) {
            case 0 -> name + "x";
            case 1 -> name.substring(0, name.length() - 1);
            case 2 -> name.toUpperCase(java.util.Locale.ROOT);
            default -> name.replace('-', '_');
        };
        if (d.names().contains(typo)) {
            return false;
        }
        it.node.replace(e.getKey(), new Ref(typo));
        return true;
    }

    private boolean forwardReference(Draft d) {
        List<Item> withRefs = d.nodes().stream().filter(i -> !i.node.refs().isEmpty()).toList();
        if (withRefs.isEmpty()) {
            return false;
        }
        Item it = pick(withRefs);
        String target = pick(it.node.refs()).getValue().name();
        int at = d.indexOfNode(target);
        if (at < 0) {
            return false;
        }
        d.items.remove(it);
        d.items.add(at, it);
        return true;
    }

    private boolean cycle(Draft d) {
        // a node that has a reference child is made to refer to a later node that refers to it
        for (Item later : d.nodes()) {
            for (Map.Entry<String, Ref> e : later.node.refs()) {
                int at = d.indexOfNode(e.getValue().name());
                if (at < 0 || later.node.nodeName() == null) {
                    continue;
                }
                Item target = d.items.get(at);
                List<Map.Entry<String, Ref>> own = target.node.refs();
                if (!own.isEmpty() && chance(70)) {
                    target.node.replace(pick(own).getKey(), new Ref(later.node.nodeName()));
                    return true;
                }
            }
        }
        // else a new little cycle at the end, or a node that is its own child
        String a = "loop" + rng.nextInt(10);
        String b = "loop" + (10 + rng.nextInt(10));
        Form f = form(false);
        if (chance(40)) {
            d.items.add(new Item(false, Node.of("driver", "raw", "node-name", a, "file", new Ref(a)), f));
        } else {
            d.items.add(new Item(false, Node.of("driver", "raw", "node-name", a, "file", new Ref(b)), f));
            d.items.add(new Item(false, Node.of("driver", chance(50) ? "raw" : "qcow2", "node-name", b, "file",
                    new Ref(a)), form(false)));
        }
        return true;
    }

    private boolean missingNodeName(Draft d) {
        Item it = pick(d.nodes());
        if (it.node.nodeName() == null) {
            return false;
        }
        it.node.remove("node-name");
        return true;
    }

    private boolean jsonTyping(Draft d) {
        Item it = pick(d.nodes());
        Node n = it.node;
        List<Runnable> options = new ArrayList<>();
        options.add(() -> n.put("read-only", pick(List.<Object>of("on", "true", 1L))));
        options.add(() -> n.put("auto-read-only", pick(List.<Object>of("off", 0L))));
        options.add(() -> n.put("detect-zeroes", true));
        options.add(() -> n.put("discard", 1L));
        options.add(() -> n.put("cache", pick(List.<Object>of("writeback", Node.of("direct", "off"),
                Node.of("no-flush", 1L)))));
        options.add(() -> n.put("node-name", 7L));
        options.add(() -> n.put("driver", pick(List.<Object>of(1L, true))));
        switch (String.valueOf(n.driver())) {
            case "file" -> {
                options.add(() -> n.put("filename", pick(List.<Object>of(5L, false))));
                options.add(() -> n.put("aio-max-batch", pick(List.<Object>of("8", "x", 1.5))));
                options.add(() -> n.put("locking", false));
                options.add(() -> n.put("aio", 1L));
            }
            case "quorum" -> {
                options.add(() -> n.put("vote-threshold", pick(List.<Object>of("2", 1.5, true))));
                options.add(() -> n.put("children", "a"));
                options.add(() -> n.put("blkverify", "on"));
            }
            case "qcow2" -> {
                options.add(() -> n.put("backing", 5L));
                options.add(() -> n.put("l2-cache-size", pick(List.<Object>of("1M", -1L, 0.5))));
                options.add(() -> n.put("lazy-refcounts", "on"));
                options.add(() -> n.put("file", 5L));
            }
            case "luks" -> options.add(() -> n.put("key-secret", 5L));
            case "throttle" -> options.add(() -> n.put("throttle-group", 5L));
            case "raw" -> {
                options.add(() -> n.put("offset", pick(List.<Object>of("512", -1L, 0.5))));
                options.add(() -> n.put("file", pick(List.<Object>of(1L, List.of()))));
            }
            default -> {
            }
        }
        pick(options).run();
        it.form = Form.JSON;
        return true;
    }

    private boolean keyvalScalars(Draft d) {
        Item it = pick(d.nodes());
        Node n = it.node;
        List<Runnable> options = new ArrayList<>();
        options.add(() -> n.put("read-only", pick(List.of("yes", "no", "y", "n", "true", "off", "maybe", "1", "ON", ""))));
        options.add(() -> n.put("auto-read-only", pick(List.of("on", "of", "false"))));
        options.add(() -> n.put("force-share", pick(List.of("on", "x"))));
        switch (String.valueOf(n.driver())) {
            case "file" -> options.add(() -> n.put("aio-max-batch",
                    pick(List.of("0x10", "010", "8", "x", "-1", "1k", " 8", "+8", "1e2"))));
            case "quorum" -> options.add(() -> n.put("vote-threshold", pick(List.of("0x1", "01", "one", "1.0"))));
            case "qcow2" -> options.add(() -> n.put("l2-cache-size",
                    pick(List.of("1M", "1m", "64k", "1Q", "0x1000", "1.5M", "-1", "64 k", " 65536", "65536 "))));
            case "raw" -> {
                // a window changes the node's length, which quorum compares between children
                if (d.nodes().stream().noneMatch(i -> "quorum".equals(i.node.driver()))) {
                    options.add(() -> n.put("offset", pick(List.of("512", "0x200", "1k", "0.5k", "x", "-1", "-0", "010",
                            "9223372036854775808"))));
                }
            }
            default -> {
            }
        }
        pick(options).run();
        it.form = chance(70) ? Form.KEYVAL : Form.KEYVAL_IMPLIED;
        return true;
    }

    private boolean unknownOption(Draft d) {
        Item it = pick(d.nodes());
        Node target = it.node;
        if (it.node.get("file") instanceof Node inline && chance(60)) {
            target = inline;
        }
        String key = pick(List.of("bogus", "filenme", "read_only", "readonly", "node_name", "format", "cache.bogus",
                "id", "if"));
        if (key.equals("cache.bogus")) {
            target.put("cache", Node.of("bogus", true));
        } else {
            target.put(key, pick(List.<Object>of("1", 1L, "x")));
        }
        return true;
    }

    private boolean inlineChild(Draft d) {
        // a format node's referenced file becomes an inline child, then maybe breaks
        for (Item it : d.nodes()) {
            if (it.node.get("file") instanceof Ref r) {
                int at = d.indexOfNode(r.name());
                if (at < 0 || !"file".equals(d.items.get(at).node.driver())) {
                    continue;
                }
                Item storage = d.items.remove(at);
                Node child = storage.node;
                if (chance(60)) {
                    child.remove("node-name");
                }
                it.node.put("file", child);
                switch (rng.nextInt(6)) {
                    case 0 -> child.remove("driver");
                    case 1 -> child.put("bogus", 1L);
                    case 2 -> child.put("node-name", it.node.nodeName());
                    case 3 -> child.put("filename", 5L);
                    default -> {
                    }
                }
                return true;
            }
        }
        // or a raw node over an inline raw node over a referenced one: valid
        for (Item it : d.nodes()) {
            if ("raw".equals(it.node.driver()) && it.node.get("file") instanceof Ref r) {
                it.node.put("file", Node.of("driver", "raw", "file", r));
                return true;
            }
        }
        return false;
    }

    private boolean referenceWithOptions(Draft d) {
        for (Item it : d.nodes()) {
            for (String key : List.of("file", "backing")) {
                if (it.node.get(key) instanceof Ref) {
                    String sub = pick(List.of("filename", "driver", "node-name"));
                    it.node.put(key + "." + sub, sub.equals("driver") ? "file" : sub.equals("filename") ? "r0.raw" : "x1");
                    return true;
                }
            }
        }
        return false;
    }

    private boolean objects(Draft d) {
        List<Item> objects = d.objects();
        if (objects.isEmpty()) {
            return false;
        }
        Item o = pick(objects);
        String id = (String) o.node.get("id");
        boolean secret = "secret".equals(o.node.get("qom-type"));
        String option = secret ? "key-secret" : "throttle-group";
        int user = -1;
        for (int i = 0; i < d.items.size(); i++) {
            if (!d.items.get(i).object && id.equals(d.items.get(i).node.get(option))) {
                user = i;
            }
        }
        if (user < 0) {
            return false;
        }
        switch (rng.nextInt(5)) {
            case 0 -> d.items.remove(o);
            case 1 -> {
                d.items.remove(o);
                d.items.add(user, o); // just after the node that uses it (the user moved up one)
            }
            case 2 -> {
                // the reference names an object of the other type
                String other = secret ? "tgx" : "secx";
                Node wrong = secret ? Node.of("qom-type", "throttle-group", "id", other)
                        : Node.of("qom-type", "secret", "id", other, "data", BlockdevWorkspace.SECRET);
                d.items.add(0, new Item(true, wrong, o.form));
                d.items.get(user + 1).node.put(option, other);
            }
            case 3 -> {
                // a second object with the same id
                Item twin = o.copy();
                d.items.add(d.items.indexOf(o) + 1, twin);
            }
            default -> d.items.get(user).node.put(option, id + "x");
        }
        return true;
    }

    private boolean badEnum(Draft d) {
        Item it = pick(d.nodes());
        Node n = it.node;
        switch (rng.nextInt(6)) {
            case 0 -> n.put("discard", pick(List.of("bogus", "UNMAP", "trim")));
            case 1 -> n.put("detect-zeroes", pick(List.of("yes", "Unmap")));
            case 2 -> n.put("driver", switch (String.valueOf(n.driver())) {
                case "qcow2" -> "qcow";
                case "raw" -> "RAW";
                case "file" -> "files";
                default -> "bogus";
            });
            case 3 -> {
                if (!"file".equals(n.driver())) {
                    return false;
                }
                n.put("locking", "maybe");
            }
            case 4 -> {
                if (!"file".equals(n.driver())) {
                    return false;
                }
                n.put("aio", "native"); // needs cache.direct=on (file-posix.c)
            }
            default -> {
                if (!"quorum".equals(n.driver())) {
                    return false;
                }
                n.put("read-pattern", pick(List.of("random", "fifo")));
            }
        }
        return true;
    }

    private boolean badNodeName(Draft d) {
        Item it = pick(d.nodes());
        String old = it.node.nodeName();
        if (old == null) {
            return false;
        }
        String bad = pick(List.of("1disk", "disk#1", "n" + "x".repeat(31), "n" + "x".repeat(30), "", "d\u00efsk", "-a",
                "a.b_c-d", "#block1"));
        it.node.put("node-name", bad);
        for (Item other : d.nodes()) {
            for (Map.Entry<String, Ref> e : other.node.refs()) {
                if (e.getValue().name().equals(old)) {
                    other.node.replace(e.getKey(), new Ref(bad));
                }
            }
        }
        return true;
    }

    private boolean readOnly(Draft d) {
        for (Item it : d.nodes()) {
            if ("file".equals(it.node.driver()) && it.node.nodeName() != null && d.referrer(it.node.nodeName()) >= 0) {
                it.node.put("read-only", true);
                if (chance(60)) {
                    it.node.remove("auto-read-only");
                }
                if (chance(30)) {
                    d.items.get(d.referrer(it.node.nodeName())).node.put("read-only", chance(50));
                }
                return true;
            }
        }
        return false;
    }

    private boolean jsonSyntax(Draft d) {
        Item it = pick(d.nodes());
        String json = it.node.json();
        it.text = switch (rng.nextInt(6)) {
            case 0 -> json.substring(0, json.length() - 1);
            case 1 -> json.substring(0, json.length() - 1) + ",}";
            case 2 -> json.replace("\"", "'"); // QEMU's JSON dialect takes single quotes
            case 3 -> json + " ";
            case 4 -> "{\"driver\":\"raw\"," + json.substring(1);
            default -> json.replaceFirst(":", " : ").replaceFirst(",", " ,\t ");
        };
        return true;
    }
}
