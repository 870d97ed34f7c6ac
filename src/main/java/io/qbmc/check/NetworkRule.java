package io.qbmc.check;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Value;

/**
 * What the network drivers refuse before they connect: nbd and ssh take either server.* or the
 * legacy host/port/path options (block/nbd.c, block/ssh.c), nbd export names fit the protocol,
 * iscsi CHAP credentials come as exactly one of password and password-secret (block/iscsi.c),
 * and curl's readahead, timeout, cookie and URL (block/curl.c).
 */
final class NetworkRule implements Rule {
    /** NBD_MAX_STRING_SIZE (include/block/nbd.h). */
    static final int NBD_MAX_STRING = 4096;
    /** CURL_TIMEOUT_MAX (block/curl.c). */
    static final long CURL_TIMEOUT_MAX = 10000;

    @Override
    public void check(CheckContext context, Diagnostics diags) {
        for (CheckContext.Visit v : context.visits()) {
            BlockNode n = v.node();
            switch (n.driver()) {
                case "nbd" -> nbd(n, context, diags);
                case "ssh" -> ssh(n, context, diags);
                case "iscsi", "iser" -> iscsi(n, context, diags);
                case "http", "https", "ftp", "ftps" -> curl(n, context, diags);
                default -> {
                }
            }
        }
    }

    private static boolean has(BlockNode n, String option) {
        return n.options().containsKey(option);
    }

    private static String str(BlockNode n, String option) {
        return n.options().get(option) instanceof Value.Str s ? s.value() : null;
    }

    private static void nbd(BlockNode n, CheckContext context, Diagnostics diags) {
        var origins = context.origins();
        boolean legacy = has(n, "host") || has(n, "port") || has(n, "path");
        if (legacy && has(n, "server")) {
            diags.report(Code.DRIVER_CONSTRAINT, origins.key(n, has(n, "host") ? "host" : has(n, "path") ? "path" : "port"),
                    "Cannot use 'server' and path/host/port at the same time", "keep server.*; the others are legacy");
        } else if (has(n, "path") && has(n, "host")) {
            diags.report(Code.DRIVER_CONSTRAINT, origins.key(n, "path"), "path and host may not be used at the same time",
                    null);
        } else if (has(n, "path") && has(n, "port")) {
            diags.report(Code.DRIVER_CONSTRAINT, origins.key(n, "port"), "port may not be used without host", null);
        } else if (!legacy && !has(n, "server")) {
            diags.report(Code.MISSING_OPTION, origins.span(n), "NBD server address missing",
                    "add server.type=inet,server.host=HOST,server.port=PORT");
        }
        String export = str(n, "export");
        if (export != null && export.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > NBD_MAX_STRING) {
            diags.report(Code.OUT_OF_RANGE, origins.value(n, "export"), "export name too long to send to server",
                    "NBD export names have at most " + NBD_MAX_STRING + " bytes");
        }
        String bitmap = str(n, "x-dirty-bitmap");
        if (bitmap != null && bitmap.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > NBD_MAX_STRING) {
            diags.report(Code.OUT_OF_RANGE, origins.value(n, "x-dirty-bitmap"),
                    "x-dirty-bitmap query too long to send to server", null);
        }
    }

    private static void ssh(BlockNode n, CheckContext context, Diagnostics diags) {
        var origins = context.origins();
        if (has(n, "port") && !has(n, "host")) {
            diags.report(Code.DRIVER_CONSTRAINT, origins.key(n, "port"), "port may not be used without host", null);
        } else if (!has(n, "host") && !has(n, "server")) {
            diags.report(Code.MISSING_OPTION, origins.span(n), "Parameter 'server' is missing",
                    "add server.host=HOST (and server.port=PORT)");
        }
    }

    private static void iscsi(BlockNode n, CheckContext context, Diagnostics diags) {
        if (!has(n, "user")) {
            return;
        }
        var origins = context.origins();
        if (has(n, "password") && has(n, "password-secret")) {
            diags.report(Code.DRIVER_CONSTRAINT, origins.key(n, "password"),
                    "'password' and 'password-secret' properties are mutually exclusive", "keep password-secret");
        } else if (!has(n, "password") && !has(n, "password-secret")) {
            diags.report(Code.MISSING_OPTION, origins.key(n, "user"), "CHAP username specified but no password was given",
                    "add password-secret=ID naming a secret object");
        }
    }

    private static void curl(BlockNode n, CheckContext context, Diagnostics diags) {
        var origins = context.origins();
        if (n.options().get("readahead") instanceof Value.Int r && (r.bits() & 0x1ff) != 0) {
            diags.report(Code.DRIVER_CONSTRAINT, origins.value(n, "readahead"),
                    "HTTP_READAHEAD_SIZE " + r.bits() + " is not a multiple of 512", "round readahead to 512 bytes");
        }
        if (n.options().get("timeout") instanceof Value.Int t && Long.compareUnsigned(t.bits(), CURL_TIMEOUT_MAX) > 0) {
            diags.report(Code.OUT_OF_RANGE, origins.value(n, "timeout"), "timeout parameter is too large or negative",
                    "at most " + CURL_TIMEOUT_MAX + " seconds");
        }
        if (has(n, "cookie") && has(n, "cookie-secret")) {
            diags.report(Code.DRIVER_CONSTRAINT, origins.key(n, "cookie"),
                    "curl driver cannot handle both cookie and cookie secret", "keep one of them");
        }
        String url = str(n, "url");
        if (url != null && !url.startsWith(n.driver() + "://")) {
            diags.report(Code.DRIVER_CONSTRAINT, origins.value(n, "url"), n.driver() + " curl driver cannot handle the URL '"
                    + url + "' (does not start with '" + n.driver() + "://')", "use the driver that matches the URL");
        }
    }
}
