package io.qbmc.options;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns flat dotted options into a tree, with QEMU's rules: the last of repeated keys wins, a
 * key cannot be both a value and a prefix, numeric levels are lists indexed from 0 without gaps.
 */
public final class Crumpler {
    /** Deeper keys exist in no driver; the limit keeps hostile input from exhausting the stack. */
    public static final int MAX_KEY_DEPTH = 128;

    private final ListIndexRule indexRule;
    private final Code duplicateCode;
    private final Diagnostics diags;

    /**
     * @param duplicateCode the code for a repeated key (a warning in dotted input), or null when
     *        the reader has already refused duplicates
     */
    public Crumpler(ListIndexRule indexRule, Code duplicateCode, Diagnostics diags) {
        this.indexRule = indexRule;
        this.duplicateCode = duplicateCode;
        this.diags = diags;
    }

    private static final class Node {
        Scalar leaf;
        io.qbmc.source.Text valueText;
        Span keySpan = Span.NONE;
        Span valueSpan = Span.NONE;
        Span span = Span.NONE;
        String firstFullKey;
        LinkedHashMap<String, Node> members;
        /** A scalar for the same key as the members, kept for the binder (block-layer rules). */
        Node shadow;
        boolean reported;
    }

    public OptionTree.Group crumple(List<FlatOption> options) {
        Node root = new Node();
        root.members = new LinkedHashMap<>();
        for (FlatOption o : options) {
            insert(root, o);
        }
        return (OptionTree.Group) freeze(root, "", true);
    }

