package io.qbmc.compile;

import io.qbmc.bind.QemuNumbers;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.options.FlatOption;
import io.qbmc.options.Scalar;
import io.qbmc.schema.ObjectSchema;
import io.qbmc.source.Span;
import io.qbmc.text.Suggest;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an -object's properties as QEMU does when it creates the object: QAPI's ObjectOptions
 * visitor first (qom-type, unknown members, types), then the type's own completion (a secret's
 * data or file, a throttle group's limits). Types qbmc does not model pass unchecked.
 */
final class ObjectOptions {
    /** throttle.c THROTTLE_VALUE_MAX. */
    private static final long THROTTLE_VALUE_MAX = 1_000_000_000_000_000L;
    private static final long UINT_MAX = 0xFFFF_FFFFL;

    private final Diagnostics diags;
    private final boolean json;
    private final boolean qemuOpts;
    private final Span whole;
    private final List<io.qbmc.graph.QemuObject> earlier;
    private boolean failed;

    private ObjectOptions(Diagnostics diags, boolean json, boolean qemuOpts, Span whole,
            List<io.qbmc.graph.QemuObject> earlier) {
        this.diags = diags;
        this.json = json;
        this.qemuOpts = qemuOpts;
        this.whole = whole;
        this.earlier = earlier;
    }

    /**
     * @param type     the qom-type as written, with the span of its value
     * @param props    every option but qom-type and id, flat ("limits.bps-total")
     * @param json     whether the argument was JSON, whose wording for a wrong type differs
     * @param qemuOpts whether the keyval form goes through QemuOpts and the opts visitor, as in
     *                 qemu-system (softmmu/vl.c): only flat keys, and its own wording
     */
    static void check(FlatOption type, List<FlatOption> props, boolean json, boolean qemuOpts, Span whole,
            List<io.qbmc.graph.QemuObject> earlier, Diagnostics diags) {
        String name = type.value().display();
        if (!ObjectSchema.TYPES.contains(name)) {
            String guess = Suggest.closest(name, ObjectSchema.TYPES);
            diags.report(Code.BAD_ENUM, type.valueSpan(), "Parameter 'qom-type' does not accept value '" + name + "'",
                    guess != null ? "did you mean '" + guess + "'?" : "'qemu-system-x86_64 -object help' lists the types");
            return;
        }
        Map<String, ObjectSchema.Prop> schema = ObjectSchema.properties(name);
        if (schema == null) {
            return;
        }
        ObjectOptions o = new ObjectOptions(diags, json, qemuOpts, whole, earlier);
        Map<String, FlatOption> typed = o.members(schema, props);
        if (o.failed) {
            return; // QEMU stops at the visitor's error; the object is never completed
        }
        if (typed.containsKey("loaded")) {
            // still in the schema, but its setter is gone (deprecated, then made read-only)
            o.report(Code.DRIVER_CONSTRAINT, typed.get("loaded").keySpan(),
                    "Property '" + name + ".loaded' is not writable", "remove it: QEMU loads the object when it creates it");
            return;
        }
        switch (name) {
            case "secret" -> o.secret(typed);
            case "secret_keyring" -> o.keyring(typed);
            default -> {
            }
        }
        if (!o.failed && typed.get("keyid") != null) {
            o.keyid(typed.get("keyid"), typed.get("iv"));
        }
        switch (name) {
            case "tls-creds-x509", "tls-creds-psk" -> {
                // crypto/tlscredsx509.c, tlscredspsk.c: the credentials are read from dir at once
                if (!typed.containsKey("dir")) {
                    o.report(Code.MISSING_OPTION, whole, "Missing 'dir' property value",
                            "add dir=PATH, the folder holding the credential files");
                }
            }
            case "throttle-group" -> o.throttle(typed);
            case "iothread" -> o.iothread(props, typed);
            default -> {
            }
        }
    }

