package io.qbmc.emit;

import io.qbmc.text.JsonText;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.Value;
import io.qbmc.schema.DriverSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A node tree as a json: filename in QEMU's own format: compact JSON with ", " and ": ",
 * keys in QEMU's QDict order, non-ASCII escaped. All options are kept, not only the "strong"
 * ones qemu-img prints, so nothing is lost in translation.
 */
public final class JsonEmitter {
    private JsonEmitter() {
    }

    public static String emit(BlockNode root) {
        StringBuilder out = new StringBuilder("json:");
        node(root, out);
        return out.toString();
    }

    /** The JSON object alone, without the json: prefix. */
    public static String object(BlockNode root) {
        StringBuilder out = new StringBuilder();
        node(root, out);
        return out.toString();
    }

    private static void node(BlockNode node, StringBuilder out) {
        DriverSchema schema = Layout.schema(node);
        Map<String, Value> options = Layout.ordered(node);
        List<String> keys = new ArrayList<>();
        if (!node.driver().isEmpty()) {
            keys.add("driver");
        }
        keys.addAll(options.keySet());
        out.append('{');
        boolean first = true;
        for (String key : QemuKeyOrder.order(keys)) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            JsonText.quote(key, out);
            out.append(": ");
            if (key.equals("driver") && !options.containsKey("driver")) {
                JsonText.quote(node.driver(), out);
            } else {
                value(options.get(key), schema, key, out);
            }
        }
        out.append('}');
    }

    private static void value(Value v, DriverSchema schema, String path, StringBuilder out) {
        if (v instanceof Value.Str s) {
            JsonText.quote(s.value(), out);
        } else if (v instanceof Value.Int i) {
            // beyond int64 QEMU's JSON parser makes a float; a string keeps the exact value
            if (i.bits() < 0) {
                JsonText.quote(Long.toUnsignedString(i.bits()), out);
            } else {
                out.append(i.bits());
            }
        } else if (v instanceof Value.Bool b) {
            out.append(b.value());
        } else if (v instanceof Value.Obj o) {
            Map<String, Value> members = Layout.ordered(o.members(), Layout.members(schema, path));
            out.append('{');
            boolean first = true;
            for (String key : QemuKeyOrder.order(new ArrayList<>(members.keySet()))) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                JsonText.quote(key, out);
                out.append(": ");
                value(members.get(key), schema, path + "." + key, out);
            }
            out.append('}');
        } else if (v instanceof Value.Arr a) {
            out.append('[');
            for (int i = 0; i < a.items().size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                value(a.items().get(i), schema, path + "." + i, out);
            }
            out.append(']');
        } else if (v instanceof Value.Node n) {
            child(n.child(), out);
        }
    }

    private static void child(Child c, StringBuilder out) {
        if (c instanceof Child.Inline i) {
            node(i.node(), out);
        } else if (c instanceof Child.Ref r) {
            JsonText.quote(r.nodeName(), out);
        } else {
            out.append("null");
        }
    }
}
