package io.qbmc.testing.gen;

import io.qbmc.graph.BlockNode;
import io.qbmc.graph.BlockNodes;
import io.qbmc.graph.Child;
import io.qbmc.graph.Value;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns drafts from {@link SchemaNodes} into valid graphs by enforcing the rules a valid graph
 * obeys, and nothing else: unique well-formed node-names, references to nodes defined earlier,
 * unique non-empty file names, and the driver constraints of the check package (quorum
 * threshold and blkverify, qbm bitmaps, raw size, detect-zeroes, aio=native, force-share).
 * It is a pure function of the draft, so jqwik shrinks the draft and repairs each candidate.
 */
public final class Repair {
    static final long MIN_GRANULARITY = 512;
    static final long MAX_GRANULARITY = 1L << 31;
    /** Issue 2: the virtual size is at most 512 MiB x granularity. */
    static final long BYTES_PER_GRANULARITY = 512L << 20;

    private final Set<String> names = new HashSet<>();
    private final Set<String> files = new HashSet<>();

    /** Whether the nodes are -blockdev nodes, whose QAPI schema lacks some options. */
    private boolean blockdev;

    private Repair() {
    }

    /** One tree, as json: and dotted strings hold. */
    public static BlockNode tree(BlockNode draft) {
        Repair r = new Repair();
        return r.valid(r.identities(draft, false, List.of()), Map.of());
    }

    /** A -blockdev set: every top node named, references only to nodes defined before. */
    public static List<BlockNode> set(List<BlockNode> drafts) {
        Repair r = new Repair();
        r.blockdev = true;
        List<BlockNode> out = new ArrayList<>();
        List<String> defined = new ArrayList<>();
        for (BlockNode draft : drafts) {
            BlockNode node = r.identities(draft, true, List.copyOf(defined));
            collectNames(node, defined);
            out.add(r.valid(node, Map.of()));
        }
        return out;
    }

    // ---- pass 1: names, files, references ----

    private BlockNode identities(BlockNode node, boolean top, List<String> refTargets) {
        Map<String, Value> o = new LinkedHashMap<>(node.options());
        if (node.driver().equals("vmdk") && blockdev) {
            o.remove("extents");
        }
        String name = node.nodeName();
        if (name == null && top) {
            name = "node";
        }
        if (name != null) {
            o.put("node-name", new Value.Str(unique(name)));
        }
        if (o.get("filename") instanceof Value.Str f) {
            o.put("filename", new Value.Str(uniqueFile(f.value())));
        }
        o.replaceAll((k, v) -> identities(v, refTargets));
        return BlockNodes.of(node.driver(), o);
    }

    private Value identities(Value v, List<String> refTargets) {
        if (v instanceof Value.Node n) {
            if (n.child() instanceof Child.Inline i) {
                return new Value.Node(new Child.Inline(identities(i.node(), false, refTargets)));
            }
            if (n.child() instanceof Child.Ref r && r.nodeName().startsWith(SchemaNodes.REF_PLACEHOLDER)) {
                int k = Integer.parseInt(r.nodeName().substring(SchemaNodes.REF_PLACEHOLDER.length()));
                return new Value.Node(new Child.Ref(refTargets.get(k % refTargets.size())));
            }
            return v;
        }
        if (v instanceof Value.Obj obj) {
            Map<String, Value> m = new LinkedHashMap<>(obj.members());
            m.replaceAll((k, x) -> identities(x, refTargets));
            return new Value.Obj(m);
        }
        if (v instanceof Value.Arr a) {
            List<Value> items = new ArrayList<>();
            a.items().forEach(x -> items.add(identities(x, refTargets)));
            return new Value.Arr(items);
        }
        return v;
    }

    /** Node-names are unique in the whole graph (block.c); a suffix keeps them under 32 characters. */
    private String unique(String name) {
        String candidate = name;
        for (int k = 1; !names.add(candidate); k++) {
            String suffix = "_" + k;
            candidate = name.substring(0, Math.min(name.length(), 31 - suffix.length())) + suffix;
        }
        return candidate;
    }

