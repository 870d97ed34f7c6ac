package io.qbmc.emit;

import io.qbmc.text.JsonText;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.Value;
import io.qbmc.schema.DriverSchema;
import java.util.Map;

/** A node tree as a HOCON file: the option tree nested, lists for children and bitmaps. */
public final class HoconEmitter {
    private HoconEmitter() {
    }

    public static String emit(BlockNode root) {
        StringBuilder out = new StringBuilder();
        members(root, "", out);
        return out.toString();
    }

    private static void members(BlockNode node, String indent, StringBuilder out) {
        if (!node.driver().isEmpty()) {
            out.append(indent).append("driver = ").append(JsonText.quote(node.driver())).append('\n');
        }
        DriverSchema schema = Layout.schema(node);
        for (Map.Entry<String, Value> e : Layout.ordered(node).entrySet()) {
            out.append(indent).append(key(e.getKey()));
            value(e.getValue(), schema, e.getKey(), indent, out);
        }
    }

    private static void value(Value v, DriverSchema schema, String path, String indent, StringBuilder out) {
        if (v instanceof Value.Node n && n.child() instanceof Child.Inline in) {
            out.append(" {\n");
            members(in.node(), indent + "  ", out);
            out.append(indent).append("}\n");
        } else if (v instanceof Value.Obj o) {
            out.append(" {\n");
            for (Map.Entry<String, Value> e : Layout.ordered(o.members(), Layout.members(schema, path)).entrySet()) {
                out.append(indent).append("  ").append(key(e.getKey()));
                value(e.getValue(), schema, path + "." + e.getKey(), indent + "  ", out);
            }
            out.append(indent).append("}\n");
        } else if (v instanceof Value.Arr a) {
            out.append(" = [\n");
            for (int i = 0; i < a.items().size(); i++) {
                element(a.items().get(i), schema, path + "." + i, indent + "  ", out);
            }
            out.append(indent).append("]\n");
        } else {
            out.append(" = ").append(scalar(v)).append('\n');
        }
    }

    private static void element(Value v, DriverSchema schema, String path, String indent, StringBuilder out) {
        if (v instanceof Value.Node n && n.child() instanceof Child.Inline in) {
            out.append(indent).append("{\n");
            members(in.node(), indent + "  ", out);
            out.append(indent).append("}\n");
        } else if (v instanceof Value.Obj o) {
            out.append(indent).append("{\n");
            for (Map.Entry<String, Value> e : Layout.ordered(o.members(), Layout.members(schema, path)).entrySet()) {
                out.append(indent).append("  ").append(key(e.getKey()));
                value(e.getValue(), schema, path + "." + e.getKey(), indent + "  ", out);
            }
            out.append(indent).append("}\n");
        } else if (v instanceof Value.Arr a) {
            out.append(indent).append("[\n");
            for (int i = 0; i < a.items().size(); i++) {
                element(a.items().get(i), schema, path + "." + i, indent + "  ", out);
            }
            out.append(indent).append("]\n");
        } else {
            out.append(indent).append(scalar(v)).append('\n');
        }
    }

    private static String scalar(Value v) {
        if (v instanceof Value.Str s) {
            return JsonText.quote(s.value());
        }
        if (v instanceof Value.Int i) {
            // HOCON numbers are signed: beyond 2^63 the exact value travels as a string
            return i.bits() < 0 ? JsonText.quote(Long.toUnsignedString(i.bits())) : Long.toString(i.bits());
        }
        if (v instanceof Value.Bool b) {
            return Boolean.toString(b.value());
        }
        if (v instanceof Value.Node n) {
            return n.child() instanceof Child.Ref r ? JsonText.quote(r.nodeName()) : "null";
        }
        throw new IllegalArgumentException("not a scalar: " + v);
    }

    /** HOCON keys: unquoted when plain, quoted otherwise (a dot in a key would make a path). */
    private static String key(String k) {
        return k.matches("[A-Za-z_][A-Za-z0-9_-]*") ? k : JsonText.quote(k);
    }
}
