package io.qbmc.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The -object types QEMU 7.2 knows, and the properties of those block configurations use, as
 * QAPI declares them (qapi/qom.json, qapi/crypto.json, qapi/block-core.json ThrottleLimits;
 * checked against qemu-storage-daemon's query-qmp-schema).
 */
public final class ObjectSchema {
    /** What a property holds, as QAPI's input visitor reads it. */
    public sealed interface Prop {
    }

    /** An int64, or with bits 32 an int32 (visit_type_int32's range). */
    public record Int(int bits) implements Prop {
        public Int() {
            this(64);
        }
    }

    public record Bool() implements Prop {
    }

    public record Str() implements Prop {
    }

    public record Enum(List<String> values) implements Prop {
    }

    public record Group(Map<String, Prop> members) implements Prop {
    }

    /**
     * QAPI's ObjectType enum as QEMU 7.2 is built here: anything else is refused with
     * "Parameter 'qom-type' does not accept value ...", even where the program lacks the type.
     */
    public static final List<String> TYPES = List.of("authz-list", "authz-listfile", "authz-pam", "authz-simple",
            "can-bus", "can-host-socketcan", "colo-compare", "cryptodev-backend", "cryptodev-backend-builtin",
            "cryptodev-backend-lkcf", "cryptodev-vhost-user", "dbus-vmstate", "filter-buffer", "filter-dump",
            "filter-mirror", "filter-redirector", "filter-replay", "filter-rewriter", "input-barrier", "input-linux",
            "iothread", "main-loop", "memory-backend-epc", "memory-backend-file", "memory-backend-memfd",
            "memory-backend-ram", "pef-guest", "pr-manager-helper", "qtest", "rng-builtin", "rng-egd", "rng-random",
            "secret", "secret_keyring", "sev-guest", "thread-context", "s390-pv-guest", "throttle-group",
            "tls-creds-anon", "tls-creds-psk", "tls-creds-x509", "tls-cipher-suites", "x-remote-object",
            "x-vfio-user-server");

    /** The six throttling buckets, as ThrottleLimits and the legacy x- properties name them. */
    public static final List<String> BUCKETS = List.of("bps-total", "bps-read", "bps-write", "iops-total", "iops-read",
            "iops-write");

    private static final Map<String, Map<String, Prop>> MODELLED = new LinkedHashMap<>();

    static {
        Map<String, Prop> secretCommon = new LinkedHashMap<>();
        secretCommon.put("loaded", new Bool());
        secretCommon.put("format", new Enum(List.of("raw", "base64")));
        secretCommon.put("keyid", new Str());
        secretCommon.put("iv", new Str());
        Map<String, Prop> secret = new LinkedHashMap<>(secretCommon);
        secret.put("data", new Str());
        secret.put("file", new Str());
        MODELLED.put("secret", secret);
        Map<String, Prop> keyring = new LinkedHashMap<>(secretCommon);
        keyring.put("serial", new Int(32));
        MODELLED.put("secret_keyring", keyring);

        Map<String, Prop> limits = new LinkedHashMap<>();
        Map<String, Prop> throttle = new LinkedHashMap<>();
        throttle.put("limits", new Group(limits));
        for (String kind : List.of("iops", "bps")) {
            for (String dir : List.of("total", "read", "write")) {
                for (String suffix : List.of("", "-max", "-max-length")) {
                    limits.put(kind + "-" + dir + suffix, new Int());
                    throttle.put("x-" + kind + "-" + dir + suffix, new Int());
                }
            }
        }
        limits.put("iops-size", new Int());
        throttle.put("x-iops-size", new Int());
        MODELLED.put("throttle-group", throttle);

        Map<String, Prop> iothread = new LinkedHashMap<>();
        for (String p : List.of("aio-max-batch", "thread-pool-min", "thread-pool-max", "poll-max-ns", "poll-grow",
                "poll-shrink")) {
            iothread.put(p, new Int());
        }
        MODELLED.put("iothread", iothread);

        Map<String, Prop> tls = new LinkedHashMap<>();
        tls.put("verify-peer", new Bool());
        tls.put("dir", new Str());
        tls.put("endpoint", new Enum(List.of("client", "server")));
        tls.put("priority", new Str());
        tls.put("loaded", new Bool());
        MODELLED.put("tls-creds-anon", tls);
        Map<String, Prop> psk = new LinkedHashMap<>(tls);
        psk.put("username", new Str());
        MODELLED.put("tls-creds-psk", psk);
        Map<String, Prop> x509 = new LinkedHashMap<>(tls);
        x509.put("sanity-check", new Bool());
        x509.put("passwordid", new Str());
        MODELLED.put("tls-creds-x509", x509);
    }

    private ObjectSchema() {
    }

    /** The properties of a type qbmc checks, or null for a type it passes through unchecked. */
    public static Map<String, Prop> properties(String type) {
        Map<String, Prop> p = MODELLED.get(type);
        return p == null ? null : java.util.Collections.unmodifiableMap(p);
    }
}