    /** The visitor's pass: each option placed in the schema and typed; returns them by path. */
    private Map<String, FlatOption> members(Map<String, ObjectSchema.Prop> schema, List<FlatOption> props) {
        Map<String, FlatOption> typed = new HashMap<>();
        Set<String> reported = new HashSet<>();
        for (FlatOption o : props) {
            if (qemuOpts) {
                // the opts visitor knows no members of members: "limits.bps-total" is never visited
                ObjectSchema.Prop prop = schema.get(o.key());
                if (prop == null || prop instanceof ObjectSchema.Group) {
                    String guess = Suggest.closest(o.key(), schema.keySet());
                    report(Code.UNKNOWN_OPTION, o.keySpan(), "Invalid parameter '" + o.key() + "'",
                            prop != null || o.key().startsWith("limits.")
                                    ? "qemu-system reads -object TYPE,... flat: write the JSON form, or the x- names"
                                    : guess != null ? "did you mean '" + guess + "'?"
                                            : "'qemu-system-x86_64 -object TYPE,help' lists the properties of a type");
                } else if (scalar(prop, o, o.key())) {
                    typed.put(o.key(), o);
                }
                continue;
            }
            String[] parts = o.key().split("\\.", -1);
            Map<String, ObjectSchema.Prop> level = schema;
            String path = "";
            for (int i = 0; i < parts.length; i++) {
                path = path.isEmpty() ? parts[i] : path + "." + parts[i];
                ObjectSchema.Prop prop = level == null ? null : level.get(parts[i]);
                boolean last = i == parts.length - 1;
                if (prop == null) {
                    if (reported.add(path)) {
                        String guess = level == null ? null : Suggest.closest(parts[i], level.keySet());
                        String prefix = path.substring(0, path.length() - parts[i].length());
                        report(Code.UNKNOWN_OPTION, o.keySpan(), "Parameter '" + path + "' is unexpected",
                                guess != null ? "did you mean '" + prefix + guess + "'?"
                                        : "'qemu-system-x86_64 -object TYPE,help' lists the properties of a type");
                    }
                    break;
                }
                if (prop instanceof ObjectSchema.Group g) {
                    if (last) {
                        if (!(o.value() instanceof Scalar.EmptyObject)) {
                            report(Code.WRONG_TYPE, o.valueSpan(), "Invalid parameter type for '" + path
                                    + "', expected: object", "write " + path + "." + g.members().keySet().iterator().next()
                                    + "=... for its members");
                        }
                        break;
                    }
                    level = g.members();
                    continue;
                }
                if (!last) {
                    // "limits.bps-total.x": a group where QAPI wants a scalar; the keyval visitor
                    // words it as members nobody visited
                    if (reported.add(path)) {
                        report(Code.WRONG_TYPE, o.keySpan(), json ? "Invalid parameter type for '" + path
                                + "', expected: " + jsonName(prop) : "Parameters '" + path + ".*' are unexpected",
                                "'" + path + "' has no members; give it a value: " + path + "=...");
                    }
                    break;
                }
                if (scalar(prop, o, path)) {
                    typed.put(path, o);
                }
            }
        }
        return typed;
    }

    private static String jsonName(ObjectSchema.Prop p) {
        return p instanceof ObjectSchema.Int ? "integer" : p instanceof ObjectSchema.Bool ? "boolean" : "string";
    }

