package io.qbmc.bind;

import io.qbmc.text.Suggest;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.BlockNodes;
import io.qbmc.graph.Child;
import io.qbmc.graph.Origins;
import io.qbmc.graph.Value;
import io.qbmc.options.OptionTree;
import io.qbmc.options.Scalar;
import io.qbmc.schema.DriverSchema;
import io.qbmc.schema.Drivers;
import io.qbmc.schema.OptionSpec;
import io.qbmc.schema.OptionType;
import io.qbmc.source.Span;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives an option tree its meaning: finds each node's driver, types every option from the
 * driver's schema, and builds the graph's nodes. Reports every problem it meets and goes on,
 * so one run shows them all.
 */
public final class Binder {
    private final Typing typing;
    private final Diagnostics diags;
    private final Origins origins;

    public Binder(Typing typing, Diagnostics diags, Origins origins) {
        this(typing, diags, origins, false);
    }

    /**
     * @param qapi whether the nodes come as -blockdev options, which QAPI's schema checks: every
     *             node names its driver there, nothing is probed
     */
    public Binder(Typing typing, Diagnostics diags, Origins origins, boolean qapi) {
        this.typing = typing;
        this.diags = diags;
        this.origins = origins;
        this.qapi = qapi;
    }

    private final boolean qapi;
    /** Option paths from the top node to the node being bound, for messages that name whole paths. */
    private final java.util.ArrayDeque<String> nodePath = new java.util.ArrayDeque<>();

    /** Where a node sits decides what a missing driver means (bdrv_fill_options, bdrv_open_inherit). */
    public enum Role {
        /** A format-level node: without a driver its format is probed from its file child. */
        IMAGE,
        /** A protocol-level node: without a driver, a filename means the file protocol. */
        PROTOCOL
    }

    /** Per-node bookkeeping: option paths to spans. */
    private static final class NodeSpans {
        final Map<String, Span> keys = new HashMap<>();
        final Map<String, Span> values = new HashMap<>();
    }

    public BlockNode bind(OptionTree.Group tree, Role role) {
        return bindNode(tree, role, tree.span());
    }

    /**
     * Binds a top-level node whose text the front end knows; problems of the node as a whole
     * (a missing driver, file or option) are reported there.
     */
    public BlockNode bind(OptionTree.Group tree, Role role, Span nodeSpan) {
        return bindNode(tree, role, nodeSpan.isKnown() ? nodeSpan : tree.span());
    }

    private BlockNode bindNode(OptionTree.Group tree, Role role, Span nodeSpan) {
        NodeSpans spans = new NodeSpans();
        DriverSchema schema = driver(tree, role, nodeSpan, spans);
        if (schema == null) {
            return null;
        }
        String outer = driverName;
        driverName = schema.name();
        try {
            return bindOptions(schema, tree, nodeSpan, spans);
        } finally {
            driverName = outer;
        }
    }

    /** The driver of the node being bound: qbm is qbmc's own and keeps its sizes everywhere. */
    private String driverName;

    /** Whether the node being bound gets its filename from its parent (a vmdk extent). */
    private boolean filenameFromParent;

    private BlockNode bindOptions(DriverSchema schema, OptionTree.Group tree, Span nodeSpan, NodeSpans spans) {
        boolean noFilename = filenameFromParent;
        filenameFromParent = false;
        Map<String, Value> options = new LinkedHashMap<>();
        for (Map.Entry<String, OptionTree> e : tree.members().entrySet()) {
            String name = e.getKey();
            if (name.equals("driver")) {
                continue;
            }
            OptionSpec spec = schema.option(name);
            if (spec == null) {
                unknownOption(schema, name, e.getValue(), optionNames(schema));
                continue;
            }
            if (qapi && !Drivers.inQapi(schema.name(), name)) {
                // QAPI lacks what QemuOpts reads: no suggestion, the option itself is what is wrong
                unknownOption(schema, name, e.getValue(), List.of());
                continue;
            }
            Value v = value(schema, spec.type(), e.getValue(), name, spans);
            if (v != null) {
                options.put(name, v);
            }
        }
        // a qbm node that still has its descriptor option names one that could not be read, which is
        // reported: what it would have supplied is not missing as well
        if (!(schema.name().equals("qbm") && tree.members().containsKey("descriptor"))) {
            missing(schema, noFilename ? withoutFilename(schema) : schema.options(), options, "", tree, nodeSpan);
        }
        BlockNode node = BlockNodes.of(schema.name(), options);
        origins.put(node, new Origins.NodeOrigin(nodeSpan, spans.keys, spans.values));
        return node;
    }

