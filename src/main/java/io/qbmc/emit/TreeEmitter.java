package io.qbmc.emit;

import io.qbmc.text.JsonText;
import io.qbmc.graph.BlockGraph;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.Value;
import io.qbmc.schema.DriverSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A graph drawn as a tree for people: one node per line, its options beneath it. */
public final class TreeEmitter {
    private TreeEmitter() {
    }

    public static String emit(BlockGraph graph) {
        StringBuilder out = new StringBuilder();
        for (BlockNode top : graph.nodes()) {
            out.append(label(top)).append('\n');
            body(top, "", out);
        }
        if (!graph.objects().isEmpty()) {
            out.append("objects\n");
            for (int i = 0; i < graph.objects().size(); i++) {
                var o = graph.objects().get(i);
                boolean last = i == graph.objects().size() - 1;
                out.append(last ? "└── " : "├── ").append(o.qomType()).append(" id=").append(o.id()).append('\n');
            }
        }
        for (var drive : graph.drives()) {
            if (drive.options().isEmpty()) {
                continue;
            }
            if (drive.node() < 0) {
                out.append("drive without a medium, not part of the block graph\n");
            } else {
                out.append("drive of node ").append(drive.node()).append(" (").append(label(graph.nodes().get(drive.node())))
                        .append("), not part of the block graph\n");
            }
            List<String> keys = new ArrayList<>(drive.options().keySet());
            for (int i = 0; i < keys.size(); i++) {
                out.append(i == keys.size() - 1 ? "└── " : "├── ").append(keys.get(i)).append(": ")
                        .append(drive.options().get(keys.get(i))).append('\n');
            }
        }
        return out.toString();
    }

    private static String label(BlockNode node) {
        String driver = node.driver().isEmpty() ? "(format probed)" : node.driver();
        return node.nodeName() == null ? driver : driver + " [" + node.nodeName() + "]";
    }

    private static void body(BlockNode node, String indent, StringBuilder out) {
        DriverSchema schema = Layout.schema(node);
        List<Map.Entry<String, Value>> entries = new ArrayList<>();
        for (Map.Entry<String, Value> e : Layout.ordered(node).entrySet()) {
            if (!e.getKey().equals("node-name")) {
                entries.add(e);
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            boolean last = i == entries.size() - 1;
            String key = entries.get(i).getKey();
            entry(key, entries.get(i).getValue(), schema, key, indent, last, out);
        }
    }

    /** @param path the option's path in its node, to find the schema order of a group's members */
    private static void entry(String key, Value v, DriverSchema schema, String path, String indent, boolean last,
            StringBuilder out) {
        out.append(indent).append(last ? "└── " : "├── ").append(key).append(':');
        if (!(v instanceof Value.Obj) && !(v instanceof Value.Arr)) {
            out.append(' ');
        }
        String inner = indent + (last ? "    " : "│   ");
        if (v instanceof Value.Node n) {
            Child c = n.child();
            if (c instanceof Child.Inline in) {
                out.append(label(in.node())).append('\n');
                body(in.node(), inner, out);
            } else if (c instanceof Child.Ref r) {
                out.append("-> ").append(r.nodeName()).append('\n');
            } else {
                out.append("null\n");
            }
        } else if (v instanceof Value.Obj o) {
            out.append('\n');
            // schema order, as the other emitters: equal graphs built in another order draw the same tree
            List<Map.Entry<String, Value>> members = new ArrayList<>(
                    Layout.ordered(o.members(), Layout.members(schema, path)).entrySet());
            for (int i = 0; i < members.size(); i++) {
                String member = members.get(i).getKey();
                entry(member, members.get(i).getValue(), schema, path + "." + member, inner, i == members.size() - 1, out);
            }
        } else if (v instanceof Value.Arr a) {
            out.append('\n');
            for (int i = 0; i < a.items().size(); i++) {
                entry(Integer.toString(i), a.items().get(i), schema, path + "." + i, inner, i == a.items().size() - 1,
                        out);
            }
        } else if (v instanceof Value.Str s) {
            out.append(JsonText.quote(s.value())).append('\n');
        } else if (v instanceof Value.Int i) {
            out.append(Long.toUnsignedString(i.bits())).append('\n');
        } else if (v instanceof Value.Bool b) {
            out.append(b.value() ? "on" : "off").append('\n');
        }
    }
}