    /** File names are unique after normalisation, as SharedFileRule compares them. */
    private String uniqueFile(String file) {
        String candidate = file;
        for (int k = 1; !files.add(normalize(candidate)); k++) {
            candidate = file + "~" + k;
        }
        return candidate;
    }

    static String normalize(String path) {
        try {
            return Path.of(path).normalize().toString();
        } catch (InvalidPathException e) {
            return path;
        }
    }

    private static void collectNames(BlockNode node, List<String> into) {
        if (node.nodeName() != null) {
            into.add(node.nodeName());
        }
        for (Value v : node.options().values()) {
            forEachInline(v, child -> collectNames(child, into));
        }
    }

    static void forEachInline(Value v, java.util.function.Consumer<BlockNode> action) {
        if (v instanceof Value.Node n && n.child() instanceof Child.Inline i) {
            action.accept(i.node());
        } else if (v instanceof Value.Obj o) {
            o.members().values().forEach(m -> forEachInline(m, action));
        } else if (v instanceof Value.Arr a) {
            a.items().forEach(m -> forEachInline(m, action));
        }
    }

    // ---- pass 2: the check rules, top-down with what each node inherits ----

    /**
     * @param inherited what a node inherits from its parents: cache.* and read-only, as
     *                  CheckContext has it, and force-share, as QEMU has it
     */
    private BlockNode valid(BlockNode node, Map<String, Value> inherited) {
        Map<String, Value> o = new LinkedHashMap<>(node.options());
        if (o.get("detect-zeroes") instanceof Value.Str dz && dz.value().equals("unmap")) {
            o.put("discard", new Value.Str("unmap"));
        }
        if (o.get("aio") instanceof Value.Str aio && aio.value().equals("native")
                && !isOn(effective(o, inherited, "cache.direct"))) {
            Map<String, Value> cache = o.get("cache") instanceof Value.Obj c ? new LinkedHashMap<>(c.members())
                    : new LinkedHashMap<>();
            cache.put("direct", new Value.Bool(true));
            o.put("cache", new Value.Obj(cache));
        }
        // force-share=on needs a read-only node (block.c bdrv_open_common), and a child inherits
        // force-share from its parent (bdrv_inherited_options), so an inherited one counts too
        Value share = o.containsKey("force-share") ? o.get("force-share") : inherited.get("force-share");
        if (isOn(share) && !isOn(effective(o, inherited, "read-only"))) {
            if (isOn(o.get("force-share"))) {
                o.put("read-only", new Value.Bool(true));
            } else {
                o.put("force-share", new Value.Bool(false));
            }
        }
        Map<String, Value> mine = new LinkedHashMap<>(inherited);
        if (o.get("cache") instanceof Value.Obj c) {
            c.members().forEach((k, v) -> mine.put("cache." + k, v));
        }
        for (String key : new String[] {"read-only", "force-share"}) {
            if (o.get(key) != null) {
                mine.put(key, o.get(key));
            }
        }
        o.replaceAll((k, v) -> validChildren(v, mine));
        // check/PermissionRule: a writable qcow2 (or raw window) needs a writable file node. A tree's
        // top may open read-write (it does as a -blockdev node), so when the file node ends up
        // read-only, or is a reference, the format opens read-only too
        if (writesItsFile(node.driver(), o) && !isOn(effective(o, inherited, "read-only"))
                && o.get("file") instanceof Value.Node f
                && (f.child() instanceof Child.Ref || f.child() instanceof Child.Inline in
                        && isOn(in.node().options().get("read-only"))
                        && !isOn(in.node().options().get("auto-read-only")))) {
            o.put("read-only", new Value.Bool(true));
        }
        switch (node.driver()) {
            case "raw" -> raw(o);
            case "quorum" -> quorum(o);
            case "qbm" -> qbm(o);
            case "blkdebug" -> blkdebug(o);
            case "nbd" -> nbd(o);
            case "ssh" -> ssh(o);
            case "iscsi", "iser" -> iscsi(o);
            case "http", "https", "ftp", "ftps" -> curl(node.driver(), o);
            case "qcow2" -> qcow2(o);
            case "vmdk" -> vmdk(o);
            case "vvfat" -> vvfat(o);
            case "blklogwrites" -> blklogwrites(o);
            case "preallocate" -> preallocate(o);
            case "replication" -> replication(o);
            case "null-co", "null-aio" -> o.computeIfPresent("latency-ns",
                    (k, v) -> v instanceof Value.Int l ? new Value.Int(l.bits() & Long.MAX_VALUE) : v);
            case "gluster" -> gluster(o);
            case "copy-before-write" -> o.computeIfPresent("cbw-timeout",
                    (k, v) -> v instanceof Value.Int t ? new Value.Int(t.bits() & 0xFFFF_FFFFL) : v);
            case "vpc" -> {
                if (blockdev) {
                    o.remove("force_size_calc");
                }
            }
            case "parallels" -> {
                if (blockdev) {
                    o.remove("prealloc-mode");
                    o.remove("prealloc-size");
                }
            }
            case "qcow" -> {
                if (blockdev && o.get("encrypt") instanceof Value.Obj e && !e.members().containsKey("format")) {
                    Map<String, Value> m = new LinkedHashMap<>(e.members());
                    m.put("format", new Value.Str("aes"));
                    o.put("encrypt", new Value.Obj(m));
                }
            }
            default -> {
            }
        }
        return BlockNodes.of(node.driver(), o);
    }

