package io.qbmc.check;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Value;

/**
 * qemu_gluster_parse_json (block/gluster.c): without a filename URI the servers come from
 * server.N, at least one, each of type inet or unix (gluster has no vsock or fd transport).
 */
final class GlusterRule implements Rule {
    @Override
    public void check(CheckContext context, Diagnostics diags) {
        for (CheckContext.Visit v : context.visits()) {
            BlockNode n = v.node();
            if (!n.driver().equals("gluster") || n.options().containsKey("filename")) {
                continue;
            }
            if (!(n.options().get("server") instanceof Value.Arr servers) || servers.items().isEmpty()) {
                diags.report(Code.MISSING_OPTION, context.origins().span(n), "Parameter 'server' is missing",
                        "add server.0.type=inet,server.0.host=HOST,server.0.port=24007, or a gluster:// filename");
                continue;
            }
            for (int i = 0; i < servers.items().size(); i++) {
                if (servers.items().get(i) instanceof Value.Obj s && s.members().get("type") instanceof Value.Str t
                        && !t.value().equals("inet") && !t.value().equals("unix")) {
                    diags.report(Code.DRIVER_CONSTRAINT, context.origins().value(n, "server." + i + ".type"),
                            "Parameter 'type' may be 'inet' or 'unix'",
                            "gluster connects over inet (host, port) or unix (path) sockets only");
                    break;
                }
            }
        }
    }
}
