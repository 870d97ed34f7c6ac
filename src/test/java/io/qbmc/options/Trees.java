package io.qbmc.options;

import java.util.Map;

/** A compact text form of option trees for assertions: {a:1,list:[x,y],g:{b:2}}. */
final class Trees {
    private Trees() {
    }

    static String show(OptionTree t) {
        StringBuilder out = new StringBuilder();
        show(t, out);
        return out.toString();
    }

    private static void show(OptionTree t, StringBuilder out) {
        if (t instanceof OptionTree.Leaf leaf) {
            Scalar s = leaf.value();
            out.append(s instanceof Scalar.Str str ? str.value() : "<" + s.display() + ">");
        } else if (t instanceof OptionTree.Group g) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, OptionTree> e : g.members().entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(e.getKey()).append(':');
                show(e.getValue(), out);
            }
            out.append('}');
        } else if (t instanceof OptionTree.Items items) {
            out.append('[');
            for (int i = 0; i < items.items().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                show(items.items().get(i), out);
            }
            out.append(']');
        }
    }
}