    private Value validChildren(Value v, Map<String, Value> inherited) {
        if (v instanceof Value.Node n && n.child() instanceof Child.Inline i) {
            return new Value.Node(new Child.Inline(valid(i.node(), inherited)));
        }
        if (v instanceof Value.Obj obj) {
            Map<String, Value> m = new LinkedHashMap<>(obj.members());
            m.replaceAll((k, x) -> validChildren(x, inherited));
            return new Value.Obj(m);
        }
        if (v instanceof Value.Arr a) {
            List<Value> items = new ArrayList<>();
            a.items().forEach(x -> items.add(validChildren(x, inherited)));
            return new Value.Arr(items);
        }
        return v;
    }

    private static Value effective(Map<String, Value> own, Map<String, Value> inherited, String path) {
        Value v = own.get(path);
        int dot = path.indexOf('.');
        if (dot > 0 && own.get(path.substring(0, dot)) instanceof Value.Obj g) {
            v = g.members().get(path.substring(dot + 1));
        }
        return v != null ? v : inherited.get(path);
    }

    private static boolean writesItsFile(String driver, Map<String, Value> o) {
        return driver.equals("qcow2") || driver.equals("raw") && (o.containsKey("offset") || o.containsKey("size"));
    }

    private static boolean isOn(Value v) {
        return v instanceof Value.Bool b && b.value();
    }

    /** vvfat_open: fat-type 12, 16 or 32 (0 the default), a label of at most 11 bytes (check/VvfatRule). */
    private static void vvfat(Map<String, Value> o) {
        if (o.get("fat-type") instanceof Value.Int t && !List.of(0, 12, 16, 32).contains((int) t.bits())) {
            o.put("fat-type", new Value.Int(16));
        }
        if (o.get("label") instanceof Value.Str l && l.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 11) {
            o.put("label", new Value.Str("QBMC"));
        }
    }

    /** blk_log_writes_open (check/BlklogwritesRule). */
    private static void blklogwrites(Map<String, Value> o) {
        if (isOn(o.get("log-append"))) {
            o.remove("log-sector-size");
        } else if (o.containsKey("log-sector-size")) {
            o.put("log-sector-size", new Value.Int(512));
        }
        if (o.get("log-super-update-interval") instanceof Value.Int i && i.bits() == 0) {
            o.put("log-super-update-interval", new Value.Int(1));
        }
    }