    private DriverSchema driver(OptionTree.Group tree, Role role, Span nodeSpan, NodeSpans spans) {
        OptionTree d = tree.get("driver");
        String name = null;
        if (d instanceof OptionTree.Leaf leaf) {
            spans.keys.put("driver", leaf.keySpan());
            spans.values.put("driver", leaf.valueSpan());
            if (leaf.value() instanceof Scalar.Str s) {
                name = s.value();
            } else if (typing == Typing.STRICT) {
                diags.report(Code.WRONG_TYPE, leaf.valueSpan(),
                        "Invalid parameter type for 'driver', expected: string", null);
                return null;
            }
            // a non-string driver in a json: filename is ignored by QEMU, which then probes
        } else if (d != null) {
            diags.report(Code.WRONG_TYPE, d.keySpan(), "Invalid parameter type for 'driver', expected: string",
                    "driver takes a name such as raw or qcow2, not a group of options");
            return null;
        }
        if (name != null) {
            DriverSchema schema = Drivers.get(name);
            if (schema == null) {
                String guess = Suggest.closest(name, driverNames());
                diags.report(Code.UNKNOWN_DRIVER, ((OptionTree.Leaf) d).valueSpan(), "Unknown driver '" + name + "'",
                        guess != null ? "did you mean '" + guess + "'?" : "docs/options.md lists the drivers");
            }
            return schema;
        }
        if (qapi) {
            // BlockdevOptions has a mandatory discriminator; QAPI names the whole path
            String path = nodePath.isEmpty() ? "driver" : String.join(".", nodePath) + ".driver";
            diags.report(Code.MISSING_OPTION, nodeSpan, "Parameter '" + path + "' is missing",
                    "-blockdev nodes name their driver: add " + path + "=...");
            return null;
        }
        if (role == Role.PROTOCOL && tree.get("filename") instanceof OptionTree.Leaf) {
            // bdrv_find_protocol without a protocol prefix: the file driver
            return Drivers.get("file");
        }
        if (role == Role.IMAGE && tree.get("file") != null) {
            diags.report(Code.PROBED_FORMAT, nodeSpan.hasOffsets() ? nodeSpan : tree.get("file").keySpan(),
                    "No driver given: QEMU will probe the image format",
                    "add driver=raw (or the image's format); probing a raw image is unsafe");
            return Drivers.probe();
        }
        diags.report(Code.NO_DRIVER, nodeSpan, "Must specify either driver or file",
                role == Role.PROTOCOL ? "add driver=file and filename=PATH" : "add driver=FORMAT and file.filename=PATH");
        return null;
    }

    private static List<String> driverNames() {
        List<String> names = new ArrayList<>();
        for (DriverSchema s : Drivers.all()) {
            names.add(s.name());
        }
        return names;
    }

    private static List<String> optionNames(DriverSchema schema) {
        List<String> names = new ArrayList<>();
        for (OptionSpec o : schema.options()) {
            names.add(o.name());
        }
        return names;
    }

