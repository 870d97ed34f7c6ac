package io.qbmc.check;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.QemuObject;
import io.qbmc.graph.Value;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Options that name an -object (secrets, throttle groups, TLS credentials) must name one the
 * command line defines. Only checked when the input is a whole command line: a lone option
 * string's objects are defined elsewhere.
 */
final class ObjectReferenceRule implements Rule {
    /** Option name to the QOM type it must name. */
    static final Map<String, Set<String>> REFERENCES = Map.of(
            "key-secret", Set.of("secret", "secret_keyring"),
            "password-secret", Set.of("secret", "secret_keyring"),
            "proxy-password-secret", Set.of("secret", "secret_keyring"),
            "cookie-secret", Set.of("secret", "secret_keyring"),
            "throttle-group", Set.of("throttle-group"),
            "tls-creds", Set.of("tls-creds-x509", "tls-creds-psk", "tls-creds-anon"),
            "pr-manager", Set.of("pr-manager-helper"));

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
            Set<String> types = REFERENCES.get(e.getKey());
            if (types == null || !(e.getValue() instanceof Value.Str id)) {
                continue;
            }
            QemuObject target = byId.get(id.value());
            if (target == null) {
                diags.report(Code.UNKNOWN_OBJECT, context.origins().value(v.node(), path),
                        "No object with id '" + id.value() + "' for '" + path + "'",
                        "define it with -object " + types.iterator().next() + ",id=" + id.value() + ",...");
            } else if (!types.contains(target.qomType())) {
                diags.report(Code.UNKNOWN_OBJECT, context.origins().value(v.node(), path),
                        "Object '" + id.value() + "' is a " + target.qomType() + ", not a " + String.join(" or ", types),
                        null);
            }
        }
    }
}