    /** One scalar as QAPI reads it: keyval strings are parsed, JSON values must have the type. */
    private boolean scalar(ObjectSchema.Prop prop, FlatOption o, String path) {
        Scalar v = o.value();
        if (json || !(v instanceof Scalar.Str)) {
            boolean ok = prop instanceof ObjectSchema.Int ? v instanceof Scalar.Num n && integer(n.literal()) != null
                    : prop instanceof ObjectSchema.Bool ? v instanceof Scalar.Bool : v instanceof Scalar.Str;
            if (!ok) {
                report(Code.WRONG_TYPE, o.valueSpan(), "Invalid parameter type for '" + path + "', expected: "
                        + jsonName(prop), "QAPI JSON takes " + jsonName(prop) + "s for '" + path + "'");
                return false;
            }
        }
        String s = v.display();
        if (prop instanceof ObjectSchema.Int && !json && !QemuNumbers.int64(s).ok()) {
            // qobject_input_type_int64_keyval: qemu_strtoi64, no size suffix
            report(Code.WRONG_TYPE, o.valueSpan(), "Parameter '" + path + "' expects " + (qemuOpts ? "an int64 value" : "integer"),
                    "a whole number: decimal, 0x hex or 0 octal, without a suffix");
            return false;
        }
        if (prop instanceof ObjectSchema.Int i && i.bits() == 32) {
            long n = json ? integer(v.display()).longValue() : QemuNumbers.int64(s).bits();
            if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                // visit_type_int32 (qapi/qapi-visit-core.c)
                report(Code.WRONG_TYPE, o.valueSpan(), "Parameter '" + path + "' expects int32_t",
                        "a whole number from -2147483648 to 2147483647");
                return false;
            }
        }
        if (prop instanceof ObjectSchema.Bool && !json && !List.of("on", "yes", "true", "y", "off", "no", "false", "n")
                .contains(s)) {
            report(Code.WRONG_TYPE, o.valueSpan(), "Parameter '" + path + "' expects 'on' or 'off'",
                    "write on or off (yes/no, true/false, y/n are read too)");
            return false;
        }
        if (prop instanceof ObjectSchema.Enum e && !e.values().contains(s)) {
            String guess = Suggest.closest(s, e.values());
            report(Code.BAD_ENUM, o.valueSpan(), "Parameter '" + path + "' does not accept value '" + s + "'",
                    guess != null ? "did you mean '" + guess + "'?" : "one of: " + String.join(", ", e.values()));
            return false;
        }
        return true;
    }

    /** A JSON number QAPI takes as an int: integral and within int64. */
    private static BigInteger integer(String literal) {
        try {
            BigInteger b = new BigInteger(literal);
            return b.bitLength() < 64 ? b : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private long value(FlatOption o) {
        String s = o.value().display();
        return json ? new BigInteger(s).longValue() : QemuNumbers.int64(s).bits();
    }

    /** crypto/secret.c qcrypto_secret_load_data. */
    private void secret(Map<String, FlatOption> typed) {
        FlatOption data = typed.get("data");
        FlatOption file = typed.get("file");
        if (data == null && file == null) {
            report(Code.MISSING_OPTION, whole, "Either 'file' or 'data' must be provided",
                    "add data=SECRET, or file=PATH of a file holding it");
        } else if (data != null && file != null) {
            report(Code.DRIVER_CONSTRAINT, later(data, file).keySpan(), "'file' and 'data' are mutually exclusive",
                    "give the secret one way: data=... or file=...");
        }
    }

    /**
     * crypto/secret_common.c: the key that decrypts the secret is looked up when the secret is
     * completed, among the objects made before it.
     */
    private void keyid(FlatOption keyid, FlatOption iv) {
        String id = keyid.value().display();
        io.qbmc.graph.QemuObject key = earlier.stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
        if (key == null) {
            report(Code.UNKNOWN_OBJECT, keyid.valueSpan(), "No secret with id '" + id + "'",
                    "define the key first: -object secret,id=" + (id.isEmpty() ? "KEY" : id) + ",data=...");
        } else if (!key.qomType().startsWith("secret")) {
            report(Code.UNKNOWN_OBJECT, keyid.valueSpan(), "Object with id '" + id + "' is not a secret",
                    "'" + id + "' is a " + key.qomType() + "; keyid names a secret");
        } else if (keyLength(key) != null && keyLength(key) != 32) {
            // crypto/secret_common.c qcrypto_secret_decrypt: an AES-256-CBC key
            report(Code.DRIVER_CONSTRAINT, keyid.valueSpan(), "Key should be 32 bytes in length",
                    "'" + id + "' holds " + keyLength(key) + " bytes; the key of an encrypted secret has 32");
        } else if (iv == null) {
            report(Code.MISSING_OPTION, keyid.keySpan(), "IV is required to decrypt secret",
                    "add iv=BASE64, the 16-byte initialization vector the secret was encrypted with");
        }
    }

    /** The length of a secret's data, when it is given inline; null when qbmc cannot tell. */
    private static Integer keyLength(io.qbmc.graph.QemuObject key) {
        if (!key.qomType().equals("secret") || !(key.properties().get("data") instanceof io.qbmc.graph.Value.Str d)) {
            return null;
        }
        Object format = key.properties().get("format");
        if (format == null || format.equals(new io.qbmc.graph.Value.Str("raw"))) {
            return d.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        try {
            return java.util.Base64.getDecoder().decode(d.value()).length;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    /** util/event-loop-base.c and iothread.c: each integer property is in [0, INT64_MAX]. */
    private void iothread(List<FlatOption> props, Map<String, FlatOption> typed) {
        for (FlatOption p : props) {
            if (typed.get(p.key()) == p && value(p) < 0) {
                report(Code.OUT_OF_RANGE, p.valueSpan(),
                        p.key() + " value must be in range [0, 9223372036854775807]", "use 0 or a positive number");
                return;
            }
        }
    }

    /** crypto/secret_keyring.c: a serial is mandatory and 0 names no key. */
    private void keyring(Map<String, FlatOption> typed) {
        FlatOption serial = typed.get("serial");
        if (serial == null) {
            report(Code.MISSING_OPTION, whole, "Parameter 'serial' is missing", "add serial=KEY-SERIAL (keyctl shows it)");
        } else if (value(serial) == 0) {
            report(Code.OUT_OF_RANGE, serial.valueSpan(), "'serial' should not be equal to 0",
                    "the serial of a key in the kernel's keyring, as keyctl shows it");
        }
    }

    private static FlatOption later(FlatOption a, FlatOption b) {
        return a.keySpan().start() > b.keySpan().start() ? a : b;
    }

    /** One throttling bucket of a ThrottleConfig (include/qemu/throttle.h). */
    private static final class Bucket {
        long avg;
        long max;
        long burstLength = 1;
        FlatOption where;
    }

    /**
     * block/throttle-groups.c: the legacy x- setters refuse negative values at once; "limits"
     * goes through throttle_limits_to_config; completion runs throttle_is_valid (util/throttle.c).
     */
    private void throttle(Map<String, FlatOption> typed) {
        Map<String, Bucket> buckets = new HashMap<>();
        for (String b : ObjectSchema.BUCKETS) {
            buckets.put(b, new Bucket());
        }
        long opSize = 0;
        FlatOption opSizeAt = null;
        for (Map.Entry<String, FlatOption> e : typed.entrySet()) {
            String path = e.getKey();
            boolean legacy = path.startsWith("x-");
            String name = legacy ? path.substring(2) : path.startsWith("limits.") ? path.substring(7) : null;
            if (name == null) {
                continue;
            }
            long v = value(e.getValue());
            if (legacy && v < 0) {
                report(Code.OUT_OF_RANGE, e.getValue().valueSpan(), "Property values cannot be negative",
                        "throttling limits are 0 (no limit) or more");
                return;
            }
            if (name.equals("iops-size")) {
                opSize = v;
                opSizeAt = e.getValue();
                continue;
            }
            String bucketName = name.replaceFirst("-max(-length)?$", "");
            Bucket bucket = buckets.get(bucketName);
            bucket.where = e.getValue();
            if (name.endsWith("-max-length")) {
                // limits.* compare the int64 with UINT_MAX, so -1 passes and is stored as 2^64-1
                if (v > UINT_MAX) {
                    // the legacy setter's message has lost a blank in QEMU 7.2
                    report(Code.OUT_OF_RANGE, e.getValue().valueSpan(), path.substring(legacy ? 0 : 7)
                            + " value must be in " + (legacy ? "therange" : "the range") + " [0, 4294967295]",
                            "a burst length is a number of seconds that fits in 32 bits");
                    return;
                }
                bucket.burstLength = v;
            } else if (name.endsWith("-max")) {
                bucket.max = v;
            } else {
                bucket.avg = v;
            }
        }
        for (String kind : List.of("bps", "iops")) {
            Bucket total = buckets.get(kind + "-total");
            Bucket read = buckets.get(kind + "-read");
            Bucket write = buckets.get(kind + "-write");
            if (total.avg != 0 && (read.avg != 0 || write.avg != 0) || total.max != 0 && (read.max != 0 || write.max != 0)) {
                report(Code.DRIVER_CONSTRAINT, whole,
                        "bps/iops/max total values and read/write values cannot be used at the same time",
                        "limit " + kind + " either in total or for reads and writes");
                return;
            }
        }
        if (opSize != 0 && buckets.get("iops-total").avg == 0 && buckets.get("iops-read").avg == 0
                && buckets.get("iops-write").avg == 0) {
            report(Code.DRIVER_CONSTRAINT, opSizeAt.keySpan(), "iops size requires an iops value to be set",
                    "add limits.iops-total (or iops-read, iops-write)");
            return;
        }
        for (String b : List.of("bps-total", "bps-read", "bps-write", "iops-total", "iops-read", "iops-write")) {
            Bucket k = buckets.get(b);
            Span at = k.where != null ? k.where.span() : whole;
            String problem = null;
            String hint = null;
            Code code = Code.DRIVER_CONSTRAINT;
            if (Long.compareUnsigned(k.avg, THROTTLE_VALUE_MAX) > 0 || Long.compareUnsigned(k.max, THROTTLE_VALUE_MAX) > 0) {
                code = Code.OUT_OF_RANGE;
                problem = "bps/iops/max values must be within [0, " + THROTTLE_VALUE_MAX + "]";
                hint = "limits." + b + " and limits." + b + "-max take 0 to " + THROTTLE_VALUE_MAX;
            } else if (k.burstLength == 0) {
                problem = "the burst length cannot be 0";
                hint = "limits." + b + "-max-length is in seconds, at least 1";
            } else if (Long.compareUnsigned(k.burstLength, 1) > 0 && k.max == 0) {
                problem = "burst length set without burst rate";
                hint = "add limits." + b + "-max, the rate of the burst";
            } else if (k.max != 0 && Long.compareUnsigned(k.burstLength, Long.divideUnsigned(THROTTLE_VALUE_MAX, k.max)) > 0) {
                problem = "burst length too high for this burst rate";
                hint = "limits." + b + "-max times limits." + b + "-max-length must stay within " + THROTTLE_VALUE_MAX;
            } else if (k.max != 0 && k.avg == 0) {
                problem = "bps_max/iops_max require corresponding bps/iops values";
                hint = "add limits." + b + ", the rate the burst rises above";
            } else if (k.max != 0 && Long.compareUnsigned(k.max, k.avg) < 0) {
                problem = "bps_max/iops_max cannot be lower than bps/iops";
                hint = "limits." + b + "-max is the burst rate: at least limits." + b;
            }
            if (problem != null) {
                report(code, at, problem, hint);
                return;
            }
        }
    }

    private void report(Code code, Span at, String message, String hint) {
        failed = true;
        diags.report(code, at, message, hint);
    }
}