    /** Splits a key at dots; an empty fragment makes the rest of the key one opaque name. */
    public static List<String> fragments(String key) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (true) {
            int j = key.indexOf('.', i);
            if (j == i && !(i == 0 && key.isEmpty())) {
                out.add(key.substring(i));
                return out;
            }
            if (j < 0) {
                out.add(key.substring(i));
                return out;
            }
            out.add(key.substring(i, j));
            i = j + 1;
        }
    }

    private void insert(Node root, FlatOption o) {
        List<String> frags = fragments(o.key());
        if (frags.size() > MAX_KEY_DEPTH) {
            diags.report(Code.INPUT_LIMIT, o.keySpan(), "Option key nests " + frags.size() + " levels deep; the limit is "
                    + MAX_KEY_DEPTH, "no driver has options this deep");
            return;
        }
        Node at = root;
        StringBuilder path = new StringBuilder();
        for (int k = 0; k < frags.size(); k++) {
            String frag = frags.get(k);
            Span fragSpan = fragmentSpan(o, k, frags.size());
            boolean last = k == frags.size() - 1;
            Node child = at.members.get(frag);
            if (child == null) {
                child = new Node();
                child.keySpan = fragSpan;
                child.firstFullKey = o.key();
                at.members.put(frag, child);
            }
            path.append(frag);
            if (last) {
                if (child.members != null) {
                    if (indexRule == ListIndexRule.BLOCK_LAYER) {
                        child.shadow = leaf(o, fragSpan);
                        return;
                    }
                    inconsistent(child, path.toString(), o);
                    return;
                }
                if (child.leaf != null && duplicateCode != null) {
                    diags.report(duplicateCode, o.keySpan(),
                            "Option '" + o.key() + "' is given more than once; the last value wins",
                            "earlier value '" + child.leaf.display() + "' at " + child.span + " is ignored");
                }
                child.leaf = o.value();
                child.valueText = o.valueText();
                child.keySpan = fragSpan;
                child.valueSpan = o.valueSpan();
                child.span = o.span();
                return;
            }
            if (child.leaf != null) {
                if (indexRule != ListIndexRule.BLOCK_LAYER) {
                    inconsistent(child, path.toString(), o);
                    // the group stays, not "x": a reference to a node that does not exist
                    // would be a second error where keyval_parse gives one
                    child.leaf = null;
                    child.valueText = null;
                    child.members = new LinkedHashMap<>();
                    child.span = o.span();
                    return;
                }
                // the block layer keeps "x" and "x.y" side by side; the binder judges them
                Node scalar = new Node();
                scalar.leaf = child.leaf;
                scalar.valueText = child.valueText;
                scalar.keySpan = child.keySpan;
                scalar.valueSpan = child.valueSpan;
                scalar.span = child.span;
                child.shadow = scalar;
                child.leaf = null;
            }
            if (child.members == null) {
                child.members = new LinkedHashMap<>();
                child.span = o.span();
            } else {
                child.span = child.span.to(o.span());
            }
            path.append('.');
            at = child;
        }
    }

    private static Span fragmentSpan(FlatOption o, int k, int count) {
        Span[] spans = o.fragmentSpans();
        if (spans != null && k < spans.length && spans[k] != null) {
            if (k == count - 1 && count < spans.length) {
                // the last fragment swallowed the rest of the key
                return spans[k].to(spans[spans.length - 1]);
            }
            return spans[k];
        }
        return o.keySpan();
    }

    private static Node leaf(FlatOption o, Span fragSpan) {
        Node n = new Node();
        n.leaf = o.value();
        n.valueText = o.valueText();
        n.keySpan = fragSpan;
        n.valueSpan = o.valueSpan();
        n.span = o.span();
        return n;
    }

    private void inconsistent(Node node, String path, FlatOption o) {
        diags.report(Code.INCONSISTENT_KEY, o.keySpan(),
                "Parameters '" + path + ".*' used inconsistently",
                "'" + path + "' is given both as a value and as a group of options ('" + node.firstFullKey
                        + "' and '" + o.key() + "')");
    }

    private OptionTree freeze(Node node, String path, boolean isRoot) {
        if (node.members == null) {
            return new OptionTree.Leaf(node.leaf, node.keySpan, node.valueSpan, node.valueText);
        }
        if (!isRoot && !node.members.isEmpty() && allNumeric(node.members)) {
            return freezeList(node, path);
        }
        if (!isRoot && anyNumeric(node.members)) {
            diags.report(Code.INCONSISTENT_KEY, node.span,
                    "Parameters '" + path + ".*' used inconsistently",
                    "'" + path + "' mixes list indices and option names");
        }
        Map<String, OptionTree> members = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : node.members.entrySet()) {
            String childPath = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            members.put(e.getKey(), freeze(e.getValue(), childPath, false));
        }
        OptionTree.Leaf shadow = node.shadow == null ? null
                : new OptionTree.Leaf(node.shadow.leaf, node.shadow.keySpan, node.shadow.valueSpan, node.shadow.valueText);
        return new OptionTree.Group(members, node.keySpan, node.span, shadow);
    }

    private OptionTree freezeList(Node node, String path) {
        Map<Integer, Node> byIndex = new LinkedHashMap<>();
        int max = -1;
        for (Map.Entry<String, Node> e : node.members.entrySet()) {
            String frag = e.getKey();
            if (indexRule == ListIndexRule.BLOCK_LAYER && frag.length() > 1 && frag.charAt(0) == '0') {
                diags.report(Code.LIST_INDEX, e.getValue().keySpan,
                        "List index '" + frag + "' of '" + path + "' has a leading zero",
                        "QEMU's block layer does not read '" + frag + "' as index " + trimZeros(frag)
                                + "; write " + path + "." + trimZeros(frag));
                continue;
            }
            int index = toIndex(frag);
            Node existing = byIndex.get(index);
            if (existing != null) {
                // keyval: "01" and "1" name the same element; merge, later wins
                merge(existing, e.getValue());
            } else {
                byIndex.put(index, e.getValue());
            }
            max = Math.max(max, index);
        }
        List<OptionTree> items = new ArrayList<>();
        for (int i = 0; i <= max; i++) {
            Node n = byIndex.get(i);
            if (n == null) {
                diags.report(Code.LIST_INDEX, node.span, "Parameter '" + path + "." + i + "' missing",
                        "list elements of '" + path + "' must be numbered 0, 1, 2, ... without gaps");
                if (indexRule == ListIndexRule.KEYVAL) {
                    // keyval_parse refuses the whole text: no element is read, none to check further
                    items.clear();
                }
                break;
            }
            items.add(freeze(n, path + "." + i, false));
        }
        return new OptionTree.Items(items, node.keySpan, node.span);
    }

    private static void merge(Node into, Node from) {
        if (from.members != null && into.members != null) {
            for (Map.Entry<String, Node> e : from.members.entrySet()) {
                Node mine = into.members.get(e.getKey());
                if (mine == null) {
                    into.members.put(e.getKey(), e.getValue());
                } else {
                    merge(mine, e.getValue());
                }
            }
        } else {
            into.leaf = from.leaf;
            into.valueText = from.valueText;
            into.members = from.members;
            into.valueSpan = from.valueSpan;
        }
        into.span = into.span.to(from.span);
    }

    private static String trimZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }

    /** Huge indices are capped, as keyval's key_to_index does; they then report a gap. */
    private static int toIndex(String digits) {
        String t = trimZeros(digits);
        if (t.length() > 9) {
            return Integer.MAX_VALUE - 1;
        }
        return Integer.parseInt(t);
    }

    private static boolean isIndex(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean allNumeric(Map<String, Node> members) {
        for (String k : members.keySet()) {
            if (!isIndex(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyNumeric(Map<String, Node> members) {
        for (String k : members.keySet()) {
            if (isIndex(k)) {
                return true;
            }
        }
        return false;
    }
}
