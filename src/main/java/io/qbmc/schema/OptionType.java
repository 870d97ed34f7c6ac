package io.qbmc.schema;

import java.util.List;

/** What an option holds, as its driver declares it. */
public sealed interface OptionType {

    /** A short name for messages and docs. */
    String describe();

    /**
     * The named members an option of this type holds (a group's, a list of groups' element, an
     * alternate's or union's group form); empty for scalars and children.
     */
    static List<OptionSpec> membersOf(OptionType t) {
        if (t instanceof ListOf l) {
            t = l.element();
        }
        if (t instanceof Alternate a) {
            t = a.group();
        }
        if (t instanceof Union u) {
            t = u.all();
        }
        return t instanceof Group g ? g.members() : List.of();
    }

    record Str() implements OptionType {
        @Override
        public String describe() {
            return "string";
        }
    }

    /** on/off, also yes/no, true/false, y/n (qapi_bool_parse). */
    record Bool() implements OptionType {
        @Override
        public String describe() {
            return "bool";
        }
    }

    /**
     * What QAPI declares a number or size to be, where QAPI reads it: -blockdev, and drivers whose
     * options QAPI parses in every form (copy-before-write). INT64 is QAPI's 'int' and 'size'
     * as -blockdev keyval reads them; UINT32 and UINT64 are 'uint32' and 'uint64'.
     */
    enum Width {
        INT64, UINT64, UINT32
    }

    /**
     * QEMU_OPT_NUMBER: a uint64 in decimal, 0x hex or 0 octal.
     *
     * @param width     its QAPI type in -blockdev
     * @param alwaysQapi whether QAPI reads it in every form, so the width holds everywhere
     */
    record Num(Width width, boolean alwaysQapi) implements OptionType {
        public Num() {
            this(Width.INT64, false);
        }

        @Override
        public String describe() {
            return "number";
        }
    }

    /** QEMU_OPT_SIZE: bytes, with the suffixes k, M, G, T, P, E (powers of 1024); width: its QAPI type in -blockdev. */
    record Size(Width width) implements OptionType {
        public Size() {
            this(Width.INT64);
        }

        @Override
        public String describe() {
            return "size";
        }
    }

    record Enum(List<String> values) implements OptionType {
        public Enum {
            values = List.copyOf(values);
        }

        @Override
        public String describe() {
            return String.join("|", values);
        }
    }

    /**
     * A child node: nested options or a node-name reference (QAPI's BlockdevRef).
     *
     * @param nullable whether null is allowed, meaning "no child" (BlockdevRefOrNull)
     * @param protocol whether QEMU opens the child as a protocol node (BDRV_O_PROTOCOL): then a
     *        child with a filename and no driver is a file; otherwise its format is probed
     */
    record ChildRef(boolean nullable, boolean protocol) implements OptionType {
        @Override
        public String describe() {
            return nullable ? "node or null" : "node";
        }
    }

    /**
     * A list written key.0, key.1, ...
     *
     * @param bareElement whether QemuOpts also takes one element written without an index
     *                    (key.member=...), as blkdebug's rule sections do (util/qemu-config.c)
     */
    record ListOf(OptionType element, boolean bareElement) implements OptionType {
        public ListOf(OptionType element) {
            this(element, false);
        }

        @Override
        public String describe() {
            return "list of " + element.describe();
        }
    }

    /** A group of named options written key.member. */
    record Group(List<OptionSpec> members) implements OptionType {
        public Group {
            members = List.copyOf(members);
        }

        public OptionSpec member(String name) {
            for (OptionSpec m : members) {
                if (m.name().equals(name)) {
                    return m;
                }
            }
            return null;
        }

        @Override
        public String describe() {
            return "group";
        }
    }

    /**
     * QAPI's alternate: one of several shapes, chosen by what was written (a word or a group,
     * like qcow2's overlap-check).
     */
    record Alternate(OptionType scalar, Group group) implements OptionType {
        @Override
        public String describe() {
            return scalar.describe() + " or group";
        }
    }

    /**
     * QAPI's union: a group whose members depend on the value of one of them, the discriminator
     * (SocketAddress by type, SshHostKeyCheck by mode).
     *
     * @param common   members of every variant, the discriminator among them
     * @param variants the other members, by discriminator value
     */
    record Union(String discriminator, List<OptionSpec> common, java.util.Map<String, List<OptionSpec>> variants)
            implements OptionType {
        public Union {
            common = List.copyOf(common);
            variants = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variants));
        }

        /** The members of one variant as a group. */
        public Group variant(String value) {
            List<OptionSpec> members = new java.util.ArrayList<>(common);
            members.addAll(variants.getOrDefault(value, List.of()));
            return new Group(members);
        }

        /**
         * Every member any variant has, for ordering and docs; only the common ones required, as
         * which others are depends on the discriminator.
         */
        public Group all() {
            java.util.Map<String, OptionSpec> members = new java.util.LinkedHashMap<>();
            common.forEach(m -> members.put(m.name(), m));
            variants.values().forEach(v -> v.forEach(m -> members.putIfAbsent(m.name(),
                    new OptionSpec(m.name(), m.type(), false, m.defaultValue(), m.strong(), m.doc(), m.inputOnly(),
                            false))));
            return new Group(List.copyOf(members.values()));
        }

        /** The values the discriminator takes. */
        public List<String> values() {
            for (OptionSpec c : common) {
                if (c.name().equals(discriminator) && c.type() instanceof Enum e) {
                    return e.values();
                }
            }
            return List.copyOf(variants.keySet());
        }

        @Override
        public String describe() {
            return "union on " + discriminator;
        }
    }
}
