package io.qbmc.check;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;

/** node-name syntax (block.c bdrv_assign_node_name). */
final class NodeNameRule implements Rule {
    @Override
    public void check(CheckContext context, Diagnostics diags) {
        for (CheckContext.Visit v : context.visits()) {
            String name = v.node().nodeName();
            if (name == null) {
                continue;
            }
            if (!wellFormed(name)) {
                diags.report(Code.INVALID_NODE_NAME, context.origins().value(v.node(), "node-name"),
                        "Invalid node-name: '" + name + "'",
                        "a node-name starts with a letter and continues with letters, digits, '-', '.' or '_'");
            } else if (name.length() >= 32) {
                diags.report(Code.INVALID_NODE_NAME, context.origins().value(v.node(), "node-name"),
                        "Node name too long", "node-names have at most 31 characters; this one has " + name.length());
            }
        }
    }

    static boolean wellFormed(String id) {
        if (id.isEmpty() || !isLetter(id.charAt(0))) {
            return false;
        }
        for (int i = 1; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!isLetter(c) && !(c >= '0' && c <= '9') && c != '-' && c != '.' && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