    private void unknownOption(DriverSchema schema, String path, OptionTree tree, List<String> candidates) {
        if (path.equals("backing") && !schema.supportsBacking()) {
            if (tree instanceof OptionTree.Leaf leaf && (leaf.value() instanceof Scalar.Null
                    || leaf.value() instanceof Scalar.Str s && s.value().isEmpty())) {
                // bdrv_open_inherit drops "no backing file" for every driver before the driver sees it
                if (leaf.value() instanceof Scalar.Str) {
                    diags.report(Code.DEPRECATED, leaf.span(),
                            "Use of \"backing\": \"\" is deprecated; use \"backing\": null instead", null);
                }
                return;
            }
            diags.report(Code.NO_BACKING_SUPPORT, tree.keySpan(), "Driver doesn't support backing files",
                    "'" + schema.name() + "' has no backing file; backing= belongs on a format such as qcow2");
            return;
        }
        String leafName = path.substring(path.lastIndexOf('.') + 1);
        String guess = Suggest.closest(leafName, candidates);
        // -blockdev goes through the QAPI visitor, which names the member it did not visit
        // (qobject-input-visitor.c check_struct); QemuOpts names the first flat key left over
        String message = qapi ? "Parameter '" + qapiName(path) + "' is unexpected"
                : schema.unknownOptionMessage(firstLeafKey(path, tree));
        diags.report(Code.UNKNOWN_OPTION, tree.keySpan(), message,
                guess != null ? "did you mean '" + prefixOf(path) + guess + "'?" : null);
    }

    /**
     * An option's name as QAPI prints it, from the top -blockdev node: "file.cache.direct";
     * list elements are "children.0" in keyval and "children[0]" in JSON (full_name_nth).
     */
    private String qapiName(String path) {
        String full = nodePath.isEmpty() ? path : String.join(".", nodePath) + "." + path;
        return typing == Typing.STRICT ? full.replaceAll("\\.(\\d+)(?=\\.|$)", "[$1]") : full;
    }

