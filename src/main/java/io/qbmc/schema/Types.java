package io.qbmc.schema;

import java.util.List;

/** Short names for declaring schemas as data. */
final class Types {
    private Types() {
    }

    static final OptionType STR = new OptionType.Str();
    static final OptionType BOOL = new OptionType.Bool();
    static final OptionType NUM = new OptionType.Num();
    static final OptionType SIZE = new OptionType.Size();
    /** A QemuOpts size that -blockdev's schema declares uint32. */
    static final OptionType SIZE_U32 = new OptionType.Size(OptionType.Width.UINT32);
    /** A QemuOpts number that -blockdev's schema declares uint64 (2^63 and more allowed). */
    static final OptionType NUM_U64 = new OptionType.Num(OptionType.Width.UINT64, false);
    /** A uint32 that QAPI reads in every form. */
    static final OptionType QAPI_U32 = new OptionType.Num(OptionType.Width.UINT32, true);
    /** A child whose format QEMU probes when no driver is given (quorum children, backing). */
    static final OptionType NODE = new OptionType.ChildRef(false, false);
    /** A child QEMU opens as a protocol node (a format driver's file). */
    static final OptionType PROTOCOL_NODE = new OptionType.ChildRef(false, true);
    static final OptionType NODE_OR_NULL = new OptionType.ChildRef(true, false);

    static OptionType oneOf(String... values) {
        return new OptionType.Enum(List.of(values));
    }

    static OptionType.Group group(OptionSpec... members) {
        return new OptionType.Group(List.of(members));
    }

    static OptionType listOf(OptionType element) {
        return new OptionType.ListOf(element);
    }

    /** A list of rules that QemuOpts also takes as one rule without an index. */
    static OptionType rules(OptionType element) {
        return new OptionType.ListOf(element, true);
    }

    /** A union: common members (the discriminator first), then members per discriminator value. */
    static OptionType union(String discriminator, java.util.List<OptionSpec> common,
            java.util.Map<String, java.util.List<OptionSpec>> variants) {
        return new OptionType.Union(discriminator, common, variants);
    }

    static OptionSpec opt(String name, OptionType type, String doc) {
        return OptionSpec.of(name, type, doc);
    }
}