    private static void preallocate(Map<String, Value> o) {
        if (o.get("prealloc-align") instanceof Value.Int a) {
            o.put("prealloc-align", new Value.Int(a.bits() & ~511L));
        }
    }

    /** replication_open: top-id with the secondary side only (check/ReplicationRule). */
    private static void replication(Map<String, Value> o) {
        if (o.get("mode") instanceof Value.Str m && m.value().equals("primary")) {
            o.remove("top-id");
        } else if (!o.containsKey("top-id")) {
            o.put("top-id", new Value.Str("top"));
        }
    }

    /** qemu_gluster_parse_json: servers of type inet or unix, at least one without a filename (check/GlusterRule). */
    private static void gluster(Map<String, Value> o) {
        List<Value> servers = new ArrayList<>();
        if (o.get("server") instanceof Value.Arr a) {
            for (Value v : a.items()) {
                if (!(v instanceof Value.Obj srv) || !(srv.members().get("type") instanceof Value.Str t)
                        || t.value().equals("inet") || t.value().equals("unix")) {
                    servers.add(v);
                }
            }
            o.put("server", new Value.Arr(servers));
        }
        if (servers.isEmpty()) {
            o.remove("server");
            o.putIfAbsent("filename", new Value.Str("gluster://h/v/p"));
        }
    }


    /**
     * vmdk: the descriptor names each extent's file, so an extent has no filename of its own;
     * -blockdev has no extents at all (removed here, before node names are collected).
     */
    private static void vmdk(Map<String, Value> o) {
        if (o.get("extents") instanceof Value.Arr a) {
            List<Value> items = new ArrayList<>();
            for (Value v : a.items()) {
                if (v instanceof Value.Node n && n.child() instanceof Child.Inline in
                        && in.node().driver().equals("gluster")) {
                    // gluster's own checks want servers or a URI, which the descriptor supplies
                    items.add(new Value.Node(new Child.Inline(BlockNodes.of("file", Map.of()))));
                } else if (v instanceof Value.Node n && n.child() instanceof Child.Inline in
                        && in.node().options().containsKey("filename")) {
                    Map<String, Value> m = new LinkedHashMap<>(in.node().options());
                    m.remove("filename");
                    items.add(new Value.Node(new Child.Inline(BlockNodes.of(in.node().driver(), m))));
                } else {
                    items.add(v);
                }
            }
            o.put("extents", new Value.Arr(items));
        }
    }

    /** blkdebug_open: align a power of two below 2^31, the other limits multiples of it (check/BlkdebugRule). */
    private static void blkdebug(Map<String, Value> o) {
        long align = 1;
        if (o.get("align") instanceof Value.Int a) {
            align = a.bits() == 0 ? 1 : Long.highestOneBit(Math.max(1, Math.min(a.bits() & 0x7fffffffL, 1L << 30)));
            o.put("align", new Value.Int(a.bits() == 0 ? 0 : align));
        }
        for (String k : new String[] {"max-transfer", "opt-write-zero", "max-write-zero", "opt-discard", "max-discard"}) {
            if (o.get(k) instanceof Value.Int v && v.bits() != 0) {
                long base = align;
                if (k.equals("max-write-zero") && o.get("opt-write-zero") instanceof Value.Int w && w.bits() != 0) {
                    base = Math.max(base, w.bits());
                }
                if (k.equals("max-discard") && o.get("opt-discard") instanceof Value.Int d && d.bits() != 0) {
                    base = Math.max(base, d.bits());
                }
                o.put(k, new Value.Int(base));
            }
        }
    }

