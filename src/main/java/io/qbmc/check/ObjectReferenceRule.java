package io.qbmc.check;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.QemuObject;
import io.qbmc.graph.Value;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * Options that name an -object (secrets, throttle groups, TLS credentials) must name one the
 * command line defines. Only checked when the input is a whole command line: a lone option
 * string's objects are defined elsewhere.
 */
final class ObjectReferenceRule implements Rule {
    /**
     * What an option refers to: the QOM types it accepts (the first is suggested) and QEMU's
     * messages when no object has the id, or the object has another type.
     */
    record Kind(List<String> types, String missing, String wrongType) {
    }

    private static final Kind SECRET = new Kind(List.of("secret", "secret_keyring"),
            "No secret with id '%s'", "Object with id '%s' is not a secret"); // crypto/secret_common.c

    /** Option name to what it must name. */
    static final Map<String, Kind> REFERENCES = Map.of(
            "key-secret", SECRET,
            "password-secret", SECRET,
            "proxy-password-secret", SECRET,
            "cookie-secret", SECRET,
            // block/throttle.c looks the name up among throttle groups only
            "throttle-group", new Kind(List.of("throttle-group"),
                    "Throttle group '%s' does not exist", "Throttle group '%s' does not exist"),
            "tls-creds", new Kind(List.of("tls-creds-x509", "tls-creds-psk", "tls-creds-anon"), // block/nbd.c
                    "No TLS credentials with id '%s'", "Object with id '%s' is not TLS credentials"),
            "pr-manager", new Kind(List.of("pr-manager-helper"), // scsi/pr-manager.c
                    "No persistent reservation manager with id '%s'",
                    "Object with id '%s' is not a persistent reservation manager"));

    @Override
    public void check(CheckContext context, Diagnostics diags) {
        if (!context.objectsKnown()) {
            return;
        }
        Map<String, QemuObject> byId = new HashMap<>();
        for (QemuObject o : context.graph().objects()) {
            byId.put(o.id(), o);
        }
        for (CheckContext.Visit v : context.visits()) {
            scan(v, "", v.node().options(), byId, context, diags);
        }
    }

    private static void scan(CheckContext.Visit v, String prefix, Map<String, Value> options,
            Map<String, QemuObject> byId, CheckContext context, Diagnostics diags) {
        for (Map.Entry<String, Value> e : options.entrySet()) {
            String path = prefix + e.getKey();
            if (e.getValue() instanceof Value.Obj o) {
                scan(v, path + ".", o.members(), byId, context, diags);
                continue;
            }
            Kind kind = REFERENCES.get(e.getKey());
            if (kind == null || !(e.getValue() instanceof Value.Str id)) {
                continue;
            }
            QemuObject target = byId.get(id.value());
            if (target == null) {
                diags.report(Code.UNKNOWN_OBJECT, context.origins().value(v.node(), path),
                        String.format(kind.missing(), id.value()),
                        "define it with -object " + kind.types().get(0) + ",id=" + id.value() + ",...");
            } else if (context.definedAfter(id.value(), v.top())) {
                diags.report(Code.UNKNOWN_OBJECT, context.origins().value(v.node(), path),
                        String.format(kind.missing(), id.value()),
                        "-object " + target.qomType() + ",id=" + id.value() + " comes after this node;"
                                + " qemu-storage-daemon creates objects and nodes in command-line order, so define it first");
            } else if (!kind.types().contains(target.qomType())) {
                diags.report(Code.UNKNOWN_OBJECT, context.origins().value(v.node(), path),
                        String.format(kind.wrongType(), id.value()),
                        "'" + id.value() + "' is a " + target.qomType() + "; '" + path + "' needs a "
                                + String.join(" or ", kind.types()));
            }
        }
    }
}
