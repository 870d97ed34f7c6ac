package io.qbmc.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A block driver as data: its options with their types, which of them are children, and the
 * facts about it that checks and docs need. One declaration serves the binder, the checks,
 * the emitters and docs/options.md.
 */
public final class DriverSchema {

    /** QEMU words unknown-option errors by driver kind: "Block format" vs "Block protocol". */
    public enum Kind {
        FORMAT, PROTOCOL
    }

    private final String name;
    private final Kind kind;
    private final boolean qemuKnows;
    private final boolean supportsBacking;
    private final String doc;
    private final Map<String, OptionSpec> options = new LinkedHashMap<>();

    DriverSchema(String name, Kind kind, boolean qemuKnows, boolean supportsBacking, String doc,
            List<OptionSpec> options) {
        this.name = name;
        this.kind = kind;
        this.qemuKnows = qemuKnows;
        this.supportsBacking = supportsBacking;
        this.doc = doc;
        for (OptionSpec o : options) {
            if (this.options.put(o.name(), o) != null) {
                throw new IllegalStateException(name + ": option " + o.name() + " declared twice");
            }
        }
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether qemu-img 7.2 has this driver (qbm is ours alone). */
    public boolean qemuKnows() {
        return qemuKnows;
    }

    public boolean supportsBacking() {
        return supportsBacking;
    }

    public String doc() {
        return doc;
    }

    /** All options in declaration order, the common block-layer ones first. */
    public Iterable<OptionSpec> options() {
        return options.values();
    }

    public OptionSpec option(String name) {
        return options.get(name);
    }

    /** QEMU's wording for an option the driver does not have (block.c bdrv_open_inherit). */
    public String unknownOptionMessage(String key) {
        if (name.isEmpty()) {
            return "The probed format does not support the option '" + key + "'";
        }
        return kind == Kind.FORMAT
                ? "Block format '" + name + "' does not support the option '" + key + "'"
                : "Block protocol '" + name + "' doesn't support the option '" + key + "'";
    }
}