    /** nbd: server.* or the legacy host/path (not both, not path with port); short names (check/NetworkRule). */
    private static void nbd(Map<String, Value> o) {
        boolean legacy = o.containsKey("host") || o.containsKey("port") || o.containsKey("path");
        if (legacy && o.containsKey("server")) {
            o.remove("host");
            o.remove("port");
            o.remove("path");
        } else if (o.containsKey("path")) {
            o.remove("host");
            o.remove("port");
        } else if (!legacy && !o.containsKey("server")) {
            o.put("host", new Value.Str("localhost"));
        } else if (o.containsKey("port") && !o.containsKey("host")) {
            o.put("host", new Value.Str("localhost"));
        }
        for (String k : new String[] {"export", "x-dirty-bitmap"}) {
            if (o.get(k) instanceof Value.Str s && s.value().getBytes(StandardCharsets.UTF_8).length > 4096) {
                o.put(k, new Value.Str("e"));
            }
        }
    }

    /** ssh: server.* or the legacy host; port only with host. */
    private static void ssh(Map<String, Value> o) {
        if (!o.containsKey("host") && !o.containsKey("server")) {
            o.put("host", new Value.Str("localhost"));
        }
        if (o.containsKey("port") && !o.containsKey("host")) {
            o.remove("port");
        }
    }

    /** iscsi and iser: a CHAP user needs exactly one of password and password-secret. */
    private static void iscsi(Map<String, Value> o) {
        if (!o.containsKey("user")) {
            return;
        }
        if (o.containsKey("password") && o.containsKey("password-secret")) {
            o.remove("password");
        } else if (!o.containsKey("password") && !o.containsKey("password-secret")) {
            o.put("password-secret", new Value.Str("sec0"));
        }
    }

    /** curl: readahead a multiple of 512, timeout at most 10000, not both cookies, URL of the driver's scheme. */
    private static void curl(String driver, Map<String, Value> o) {
        if (o.get("readahead") instanceof Value.Int r) {
            o.put("readahead", new Value.Int(r.bits() & ~511L));
        }
        if (o.get("timeout") instanceof Value.Int t && Long.compareUnsigned(t.bits(), 10000) > 0) {
            o.put("timeout", new Value.Int(Long.remainderUnsigned(t.bits(), 10001)));
        }
        if (o.containsKey("cookie") && o.containsKey("cookie-secret")) {
            o.remove("cookie");
        }
        if (o.get("url") instanceof Value.Str u && !u.value().startsWith(driver + "://")) {
            o.put("url", new Value.Str(driver + "://" + u.value()));
        }
    }

    /** qcow2: not all three cache sizes; l2 and refcount caches within cache-size; clean interval fits 32 bits. */
    private static void qcow2(Map<String, Value> o) {
        if (o.get("cache-size") instanceof Value.Int c) {
            if (o.containsKey("l2-cache-size") && o.containsKey("refcount-cache-size")) {
                o.remove("refcount-cache-size");
            }
            for (String k : new String[] {"l2-cache-size", "refcount-cache-size"}) {
                if (o.get(k) instanceof Value.Int v && Long.compareUnsigned(v.bits(), c.bits()) > 0) {
                    o.put(k, c);
                }
            }
        }
        if (o.get("cache-clean-interval") instanceof Value.Int i && Long.compareUnsigned(i.bits(), 0xffffffffL) > 0) {
            o.put("cache-clean-interval", new Value.Int(i.bits() & 0xffffffffL));
        }
    }

    /** raw-format.c: "Specified size is not multiple of 512". */
    private static void raw(Map<String, Value> o) {
        if (o.get("size") instanceof Value.Int size) {
            o.put("size", new Value.Int(size.bits() & ~511L));
        }
    }