    private static String prefixOf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot + 1);
    }

    /** QEMU names the first flat key it could not place, e.g. 'cache.bogus' or 'bogus.x'. */
    private static String firstLeafKey(String path, OptionTree tree) {
        OptionTree t = tree;
        StringBuilder key = new StringBuilder(path);
        while (true) {
            if (t instanceof OptionTree.Group g && !g.members().isEmpty()) {
                Map.Entry<String, OptionTree> first = g.members().entrySet().iterator().next();
                key.append('.').append(first.getKey());
                t = first.getValue();
            } else if (t instanceof OptionTree.Items items && !items.items().isEmpty()) {
                key.append(".0");
                t = items.items().get(0);
            } else {
                return key.toString();
            }
        }
    }

    private Value value(DriverSchema schema, OptionType type, OptionTree tree, String path, NodeSpans spans) {
        if (tree instanceof OptionTree.Group g && g.shadow() != null) {
            return shadowed(schema, type, g, path, spans);
        }
        spans.keys.put(path, tree.keySpan());
        if (tree instanceof OptionTree.Leaf leaf) {
            spans.values.put(path, leaf.valueSpan());
        } else {
            spans.values.put(path, tree.span());
        }
        if (type instanceof OptionType.Group g) {
            return group(schema, g, tree, path, spans);
        }
        if (type instanceof OptionType.Union u) {
            return union(schema, u, tree, path, spans);
        }
        if (type instanceof OptionType.Alternate a) {
            return tree instanceof OptionTree.Leaf ? value(schema, a.scalar(), tree, path, spans)
                    : group(schema, a.group(), tree, path, spans);
        }
        if (type instanceof OptionType.ListOf l) {
            return list(schema, l, tree, path, spans);
        }
        if (type instanceof OptionType.ChildRef c) {
            return child(c, tree, path);
        }
        if (!(tree instanceof OptionTree.Leaf leaf)) {
            unknownOption(schema, path, firstMember(tree), List.of());
            return null;
        }
        return scalar(type, leaf, path);
    }

    private static OptionTree firstMember(OptionTree tree) {
        return tree;
    }

    /**
     * "x=..." beside "x.y=...": the block layer keeps both flat keys; what is wrong depends on
     * what x is. A child cannot be a reference and options at once; a scalar option leaves the
     * sub-keys over as unknown options; a group leaves the bare key over.
     */
    private Value shadowed(DriverSchema schema, OptionType type, OptionTree.Group g, String path, NodeSpans spans) {
        OptionTree.Leaf scalar = g.shadow();
        OptionTree.Group members = new OptionTree.Group(g.members(), g.keySpan(), g.span());
        if (type instanceof OptionType.ChildRef) {
            spans.keys.put(path, scalar.keySpan());
            spans.values.put(path, g.span());
            Map.Entry<String, OptionTree> first = members.members().entrySet().iterator().next();
            Span member = first.getValue().keySpan();
            // the sub-option as written, "file.driver": keys are verbatim, so the prefix sits just before
            int keyLength = path.length() + 1 + first.getKey().length();
            Span options = member.hasOffsets() && member.end() - keyLength >= 0
                    ? Span.of(member.source(), member.end() - keyLength, member.end()) : member;
            diags.report(Code.REFERENCE_WITH_OPTIONS, options,
                    "Cannot reference an existing block device with additional options or a new filename",
                    "give " + path + " either as a node-name or as " + path + ".driver=... options, not both");
            return null;
        }
        if (type instanceof OptionType.Group || type instanceof OptionType.Alternate
                || type instanceof OptionType.ListOf) {
            unknownOption(schema, path, scalar, List.of());
            return value(schema, type, members, path, spans);
        }
        for (Map.Entry<String, OptionTree> e : members.members().entrySet()) {
            unknownOption(schema, path + "." + e.getKey(), e.getValue(), List.of());
        }
        return value(schema, type, scalar, path, spans);
    }

    private Value group(DriverSchema schema, OptionType.Group g, OptionTree tree, String path, NodeSpans spans) {
        if (!(tree instanceof OptionTree.Group group)) {
            if (tree instanceof OptionTree.Leaf leaf && skipped(leaf.value())) {
                return null;
            }
            if (typing == Typing.LENIENT) {
                // QemuOpts knows only the flat keys path.member: a bare path is an unknown option
                unknownOption(schema, path, tree, List.of());
                return null;
            }
            diags.report(Code.WRONG_TYPE, valueSpan(tree), "Invalid parameter type for '" + path + "', expected: object",
                    "write " + path + "." + g.members().get(0).name() + "=... for the options of the group");
            return null;
        }
        List<String> names = new ArrayList<>();
        for (OptionSpec m : g.members()) {
            names.add(m.name());
        }
        Map<String, Value> members = new LinkedHashMap<>();
        for (Map.Entry<String, OptionTree> e : group.members().entrySet()) {
            String childPath = path + "." + e.getKey();
            OptionSpec spec = g.member(e.getKey());
            if (spec == null) {
                unknownOption(schema, childPath, e.getValue(), names);
                continue;
            }
            Value v = value(schema, spec.type(), e.getValue(), childPath, spans);
            if (v != null) {
                members.put(e.getKey(), v);
            }
        }
        missing(schema, g.members(), members, path + ".", group, group.span());
        return new Value.Obj(members);
    }

    /** A QAPI union: the discriminator picks which members the group may have. */
    private Value union(DriverSchema schema, OptionType.Union u, OptionTree tree, String path, NodeSpans spans) {
        if (!(tree instanceof OptionTree.Group g)) {
            return group(schema, u.all(), tree, path, spans);
        }
        OptionTree d = g.get(u.discriminator());
        String value = d instanceof OptionTree.Leaf leaf && leaf.value() instanceof Scalar.Str s ? s.value() : null;
        if (value == null || !u.values().contains(value)) {
            // the discriminator is missing or wrong, which is what gets reported; the members
            // of every variant pass until it is right
            return group(schema, u.all(), tree, path, spans);
        }
        return group(schema, u.variant(value), tree, path, spans);
    }

    private Value list(DriverSchema schema, OptionType.ListOf l, OptionTree tree, String path, NodeSpans spans) {
        if (tree instanceof OptionTree.Items items) {
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < items.items().size(); i++) {
                Value v = value(schema, l.element(), items.items().get(i), path + "." + i, spans);
                if (v != null) {
                    out.add(v);
                }
            }
            return new Value.Arr(out);
        }
        if (l.bareElement() && !qapi && tree instanceof OptionTree.Group one) {
            // one rule written without an index (inject-error.event=...), as QemuOpts takes it
            Value v = value(schema, l.element(), one, path + ".0", spans);
            return v == null ? null : new Value.Arr(List.of(v));
        }
        if (tree instanceof OptionTree.Leaf leaf) {
            if (leaf.value() instanceof Scalar.EmptyList) {
                return new Value.Arr(List.of());
            }
            if (skipped(leaf.value())) {
                return null;
            }
        }
        diags.report(Code.WRONG_TYPE, valueSpan(tree), "Invalid parameter type for '" + path + "', expected: array",
                "write the elements as " + path + ".0, " + path + ".1, ...");
        return null;
    }

    private Value child(OptionType.ChildRef type, OptionTree tree, String path) {
        if (tree instanceof OptionTree.Group g) {
            // block/vmdk.c vmdk_parse_extents opens extents.N with the file name the descriptor
            // gives, so a filename of the user's own clashes with it
            boolean extent = "vmdk".equals(driverName) && path.matches("extents\\.\\d+");
            if (extent && g.get("filename") != null) {
                diags.report(Code.FILE_AND_FILENAME, g.get("filename").keySpan(),
                        "Can't specify 'file' and 'filename' options at the same time",
                        "drop " + path + ".filename: the descriptor names each extent's file");
                return null;
            }
            nodePath.addLast(path);
            BlockNode node;
            filenameFromParent = extent;
            try {
                node = bindNode(g, type.protocol() ? Role.PROTOCOL : Role.IMAGE, g.span());
            } finally {
                nodePath.removeLast();
                filenameFromParent = false;
            }
            return node == null ? null : new Value.Node(new Child.Inline(node));
        }
        if (tree instanceof OptionTree.Leaf leaf) {
            Scalar s = leaf.value();
            if (s instanceof Scalar.Str str) {
                if (str.value().isEmpty() && type.nullable()) {
                    diags.report(Code.DEPRECATED, leaf.span(),
                            "Use of \"" + path + "\": \"\" is deprecated; use \"" + path + "\": null instead", null);
                    return new Value.Node(new Child.None());
                }
                return new Value.Node(new Child.Ref(str.value()));
            }
            if (s instanceof Scalar.Null && type.nullable()) {
                return new Value.Node(new Child.None());
            }
            if (s instanceof Scalar.Null || s instanceof Scalar.EmptyObject) {
                // QEMU drops both; the missing child is reported by the caller
                return null;
            }
        }
        if (typing == Typing.LENIENT && tree instanceof OptionTree.Leaf) {
            // bdrv_open_child reads only a string reference or sub-options: a number or boolean
            // leaves the child missing ("A block device must be specified for ...")
            return null;
        }
        diags.report(Code.WRONG_TYPE, valueSpan(tree),
                "Invalid parameter type for '" + path + "', expected: " + (type.nullable() ? "BlockdevRefOrNull" : "BlockdevRef"),
                "a child is a group of options or the node-name of another node");
        return null;
    }

    /** Where a value is written: a leaf's value, else the whole option. */
    private static Span valueSpan(OptionTree tree) {
        return tree instanceof OptionTree.Leaf leaf && leaf.valueSpan().isKnown() ? leaf.valueSpan() : tree.span();
    }

    /** A required option that was written but refused: a bad scalar, or a child that failed to bind. */
    private boolean writtenButRefused(OptionSpec spec, OptionTree written) {
        if (written == null) {
            return false;
        }
        if (spec.type() instanceof OptionType.ListOf) {
            // elements were written and refused one by one; a scalar is no list at all
            return written instanceof OptionTree.Items items && !items.items().isEmpty();
        }
        if (spec.type() instanceof OptionType.ChildRef) {
            return written instanceof OptionTree.Group
                    || (typing == Typing.STRICT && written instanceof OptionTree.Leaf leaf && !skipped(leaf.value()));
        }
        return written instanceof OptionTree.Leaf leaf && !skipped(leaf.value());
    }

    private static boolean skipped(Scalar s) {
        return s instanceof Scalar.Null || s instanceof Scalar.EmptyObject || s instanceof Scalar.EmptyList;
    }

    /** A scalar option; null when absent (skipped by QEMU) or wrong. */
    private Value scalar(OptionType type, OptionTree.Leaf leaf, String path) {
        Scalar s = leaf.value();
        Span at = leaf.valueSpan().isKnown() ? leaf.valueSpan() : leaf.span();
        if (typing == Typing.STRICT) {
            return strict(type, s, at, path);
        }
        if (skipped(s)) {
            return null;
        }
        String text = asQemuOptsString(s);
        return fromString(type, text, at, path);
    }

    /** qemu_opts_from_qdict_entry: what QemuOpts sees of a JSON value. */
    static String asQemuOptsString(Scalar s) {
        if (s instanceof Scalar.Str str) {
            return str.value();
        }
        if (s instanceof Scalar.Bool b) {
            return b.value() ? "on" : "off";
        }
        if (s instanceof Scalar.Num n) {
            return numberToString(n);
        }
        return s.display();
    }

    private static final BigDecimal UINT64_MAX = new BigDecimal("18446744073709551615");

    /** QEMU keeps integral JSON numbers as int64 or uint64 and prints doubles with %.17g. */
    static String numberToString(Scalar.Num n) {
        BigDecimal d;
        try {
            d = new BigDecimal(n.literal());
        } catch (NumberFormatException notDecimal) {
            // HOCON reads a literal beyond double's range as Infinity; there is nothing to reformat
            return n.literal();
        }
        if (n.isIntegral()) {
            // qobject/json-parser.c parse_literal: an integer is an int64, else (non-negative) a
            // uint64, and only beyond that a double; QemuOpts then sees its decimal text
            if (d.compareTo(new BigDecimal(Long.MIN_VALUE)) >= 0 && d.compareTo(UINT64_MAX) <= 0) {
                return d.toBigInteger().toString();
            }
        }
        double v = d.doubleValue();
        if (v == Math.rint(v) && Math.abs(v) < 1e17) {
            return Long.toString((long) v);
        }
        return String.format(java.util.Locale.ROOT, "%.17g", v).replaceAll("\\.?0+(e|$)", "$1");
    }

    private Value fromString(OptionType type, String text, Span at, String path) {
        if (type instanceof OptionType.Str) {
            return new Value.Str(text);
        }
        if (type instanceof OptionType.Bool) {
            Boolean b = qemuBool(text);
            if (b == null) {
                diags.report(Code.WRONG_TYPE, at, "Parameter '" + path + "' expects 'on' or 'off'",
                        "booleans are on/off (also yes/no, true/false, y/n)");
                return null;
            }
            return new Value.Bool(b);
        }
        if (type instanceof OptionType.Num) {
            QemuNumbers.Result r = QemuNumbers.number(text);
            if (r.failure() == QemuNumbers.Failure.RANGE) {
                diags.report(Code.OUT_OF_RANGE, at, "Value '" + text + "' is too large for parameter '" + path + "'",
                        "numbers are 64-bit");
                return null;
            }
            if (!r.ok()) {
                diags.report(Code.WRONG_TYPE, at, "Parameter '" + path + "' expects a number",
                        "a decimal, 0x hexadecimal or 0 octal integer");
                return null;
            }
            OptionType.Num num = (OptionType.Num) type;
            if ((qapi || num.alwaysQapi()) && num.width() == OptionType.Width.UINT32
                    && (text.strip().startsWith("-") || Long.compareUnsigned(r.bits(), 0xFFFFFFFFL) > 0)) {
                reportUint32(at, path);
                return null;
            }
            if (qapi && num.width() == OptionType.Width.INT64 && r.bits() < 0 && !text.strip().startsWith("-")) {
                // -blockdev keyval reads QAPI's int members with qemu_strtoi64: 2^63 and more overflow
                // (qapi/qobject-input-visitor.c qobject_input_type_int64_keyval)
                diags.report(Code.WRONG_TYPE, at, "Parameter '" + path + "' expects integer",
                        "-blockdev integers fit in 64 signed bits");
                return null;
            }
            return new Value.Int(r.bits());
        }
        if (type instanceof OptionType.Size && qapi && !"qbm".equals(driverName)) {
            // -blockdev keyval: QAPI declares these 'int' (qapi/block-core.json BlockdevOptions*),
            // and the keyval visitor reads them with qemu_strtoi64: no suffix, no fraction
            QemuNumbers.Result r = QemuNumbers.int64(text);
            if (!r.ok()) {
                diags.report(Code.WRONG_TYPE, at, "Parameter '" + path + "' expects integer",
                        "-blockdev takes sizes in bytes, as a decimal, 0x hexadecimal or 0 octal integer;"
                                + " suffixes such as k or M work only in --image-opts, -drive and json: names");
                return null;
            }
            if (((OptionType.Size) type).width() == OptionType.Width.UINT32
                    && Long.compareUnsigned(r.bits(), 0xFFFFFFFFL) > 0) {
                reportUint32(at, path);
                return null;
            }
            if (r.bits() < 0) {
                // the driver then reads the number again as a QemuOpts size (qmp_blockdev_add
                // hands bdrv_open a QDict), which refuses a sign
                diags.report(Code.WRONG_TYPE, at, "Parameter '" + path + "' expects a non-negative number below 2^64",
                        "sizes are byte counts");
                return null;
            }
            return new Value.Int(r.bits());
        }
        if (type instanceof OptionType.Size) {
            QemuNumbers.Result r = QemuNumbers.size(text);
            if (r.failure() == QemuNumbers.Failure.RANGE) {
                diags.report(Code.OUT_OF_RANGE, at, "Value '" + text + "' is out of range for parameter '" + path + "'",
                        "sizes are below 2^64 bytes");
                return null;
            }
            if (!r.ok()) {
                diags.report(Code.WRONG_TYPE, at,
                        "Parameter '" + path + "' expects a non-negative number below 2^64",
                        "Optional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, peta- and exabytes, respectively.");
                return null;
            }
            if (r.hexWithSuffix()) {
                diags.report(Code.DEPRECATED, at, "Using a multiplier suffix on hex numbers is deprecated: " + text,
                        "write the size in decimal");
            }
            return new Value.Int(r.bits());
        }
        if (type instanceof OptionType.Enum e) {
            if (!e.values().contains(text)) {
                String guess = Suggest.closest(text, e.values());
                diags.report(Code.BAD_ENUM, at, "Parameter '" + path + "' does not accept value '" + text + "'",
                        (guess != null ? "did you mean '" + guess + "'? " : "") + "expected one of: "
                                + String.join(", ", e.values()));
                return null;
            }
            return new Value.Str(text);
        }
        throw new IllegalStateException("not a scalar type: " + type);
    }

    /** visit_type_uint32's range check (qapi/qapi-visit-core.c). */
    private void reportUint32(Span at, String path) {
        diags.report(Code.WRONG_TYPE, at, "Parameter '" + path + "' expects uint32_t",
                "QEMU reads this option as a uint32: 0 to 4294967295");
    }

    /** qapi_bool_parse: case-sensitive. */
    static Boolean qemuBool(String s) {
        switch (s) {
            case "on":
            case "yes":
            case "true":
            case "y":
                return true;
            case "off":
            case "no":
            case "false":
            case "n":
                return false;
            default:
                return null;
        }
    }

    private Value strict(OptionType type, Scalar s, Span at, String path) {
        if (s instanceof Scalar.Str str && (type instanceof OptionType.Str || type instanceof OptionType.Enum)) {
            return fromString(type, str.value(), at, path);
        }
        if (s instanceof Scalar.Bool b && type instanceof OptionType.Bool) {
            return new Value.Bool(b.value());
        }
        if (s instanceof Scalar.Num n && (type instanceof OptionType.Num || type instanceof OptionType.Size)) {
            if (!n.isIntegral()) {
                diags.report(Code.WRONG_TYPE, at, "Invalid parameter type for '" + path + "', expected: integer", null);
                return null;
            }
            BigDecimal d = new BigDecimal(n.literal());
            boolean u32 = type instanceof OptionType.Num num && (qapi || num.alwaysQapi())
                    && num.width() == OptionType.Width.UINT32
                    || type instanceof OptionType.Size sz && qapi && sz.width() == OptionType.Width.UINT32;
            if (u32 && d.compareTo(UINT64_MAX) <= 0 && (d.signum() < 0 || d.compareTo(BigDecimal.valueOf(0xFFFFFFFFL)) > 0)) {
                reportUint32(at, path);
                return null;
            }
            boolean u64 = type instanceof OptionType.Num num && num.width() == OptionType.Width.UINT64;
            if (u64 && (d.compareTo(UINT64_MAX) > 0 || d.compareTo(new BigDecimal(Long.MIN_VALUE)) < 0)) {
                // QAPI's uint64 takes any JSON integer QEMU keeps exact: int64 (wrapped) or uint64
                diags.report(Code.WRONG_TYPE, at, "Parameter '" + path + "' expects uint64",
                        "integers in -blockdev JSON stay below 2^64");
                return null;
            }
            if (!u64 && (d.compareTo(new BigDecimal(Long.MAX_VALUE)) > 0 || d.compareTo(new BigDecimal(Long.MIN_VALUE)) < 0)) {
                // QEMU's JSON parser keeps 2^63 to 2^64-1 as a uint64 and larger integers as a
                // float (qobject/json-parser.c parse_literal); QAPI's 'int' and 'size' as
                // -blockdev declares them refuse both
                diags.report(Code.WRONG_TYPE, at, "Invalid parameter type for '" + path + "', expected: integer",
                        "integers in -blockdev JSON fit in 64 signed bits here");
                return null;
            }
            if (d.signum() < 0 && type instanceof OptionType.Size) {
                diags.report(Code.OUT_OF_RANGE, at,
                        "Parameter '" + path + "' expects a non-negative number below 2^64", null);
                return null;
            }
            return new Value.Int(d.toBigInteger().longValue());
        }
        String expected = type instanceof OptionType.Bool ? "boolean"
                : type instanceof OptionType.Num || type instanceof OptionType.Size ? "integer" : "string";
        diags.report(Code.WRONG_TYPE, at, "Invalid parameter type for '" + path + "', expected: " + expected, null);
        return null;
    }

    private static List<OptionSpec> withoutFilename(DriverSchema schema) {
        List<OptionSpec> out = new ArrayList<>();
        schema.options().forEach(o -> {
            if (!o.name().equals("filename")) {
                out.add(o);
            }
        });
        return out;
    }

    private void missing(DriverSchema schema, Iterable<OptionSpec> specs, Map<String, Value> have, String prefix,
            OptionTree where, Span nodeSpan) {
        for (OptionSpec spec : specs) {
            if (!spec.required() || spec.blockdevOnly() && !qapi) {
                continue;
            }
            Value v = have.get(spec.name());
            // an empty list is no list: quorum's "children": [] has no children (qdict_array_entries)
            boolean emptyList = v instanceof Value.Arr a && a.items().isEmpty();
            // block.c bdrv_open_common: bdrv_needs_filename drivers refuse "" like no filename
            boolean emptyFilename = spec.name().equals("filename") && prefix.isEmpty()
                    && (schema.name().equals("file") || schema.name().startsWith("host_"))
                    && v instanceof Value.Str f && f.value().isEmpty();
            if (v != null && !emptyList && !emptyFilename) {
                continue;
            }
            if (!emptyFilename && writtenButRefused(spec, where instanceof OptionTree.Group g ? g.get(spec.name()) : null)) {
                // its value was wrong and is reported already; QEMU stops there
                continue;
            }
            String path = prefix + spec.name();
            Span at = nodeSpan.isKnown() ? nodeSpan : where.span();
            // QAPI checks presence before any driver runs, and names the member from the top node
            MissingOption m = qapi && v == null ? new MissingOption(Code.MISSING_OPTION,
                    "Parameter '" + qapiName(path) + "' is missing", MissingOption.of(schema.name(), path, spec).hint())
                    : MissingOption.of(schema.name(), path, spec);
            diags.report(m.code(), at, m.message(), m.hint());
        }
    }
}
