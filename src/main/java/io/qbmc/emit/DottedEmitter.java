package io.qbmc.emit;

import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.Value;
import io.qbmc.schema.DriverSchema;
import java.util.Map;

/**
 * A node tree as one dotted option string for --image-opts: driver first, options in schema
 * order, children depth-first, every comma in a value doubled.
 */
public final class DottedEmitter {
    private DottedEmitter() {
    }

    /** @throws NotExpressible for a tree dotted syntax cannot hold (an empty list) */
    public static String emit(BlockNode root) {
        StringBuilder out = new StringBuilder();
        node(root, "", out);
        char last = out.length() == 0 ? 'x' : out.charAt(out.length() - 1);
        if (Character.isWhitespace(last) || Character.isSpaceChar(last)) {
            // QemuOpts ignores one trailing comma (util/qemu-option.c get_opt_name_value); it
            // keeps a last value ending in whitespace intact through anything that trims lines
            // (qbmc's own reader, a shell's command substitution)
            out.append(',');
        }
        return out.toString();
    }

    private static void node(BlockNode node, String prefix, StringBuilder out) {
        if (!node.driver().isEmpty()) {
            item(prefix + "driver", node.driver(), out);
        }
        DriverSchema schema = Layout.schema(node);
        for (Map.Entry<String, Value> e : Layout.ordered(node).entrySet()) {
            value(e.getValue(), schema, e.getKey(), prefix, out);
        }
    }

    private static void value(Value v, DriverSchema schema, String path, String prefix, StringBuilder out) {
        String key = prefix + path;
        if (v instanceof Value.Str s) {
            item(key, s.value(), out);
        } else if (v instanceof Value.Int i) {
            item(key, Long.toUnsignedString(i.bits()), out);
        } else if (v instanceof Value.Bool b) {
            item(key, b.value() ? "on" : "off", out);
        } else if (v instanceof Value.Obj o) {
            for (Map.Entry<String, Value> e : Layout.ordered(o.members(), Layout.members(schema, path)).entrySet()) {
                value(e.getValue(), schema, path + "." + e.getKey(), prefix, out);
            }
        } else if (v instanceof Value.Arr a) {
            if (a.items().isEmpty()) {
                // keyval and QemuOpts have no syntax for [] (util/keyval.c: "there is no way to denote
                // an empty array"); leaving it out would change the graph silently
                throw new NotExpressible("Option '" + key + "' is an empty list, which dotted"
                        + " syntax cannot write", "use --to json or --to blockdev, which write []");
            }
            for (int i = 0; i < a.items().size(); i++) {
                value(a.items().get(i), schema, path + "." + i, prefix, out);
            }
        } else if (v instanceof Value.Node n) {
            Child c = n.child();
            if (c instanceof Child.Inline in) {
                node(in.node(), key + ".", out);
            } else if (c instanceof Child.Ref r) {
                item(key, r.nodeName(), out);
            } else {
                // dotted syntax has no null; QEMU reads an empty backing as null (deprecated)
                item(key, "", out);
            }
        }
    }

    private static void item(String key, String value, StringBuilder out) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            // QemuOpts would take it as one argument, but a dotted string is one line: in a file,
            // in --lines, in a shell history, a line break splits it
            throw new NotExpressible("Option '" + key + "' holds a line break, which a dotted string on one line"
                    + " cannot", "translate --to json, which escapes it as \\n");
        }
        if (out.length() > 0) {
            out.append(',');
        }
        out.append(key).append('=').append(value.replace(",", ",,"));
    }
}