    /** quorum.c quorum_open: threshold in 1..children (as an int), blkverify's conditions. */
    private static void quorum(Map<String, Value> o) {
        int n = o.get("children") instanceof Value.Arr a ? a.items().size() : 0;
        long bits = o.get("vote-threshold") instanceof Value.Int i ? i.bits() : 1;
        int threshold = (int) bits;
        if (threshold < 1 || threshold > n) {
            bits = 1 + Long.remainderUnsigned(bits, n);
        }
        boolean quorumPattern = !(o.get("read-pattern") instanceof Value.Str p) || p.value().equals("quorum");
        if (quorumPattern && isOn(o.get("blkverify"))) {
            if (n != 2) {
                // fifo skips blkverify's checks (quorum.c), a case worth keeping
                o.put("read-pattern", new Value.Str("fifo"));
            } else {
                bits = 2;
                if (isOn(o.get("rewrite-corrupted"))) {
                    o.put("rewrite-corrupted", new Value.Bool(false));
                }
            }
        }
        o.put("vote-threshold", new Value.Int(bits));
    }

    /** QbmRule: names non-empty, at most 1023 bytes, unique; granularity a power of two that fits the image. */
    private static void qbm(Map<String, Value> o) {
        if (!(o.get("bitmaps") instanceof Value.Arr a) || a.items().isEmpty()) {
            return;
        }
        Long size = o.get("size") instanceof Value.Int s ? Long.valueOf(s.bits())
                : o.get("image") instanceof Value.Node n ? knownSize(n.child()) : null;
        long minimum = minimumGranularity(size);
        if (minimum < 0) {
            // no granularity fits an image this large: state a size that fits instead
            o.put("size", new Value.Int(1L << 30));
            minimum = minimumGranularity(1L << 30);
        }
        Set<String> seen = new HashSet<>();
        List<Value> items = new ArrayList<>();
        for (Value item : a.items()) {
            Map<String, Value> b = new LinkedHashMap<>(((Value.Obj) item).members());
            String name = b.get("name") instanceof Value.Str s && !s.value().isEmpty() ? s.value() : "bitmap";
            while (name.getBytes(StandardCharsets.UTF_8).length > 1023) {
                name = name.substring(0, name.offsetByCodePoints(0, name.codePointCount(0, name.length()) - 1));
            }
            String candidate = name;
            for (int k = 1; !seen.add(candidate); k++) {
                candidate = name + "~" + k;
            }
            b.put("name", new Value.Str(candidate));
            if (b.get("granularity") instanceof Value.Int g && !validGranularity(g.bits())) {
                b.put("granularity", new Value.Int(1L << (9 + Long.remainderUnsigned(g.bits(), 23))));
            }
            long effective = b.get("granularity") instanceof Value.Int g ? g.bits() : 65536;
            if (effective < minimum) {
                b.put("granularity", new Value.Int(minimum));
            }
            items.add(new Value.Obj(b));
        }
        o.put("bitmaps", new Value.Arr(items));
    }

    private static boolean validGranularity(long g) {
        return Long.bitCount(g) == 1 && g >= MIN_GRANULARITY && g <= MAX_GRANULARITY;
    }

    /** The smallest granularity for an image of a known size; -1 when none fits. */
    static long minimumGranularity(Long size) {
        long g = MIN_GRANULARITY;
        if (size == null) {
            return g;
        }
        while (Long.compareUnsigned(size, BYTES_PER_GRANULARITY * g) > 0) {
            if (g == MAX_GRANULARITY) {
                return -1;
            }
            g <<= 1;
        }
        return g;
    }

    /** The virtual size the configuration states (check/KnownSize): raw's size, null-co's size. */
    static Long knownSize(Child child) {
        if (!(child instanceof Child.Inline i)) {
            return null;
        }
        BlockNode node = i.node();
        Map<String, Value> o = node.options();
        if (node.driver().equals("raw")) {
            if (o.get("size") instanceof Value.Int s) {
                return s.bits();
            }
            return o.get("file") instanceof Value.Node f ? knownSize(f.child()) : null;
        }
        if (node.driver().equals("null-co") || node.driver().equals("null-aio")) {
            return o.get("size") instanceof Value.Int s ? s.bits() : 1L << 30;
        }
        return null;
    }
}
