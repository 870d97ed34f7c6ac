package io.qbmc.differential;

import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.Value;
import io.qbmc.schema.DriverSchema;
import io.qbmc.schema.Drivers;
import io.qbmc.schema.OptionSpec;
import io.qbmc.schema.OptionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A node as QEMU's canonical filename shows it (block.c bdrv_refresh_filename): its driver, the
 * options that survive into full_open_options, and its children. Values are qbmc's typed values,
 * so "2" and 2, "on" and true, "1k" and 1024 compare equal, as they mean the same to QEMU.
 *
 * @param entries option name to a {@link Value}, a child {@link Canonical}, or a list of them
 *                (quorum's children); sorted, since QEMU's key order carries no meaning
 */
record Canonical(String driver, Map<String, Object> entries) {

    /** Drivers whose refresh_filename builds a plain name from their children (blkdebug.c, blkverify.c). */
    private static final Set<String> POSIX = Set.of("file", "host_device", "host_cdrom");

    /**
     * What qbmc's graph of the input should look like in QEMU's canonical name: driver, filename,
     * the options qbmc marks strong, and the children. The backing child is left out:
     * qemu-img info opens with BDRV_O_NO_IO, which makes bdrv_refresh_filename treat backing as
     * not overridden (block.c, "Without I/O, the backing file does not change anything").
     * A probed node (no driver) gets the format QEMU's probing finds in its file.
     */
    static Canonical expected(BlockNode node, Workspace ws) {
        String driver = node.driver();
        if (driver.isEmpty()) {
            driver = probedDriver(node, ws);
        }
        DriverSchema schema = Drivers.get(driver);
        Map<String, Object> entries = new TreeMap<>();
        for (Map.Entry<String, Value> e : node.options().entrySet()) {
            String key = e.getKey();
            Value v = e.getValue();
            if (key.equals("backing")) {
                continue;
            }
            Object child = children(v, ws, true);
            if (child != null) {
                entries.put(key, child);
                continue;
            }
            OptionSpec spec = schema == null ? null : schema.option(key);
            if (key.equals("filename") || spec != null && spec.strong()) {
                entries.put(key, v);
            } else if (spec != null && v instanceof Value.Obj group) {
                // a strong member of a group, such as qcow2's "encrypt.key-secret"
                Value.Obj kept = strongMembers(spec.type(), group);
                if (kept != null) {
                    entries.put(key, kept);
                }
            }
        }
        return new Canonical(driver, entries);
    }

    /**
     * QEMU's printed json: name as qbmc reads it, taken whole: it holds only what QEMU kept, so a
     * strong option qbmc does not mark strong still shows up here and makes the comparison fail.
     */
    static Canonical printed(BlockNode node, Workspace ws) {
        Map<String, Object> entries = new TreeMap<>();
        for (Map.Entry<String, Value> e : node.options().entrySet()) {
            Object child = children(e.getValue(), ws, false);
            entries.put(e.getKey(), child != null ? child : e.getValue());
        }
        String driver = node.driver().isEmpty() ? "(none)" : node.driver();
        return new Canonical(driver, entries);
    }

    private static Value.Obj strongMembers(OptionType type, Value.Obj group) {
        OptionType.Group g = type instanceof OptionType.Group gr ? gr
                : type instanceof OptionType.Alternate a ? a.group() : null;
        if (g == null) {
            return null;
        }
        Map<String, Value> kept = new TreeMap<>();
        for (Map.Entry<String, Value> m : group.members().entrySet()) {
            OptionSpec spec = g.member(m.getKey());
            if (spec == null) {
                continue;
            }
            if (spec.strong()) {
                kept.put(m.getKey(), m.getValue());
            } else if (m.getValue() instanceof Value.Obj inner) {
                Value.Obj k = strongMembers(spec.type(), inner);
                if (k != null) {
                    kept.put(m.getKey(), k);
                }
            }
        }
        return kept.isEmpty() ? null : new Value.Obj(kept);
    }

    private static Object children(Value v, Workspace ws, boolean expected) {
        if (v instanceof Value.Node n && n.child() instanceof Child.Inline in) {
            return expected ? expected(in.node(), ws) : printed(in.node(), ws);
        }
        if (v instanceof Value.Arr a && !a.items().isEmpty()
                && a.items().stream().allMatch(i -> i instanceof Value.Node n && n.child() instanceof Child.Inline)) {
            List<Canonical> out = new ArrayList<>();
            for (Value i : a.items()) {
                out.add((Canonical) children(i, ws, expected));
            }
            return out;
        }
        return null;
    }

    private static String probedDriver(BlockNode node, Workspace ws) {
        if (node.options().get("file") instanceof Value.Node n && n.child() instanceof Child.Inline in
                && in.node().options().get("filename") instanceof Value.Str f) {
            String found = ws.probe(f.value());
            if (found != null) {
                return found;
            }
        }
        return "(probed)";
    }

    /**
     * The plain name QEMU prints for this node, or null when it prints json:. This follows
     * bdrv_refresh_filename: a protocol node's exact_filename (file-posix: its filename; null-co:
     * "null-co://" unless size/read-zeroes are given; blkdebug: "blkdebug:CONFIG:IMAGE" when it
     * has no rules or limits; blkverify: "blkverify:RAW:TEST"), and a format node that is not a
     * filter, has no strong options and sits on a protocol node with a plain name inherits it.
     */
    String plainName() {
        String name = plain();
        // bs->filename is char[PATH_MAX]: a longer plain name is not reported (blkdebug.c, blkverify.c)
        return name != null && name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 4096 ? name : null;
    }

    private String plain() {
        if (POSIX.contains(driver)) {
            return entries.get("filename") instanceof Value.Str s ? s.value() : null;
        }
        switch (driver) {
            case "null-co":
            case "null-aio":
                return onlyKeys(Set.of("filename")) ? driver + "://" : null;
            case "blkdebug": {
                String image = childPlain("image");
                if (image == null || !onlyKeys(Set.of("config", "image"))) {
                    return null;
                }
                String config = entries.get("config") instanceof Value.Str s ? s.value() : "";
                return "blkdebug:" + config + ":" + image;
            }
            case "blkverify": {
                String raw = childPlain("raw");
                String test = childPlain("test");
                return raw != null && test != null ? "blkverify:" + raw + ":" + test : null;
            }
            case "copy-before-write":
            case "snapshot-access":
                // their refresh_filename copies the file child's name (block/copy-before-write.c,
                // block/snapshot-access.c), so QEMU prints it although they are filters
                return childPlain("file");
            case "raw":
            case "qcow2":
            case "luks":
            case "vmdk":
            case "qcow":
            case "qed":
            case "vdi":
            case "vhdx":
            case "vpc":
            case "parallels":
            case "dmg":
            case "bochs":
            case "cloop": {
                // format drivers (is_filter false); the primary child must be a protocol node
                if (!onlyKeys(Set.of("file")) || !(entries.get("file") instanceof Canonical f)) {
                    return null;
                }
                DriverSchema fs = Drivers.get(f.driver());
                return fs != null && fs.kind() == DriverSchema.Kind.PROTOCOL ? f.plain() : null;
            }
            default:
                // filters (throttle, copy-on-read), quorum (no primary child) and the network
                // drivers, which never open here
                return null;
        }
    }

    private String childPlain(String name) {
        return entries.get(name) instanceof Canonical c ? c.plain() : null;
    }

    private boolean onlyKeys(Set<String> allowed) {
        return allowed.containsAll(entries.keySet());
    }

    /** Compact JSON-like text for failure messages. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("{driver=").append(driver);
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            out.append(", ").append(e.getKey()).append('=').append(describe(e.getValue()));
        }
        return out.append('}').toString();
    }

    private static String describe(Object o) {
        if (o instanceof Value.Str s) {
            return '"' + s.value() + '"';
        }
        if (o instanceof Value.Int i) {
            return i.toString();
        }
        if (o instanceof Value.Bool b) {
            return Boolean.toString(b.value());
        }
        return Objects.toString(o);
    }
}
