package io.qbmc.compile;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.options.FlatOption;
import io.qbmc.options.Scalar;
import io.qbmc.schema.DriverSchema;
import io.qbmc.schema.Drivers;
import io.qbmc.source.Span;
import io.qbmc.source.Text;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A filename argument, read as QEMU 7.2's block layer reads one: the -drive file=, a qemu-img
 * image name, blkdebug's and blkverify's x-image and x-raw, a qcow2 backing file name.
 *
 * <p>bdrv_open_inherit hands the filename down the "file" children until it reaches a node
 * opened as a protocol (a protocol driver, or a node without a driver in a protocol role). There
 * bdrv_fill_options puts it in "filename" and, without an explicit driver, bdrv_find_protocol
 * picks one: the prefix before the first ':' names a protocol when no '/' comes first (block.c
 * path_has_protocol), else it is the file driver. The driver's bdrv_parse_filename then turns
 * the filename into options, and drivers that do not need a filename drop it. Options given
 * explicitly are kept unless the parse function overwrites them (qdict_put) rather than
 * defaulting them (qdict_set_default_str), as each driver does.
 *
 * <p>Not modelled: find_hdev_driver's probe of host devices (a path naming a block or character
 * device on the machine that runs QEMU opens with host_device), which depends on that machine.
 */
public final class ProtocolFilename {
    /** block.c bdrv_find_protocol: char protocol[128]. */
    static final int MAX_PROTOCOL = 127;
    /** libiscsi MAX_STRING_SIZE: iscsi_parse_url copies the URL after "iscsi://" into 255 bytes. */
    static final int ISCSI_MAX_STRING = 255;

    /** One option a parse function sets: its value, and where in the filename it comes from. */
    private record Part(String value, int start, int end) {
        static Part computed(String value) {
            return new Part(value, -1, -1);
        }
    }

    /** What a bdrv_parse_filename made of a filename. */
    private static final class Parsed {
        final Map<String, Part> put = new LinkedHashMap<>();
        final Map<String, Part> defaults = new LinkedHashMap<>();
        /** The filename that stays in "filename" for drivers that need one. */
        Part filename;
        String error;
        /** rbd: key=value pairs that go to librados, unchecked. */
        final List<String> unchecked = new ArrayList<>();
    }

    private interface Parser {
        void parse(String filename, Set<String> explicit, Parsed out);
    }

    /**
     * A protocol driver: its protocol name, the driver it opens (format_name), its
     * bdrv_parse_filename, and whether it keeps "filename" (bdrv_needs_filename).
     */
    private record Protocol(String name, String driver, Parser parser, boolean needsFilename) {
    }

    private static final Map<String, Protocol> BY_NAME = new HashMap<>();
    private static final Map<String, Protocol> BY_DRIVER = new HashMap<>();

    static {
        protocol("file", "file", stripPrefix("file:"), true);
        protocol("host_device", "host_device", stripPrefix("host_device:"), true);
        protocol("host_cdrom", "host_cdrom", stripPrefix("host_cdrom:"), true);
        protocol("null-co", "null-co", only("null-co://"), false);
        protocol("null-aio", "null-aio", only("null-aio://"), false);
        protocol("nbd", "nbd", ProtocolFilename::nbd, false);
        protocol("nbd+tcp", "nbd", ProtocolFilename::nbd, false);
        protocol("nbd+unix", "nbd", ProtocolFilename::nbd, false);
        for (String curl : new String[] {"http", "https", "ftp", "ftps"}) {
            protocol(curl, curl, (f, explicit, out) -> out.put.put("url", new Part(f, 0, f.length())), false);
        }
        protocol("ssh", "ssh", ProtocolFilename::ssh, false);
        protocol("iscsi", "iscsi", ProtocolFilename::iscsi, false);
        protocol("iser", "iser", ProtocolFilename::iscsi, false);
        protocol("rbd", "rbd", ProtocolFilename::rbd, false);
        protocol("blkdebug", "blkdebug", ProtocolFilename::blkdebug, false);
        protocol("blkverify", "blkverify", ProtocolFilename::blkverify, false);
        protocol("nvme", "nvme", ProtocolFilename::nvme, false);
        protocol("fat", "vvfat", ProtocolFilename::vvfat, false);
        // gluster has no bdrv_parse_filename: qemu_gluster_open reads the URI from "filename" itself
        for (String gluster : new String[] {"gluster", "gluster+tcp", "gluster+unix", "gluster+rdma"}) {
            protocol(gluster, "gluster", (f, explicit, out) -> { }, true);
        }
        protocol("nfs", "nfs", ProtocolFilename::nfs, false);
    }

    private static void protocol(String name, String driver, Parser parser, boolean needsFilename) {
        Protocol p = new Protocol(name, driver, parser, needsFilename);
        BY_NAME.put(name, p);
        BY_DRIVER.putIfAbsent(driver, p);
    }

    private ProtocolFilename() {
    }

    /** block.c path_has_protocol: a ':' comes before any '/'. */
    public static boolean hasProtocol(String filename) {
        for (int i = 0; i < filename.length(); i++) {
            char c = filename.charAt(i);
            if (c == ':') {
                return true;
            }
            if (c == '/') {
                return false;
            }
        }
        return false;
    }

    /**
     * Puts a filename argument where QEMU puts it.
     *
     * @param arg          the option holding the filename (its key and value spans are used for
     *                     what it becomes)
     * @param nodePrefix   the key prefix of the node that receives the filename ("" for the top,
     *                     "image." for blkdebug's image)
     * @param protocolRole whether that node opens as a protocol when it names no driver
     *                     (BDRV_O_PROTOCOL: a file child, blkdebug's image, blkverify's raw)
     * @param options      the options given explicitly, all nodes, with their full keys
     * @return the options with the filename's added, or null after reporting why QEMU stops
     */
    static List<FlatOption> place(FlatOption arg, String nodePrefix, boolean protocolRole, List<FlatOption> options,
            Diagnostics diags) {
        String filename = arg.value().display();
        String prefix = protocolNode(options, nodePrefix, protocolRole);
        if (prefix == null) {
            return options; // the binder reports the unknown driver, as bdrv_fill_options does first
        }
        String driver = stringValue(options, prefix + "driver");
        Set<String> explicit = new TreeSet<>();
        for (FlatOption o : options) {
            if (o.key().startsWith(prefix)) {
                explicit.add(o.key().substring(prefix.length()));
            }
        }
        if (explicit.contains("filename")) {
            diags.report(Code.FILE_AND_FILENAME, arg.keySpan(), "Can't specify 'file' and 'filename' options at the same time",
                    arg.key() + " names the filename of a node that also has " + prefix + "filename=; drop one of them");
            return null;
        }
        Protocol p;
        if (driver != null) {
            p = BY_DRIVER.get(driver);
        } else if (hasProtocol(filename)) {
            String name = filename.substring(0, Math.min(filename.indexOf(':'), MAX_PROTOCOL));
            p = BY_NAME.get(name);
            if (p == null) {
                diags.report(Code.PROTOCOL_FILENAME, arg.valueSpan(), "Unknown protocol '" + name + "'",
                        "a ':' before any '/' makes the start of a filename a protocol name; write ./" + filename
                                + " for a file of that name");
                return null;
            }
        } else {
            p = BY_NAME.get("file");
        }
        Parsed parsed = new Parsed();
        parsed.filename = new Part(filename, 0, filename.length());
        if (p != null) {
            p.parser().parse(filename, explicit, parsed);
        }
        if (parsed.error != null) {
            diags.report(Code.PROTOCOL_FILENAME, arg.valueSpan(), parsed.error, hint(p));
            return null;
        }
        if (!parsed.unchecked.isEmpty()) {
            diags.report(Code.UNCHECKED_FILENAME_OPTIONS, arg.valueSpan(),
                    "rbd: filename options " + parsed.unchecked + " go to librados unchecked and are not kept in the graph",
                    "put them in a Ceph configuration file and name it with conf=");
        }
        List<FlatOption> out = new ArrayList<>();
        Set<String> overwritten = new TreeSet<>();
        for (String k : parsed.put.keySet()) {
            overwritten.add(prefix + k);
        }
        for (FlatOption o : options) {
            if (!overwritten.contains(o.key())) {
                out.add(o);
            }
        }
        if (driver == null && p != null && !p.driver().equals("file")) {
            out.add(option(arg, prefix + "driver", Part.computed(p.driver()), null));
        }
        if (p == null || p.needsFilename()) {
            out.add(option(arg, prefix + "filename", parsed.filename, arg.valueText()));
        }
        for (Map.Entry<String, Part> e : parsed.put.entrySet()) {
            out.add(option(arg, prefix + e.getKey(), e.getValue(), arg.valueText()));
        }
        for (Map.Entry<String, Part> e : parsed.defaults.entrySet()) {
            if (!explicit.contains(e.getKey())) {
                out.add(option(arg, prefix + e.getKey(), e.getValue(), arg.valueText()));
            }
        }
        return out;
    }

    /**
     * The prefix of the node a filename argument reaches: the node itself when it opens as a
     * protocol, else (bdrv_open_child_bs) its file child, and so on; null when a driver on the way
     * is unknown.
     */
    static String protocolNode(List<FlatOption> options, String nodePrefix, boolean protocolRole) {
        String prefix = nodePrefix;
        boolean protocol = protocolRole;
        for (int depth = 0; depth <= LegacyFilenames.MAX_DEPTH; depth++) {
            String driver = stringValue(options, prefix + "driver");
            if (driver != null) {
                DriverSchema schema = Drivers.get(driver);
                if (schema == null) {
                    return null;
                }
                protocol = schema.kind() == DriverSchema.Kind.PROTOCOL;
            }
            if (protocol) {
                return prefix;
            }
            prefix += "file.";
            protocol = true;
        }
        return null;
    }

    private static String hint(Protocol p) {
        if (p == null) {
            return null;
        }
        return switch (p.driver()) {
            case "nbd" -> "nbd://HOST[:PORT]/EXPORT, nbd+unix:///EXPORT?socket=PATH or nbd:HOST:PORT[:exportname=EXPORT]";
            case "ssh" -> "ssh://[USER@]HOST[:PORT]/PATH[?host_key_check=...]";
            case "iscsi" -> "iscsi://[USER[%PASSWORD]@]HOST[:PORT]/TARGET/LUN";
            case "rbd" -> "rbd:POOL/IMAGE[@SNAPSHOT][:OPTION=VALUE...]";
            case "blkdebug" -> "blkdebug:[CONFIG]:IMAGE";
            case "blkverify" -> "blkverify:RAW:IMAGE";
            case "null-co", "null-aio" -> "the filename of this driver is exactly " + p.name() + "://";
            case "nvme" -> "nvme://PCI-ADDRESS/NAMESPACE";
            case "nfs" -> "nfs://HOST/PATH[?uid=N&gid=N&tcp-syn-cnt=N&readahead=N&pagecache=N&debug=N]";
            default -> null;
        };
    }

    private static String stringValue(List<FlatOption> options, String key) {
        String v = null;
        for (FlatOption o : options) {
            if (o.key().equals(key)) {
                v = o.value() instanceof Scalar.Str s ? s.value() : null;
            }
        }
        return v;
    }

    private static FlatOption option(FlatOption arg, String key, Part part, Text text) {
        Span[] frags = new Span[key.split("\\.", -1).length];
        Arrays.fill(frags, arg.keySpan());
        Span valueSpan = arg.valueSpan();
        Text valueText = null;
        if (text != null && part.start() >= 0 && part.end() <= text.length()
                && text.value().substring(part.start(), part.end()).equals(part.value())) {
            valueText = text.sub(part.start(), part.end());
            valueSpan = text.span(part.start(), part.end());
        }
        return new FlatOption(key, arg.keySpan(), new Scalar.Str(part.value()), valueSpan, frags, valueText);
    }

    // ---- bdrv_parse_filename of each driver ----

    /** bdrv_parse_filename_strip_prefix: a "./" keeps a colon in the rest from reading as a protocol. */
    private static Parser stripPrefix(String prefix) {
        return (f, explicit, out) -> {
            if (!f.startsWith(prefix)) {
                return;
            }
            String rest = f.substring(prefix.length());
            out.filename = hasProtocol(rest) ? Part.computed("./" + rest) : new Part(rest, prefix.length(), f.length());
        };
    }

    /** block/null.c: the only filename is the protocol's own. */
    private static Parser only(String name) {
        return (f, explicit, out) -> {
            if (!f.equals(name)) {
                out.error = "The only allowed filename for this driver is '" + name + "'";
            }
        };
    }

    /** block/nbd.c nbd_parse_filename. */
    private static void nbd(String f, Set<String> explicit, Parsed out) {
        for (String k : explicit) {
            if (k.equals("host") || k.equals("port") || k.equals("path") || k.equals("export") || k.startsWith("server.")) {
                out.error = "Option '" + k + "' cannot be used with a file name";
                return;
            }
        }
        if (f.contains("://")) {
            if (!nbdUri(f, out)) {
                out.put.clear();
                out.error = "No valid URL specified";
            }
            return;
        }
        String file = f;
        int en = file.indexOf(":exportname=");
        if (en >= 0) {
            int exportStart = en + ":exportname=".length();
            if (exportStart == file.length()) {
                return;
            }
            out.put.put("export", new Part(file.substring(exportStart), exportStart, file.length()));
            file = file.substring(0, en);
        }
        if (!file.startsWith("nbd:")) {
            out.error = "File name string for NBD must start with 'nbd:'";
            return;
        }
        String hostSpec = file.substring(4);
        if (hostSpec.isEmpty()) {
            return;
        }
        if (hostSpec.startsWith("unix:")) {
            out.put.put("server.type", Part.computed("unix"));
            out.put.put("server.path", new Part(hostSpec.substring(5), 9, file.length()));
            return;
        }
        String[] hostPort = new String[2];
        String error = inetParse(hostSpec, hostPort);
        if (error != null) {
            out.error = error;
            return;
        }
        out.put.put("server.type", Part.computed("inet"));
        out.put.put("server.host", Part.computed(hostPort[0]));
        out.put.put("server.port", Part.computed(hostPort[1]));
    }

    /** block/nbd.c nbd_parse_uri: false where QEMU says "No valid URL specified". */
    private static boolean nbdUri(String f, Parsed out) {
        Uri uri = Uri.parse(f);
        if (uri == null) {
            return false;
        }
        boolean unix;
        if ("nbd".equals(uri.scheme) || "nbd+tcp".equals(uri.scheme)) {
            unix = false;
        } else if ("nbd+unix".equals(uri.scheme)) {
            unix = true;
        } else {
            return false;
        }
        String p = uri.path == null ? "" : uri.path;
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (!p.isEmpty()) {
            out.put.put("export", Part.computed(p));
        }
        List<Uri.Param> qp = Uri.queryParams(uri.query);
        if (qp.size() > 1 || unix && qp.isEmpty() || !unix && !qp.isEmpty()) {
            return false;
        }
        if (unix) {
            if (uri.server != null || uri.port != 0 || !qp.get(0).name().equals("socket")) {
                return false;
            }
            if (qp.get(0).value() == null) {
                // QEMU 7.2 passes the missing value on as a null string and crashes
                out.error = "Query parameter 'socket' needs a value (QEMU 7.2 crashes without one)";
                return true;
            }
            out.put.put("server.type", Part.computed("unix"));
            out.put.put("server.path", Part.computed(qp.get(0).value()));
        } else {
            if (uri.server == null) {
                return false;
            }
            String host = uri.server.startsWith("[") ? uri.server.substring(1, uri.server.length() - 1) : uri.server;
            out.put.put("server.type", Part.computed("inet"));
            out.put.put("server.host", Part.computed(host));
            out.put.put("server.port", Part.computed(Integer.toString(uri.port != 0 ? uri.port : 10809)));
        }
        return true;
    }

    /**
     * util/qemu-sockets.c inet_parse: "host:port" with sscanf's limits (64 bytes of host, 32 of
     * port), then the ",to=", ",ipv4", ",ipv6", ",keep-alive" and ",mptcp" flags it checks.
     *
     * @return the error, or null with host and port in hostPort
     */
    static String inetParse(String str, String[] hostPort) {
        int pos;
        if (str.startsWith(":")) {
            int end = scanUntil(str, 1, ',', 32);
            if (end == 1) {
                return "error parsing port in address '" + str + "'";
            }
            hostPort[0] = "";
            hostPort[1] = str.substring(1, end);
            pos = end;
        } else if (str.startsWith("[")) {
            int hostEnd = scanUntil(str, 1, ']', 64);
            int portEnd = -1;
            if (hostEnd > 1 && hostEnd + 1 < str.length() && str.charAt(hostEnd) == ']' && str.charAt(hostEnd + 1) == ':') {
                portEnd = scanUntil(str, hostEnd + 2, ',', 32);
            }
            if (portEnd <= hostEnd + 2) {
                return "error parsing IPv6 address '" + str + "'";
            }
            hostPort[0] = str.substring(1, hostEnd);
            hostPort[1] = str.substring(hostEnd + 2, portEnd);
            pos = portEnd;
        } else {
            int hostEnd = scanUntil(str, 0, ':', 64);
            int portEnd = -1;
            if (hostEnd > 0 && hostEnd < str.length() && str.charAt(hostEnd) == ':') {
                portEnd = scanUntil(str, hostEnd + 1, ',', 32);
            }
            if (portEnd <= hostEnd + 1) {
                return "error parsing address '" + str + "'";
            }
            hostPort[0] = str.substring(0, hostEnd);
            hostPort[1] = str.substring(hostEnd + 1, portEnd);
            pos = portEnd;
        }
        String opts = str.substring(pos);
        int to = opts.indexOf(",to=");
        if (to >= 0 && !toArgument(opts.substring(to + 4))) {
            return "error parsing to= argument";
        }
        for (String flag : new String[] {"ipv4", "ipv6", "keep-alive", "mptcp"}) {
            int at = opts.indexOf("," + flag);
            if (at >= 0) {
                String rest = opts.substring(at + 1 + flag.length());
                int comma = rest.indexOf(',');
                boolean doubled = comma >= 0 && comma + 1 < rest.length() && rest.charAt(comma + 1) == ',';
                String value = comma >= 0 ? rest.substring(0, comma) : rest;
                if (doubled || !(value.isEmpty() || value.equals("=on") || value.equals("=off"))) {
                    return "error parsing '" + flag + "' flag '" + rest + "'";
                }
            }
        }
        return null;
    }

    /** sscanf's %N[^c]: the end of at most max characters other than c from start (start when none). */
    private static int scanUntil(String s, int start, char stop, int max) {
        int i = start;
        while (i < s.length() && i - start < max && s.charAt(i) != stop) {
            i++;
        }
        return i;
    }

    /** sscanf("%d%n") followed by the end or a ','. */
    private static boolean toArgument(String h) {
        int i = 0;
        while (i < h.length() && Character.isWhitespace(h.charAt(i)) && h.charAt(i) < 128) {
            i++;
        }
        if (i < h.length() && (h.charAt(i) == '+' || h.charAt(i) == '-')) {
            i++;
        }
        int digits = i;
        while (i < h.length() && h.charAt(i) >= '0' && h.charAt(i) <= '9') {
            i++;
        }
        return i > digits && (i == h.length() || h.charAt(i) == ',');
    }

    /**
     * block/vvfat.c vvfat_parse_filename: fat:[floppy:][12|16|32:][rw:]DIR. The flags are found
     * anywhere in the name and every one is put, overriding explicit options.
     */
    private static void vvfat(String f, Set<String> explicit, Parsed out) {
        String fatType = f.contains(":32:") ? "32" : f.contains(":16:") ? "16" : f.contains(":12:") ? "12" : "0";
        int last = f.lastIndexOf(':');
        int start = last + 1;
        // a DOS drive name (fat:c:\\dir) keeps its letter
        if (last >= 2 && f.charAt(last - 2) == ':' && Character.isLetter(f.charAt(last - 1))
                && f.charAt(last - 1) < 0x80) {
            start = last - 1;
        }
        out.put.put("dir", new Part(f.substring(start), start, f.length()));
        out.put.put("fat-type", Part.computed(fatType));
        out.put.put("floppy", Part.computed(f.contains(":floppy:") ? "on" : "off"));
        out.put.put("rw", Part.computed(f.contains(":rw:") ? "on" : "off"));
    }

    /** block/nfs.c nfs_parse_uri: nfs://HOST/PATH[?uid=..&gid=..&tcp-syn-cnt=..&readahead=..&pagecache=..&debug=..]. */
    private static void nfs(String f, Set<String> explicit, Parsed out) {
        Uri uri = Uri.parse(f);
        if (uri == null) {
            out.error = "Invalid URI specified";
            return;
        }
        if (!"nfs".equals(uri.scheme)) {
            out.error = "URI scheme must be 'nfs'";
            return;
        }
        if (uri.server == null) {
            out.error = "missing hostname in URI";
            return;
        }
        if (uri.path == null) {
            out.error = "missing file path in URI";
            return;
        }
        Map<String, String> names = Map.of("uid", "user", "gid", "group", "tcp-syn-cnt", "tcp-syn-count",
                "readahead", "readahead-size", "pagecache", "page-cache-size", "debug", "debug");
        Map<String, Part> params = new LinkedHashMap<>();
        for (Uri.Param p : Uri.queryParams(uri.query)) {
            if (p.value() == null) {
                out.error = "Value for NFS parameter expected: " + p.name();
                return;
            }
            if (!p.value().matches("(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)")) {
                out.error = "Illegal value for NFS parameter: " + p.name();
                return;
            }
            String name = names.get(p.name());
            if (name == null) {
                out.error = "Unknown NFS parameter name: " + p.name();
                return;
            }
            params.put(name, Part.computed(p.value()));
        }
        out.put.put("server.host", Part.computed(uri.server));
        out.put.put("server.type", Part.computed("inet"));
        out.put.put("path", Part.computed(uri.path));
        out.put.putAll(params);
    }

    /** block/ssh.c ssh_parse_filename and parse_uri. */
    private static void ssh(String f, Set<String> explicit, Parsed out) {
        for (String k : explicit) {
            if (k.equals("host") || k.equals("port") || k.equals("path") || k.equals("user")
                    || k.equals("host_key_check") || k.startsWith("server.")) {
                out.error = "Option '" + k + "' cannot be used with a file name";
                return;
            }
        }
        Uri uri = Uri.parse(f);
        if (uri == null) {
            // parse_uri returns -EINVAL without an error, which ssh_parse_filename ignores: the node
            // opens without the options the URL would have given
            return;
        }
        if (!"ssh".equals(uri.scheme)) {
            out.error = "URI scheme must be 'ssh'";
            return;
        }
        if (uri.server == null || uri.server.isEmpty()) {
            out.error = "missing hostname in URI";
            return;
        }
        if (uri.path == null || uri.path.isEmpty()) {
            out.error = "missing remote path in URI";
            return;
        }
        List<Uri.Param> qp = Uri.queryParams(uri.query);
        if (uri.user != null && !uri.user.isEmpty()) {
            out.put.put("user", Part.computed(uri.user));
        }
        out.put.put("server.host", Part.computed(uri.server));
        out.put.put("server.port", Part.computed(Integer.toString(uri.port != 0 ? uri.port : 22)));
        out.put.put("path", Part.computed(uri.path));
        for (Uri.Param p : qp) {
            if (p.name().equals("host_key_check")) {
                if (p.value() == null) {
                    out.put.clear();
                    out.error = "Query parameter 'host_key_check' needs a value (QEMU 7.2 crashes without one)";
                    return;
                }
                out.put.put("host_key_check", Part.computed(p.value()));
            }
        }
    }

    /**
     * block/iscsi.c iscsi_parse_filename over libiscsi 1.19's iscsi_parse_full_url:
     * iscsi://[USER[%PASSWORD]@]HOST[:PORT]/TARGET/LUN, every option a default for explicit ones.
     */
    private static void iscsi(String f, Set<String> explicit, Parsed out) {
        String failed = "Failed to parse URL : " + f;
        String str;
        boolean iser = false;
        if (f.startsWith("iscsi://")) {
            str = f.substring(8);
        } else if (f.startsWith("iser://")) {
            str = f.substring(7);
            iser = true;
        } else {
            out.error = failed;
            return;
        }
        if (str.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > ISCSI_MAX_STRING) {
            str = truncateUtf8(str, ISCSI_MAX_STRING);
        }
        String portal = str;
        int q = portal.indexOf('?');
        if (q >= 0) {
            for (String arg : portal.substring(q + 1).split("&", -1)) {
                if (arg.isEmpty()) {
                    continue;
                }
                int eq = arg.indexOf('=');
                String key = eq < 0 ? arg : arg.substring(0, eq);
                String value = eq < 0 ? null : arg.substring(eq + 1);
                if (key.equals("header_digest")) {
                    // iscsi_set_header_digest on the NULL context QEMU passes: QEMU 7.2 crashes
                    out.error = value != null && !value.equals("crc32c") && !value.equals("none") ? failed
                            : "URL argument header_digest is not usable with QEMU 7.2, which crashes on it";
                    return;
                }
                if (key.equals("iser")) {
                    iser = true;
                }
            }
            portal = portal.substring(0, q);
        }
        String user = null;
        String password = null;
        int at = portal.indexOf('@');
        if (at >= 0) {
            user = portal.substring(0, at);
            portal = portal.substring(at + 1);
            int sep = user.indexOf('%');
            if (sep < 0) {
                sep = user.indexOf(':');
            }
            if (sep >= 0) {
                password = user.substring(sep + 1);
                user = user.substring(0, sep);
            }
        }
        int slash = portal.indexOf('/');
        if (slash < 0) {
            out.error = failed;
            return;
        }
        String target = portal.substring(slash + 1);
        portal = portal.substring(0, slash);
        if (target.isEmpty()) {
            out.error = failed;
            return;
        }
        int lunAt = target.indexOf('/');
        if (lunAt < 0) {
            out.error = failed;
            return;
        }
        String lunText = target.substring(lunAt + 1);
        target = target.substring(0, lunAt);
        Long lun = strtol(lunText);
        if (lunText.isEmpty() || lun == null) {
            out.error = failed;
            return;
        }
        out.defaults.put("transport", Part.computed(iser ? "iser" : "tcp"));
        out.defaults.put("portal", Part.computed(portal));
        out.defaults.put("target", Part.computed(decodeIscsi(target)));
        out.defaults.put("lun", Part.computed(Integer.toString((int) (long) lun)));
        if (user != null && password != null && !user.isEmpty() && !password.isEmpty()) {
            out.defaults.put("user", Part.computed(user));
            out.defaults.put("password", Part.computed(password));
        }
    }

    /** strtol(s, &end, 10) with *end == 0: the value (saturated as glibc does), or null. */
    private static Long strtol(String s) {
        int i = 0;
        while (i < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int digits = i;
        java.math.BigInteger v = java.math.BigInteger.ZERO;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            v = v.multiply(java.math.BigInteger.TEN).add(java.math.BigInteger.valueOf(s.charAt(i) - '0'));
            i++;
        }
        if (i == digits || i != s.length()) {
            return null;
        }
        if (negative) {
            v = v.negate();
        }
        return v.max(java.math.BigInteger.valueOf(Long.MIN_VALUE)).min(java.math.BigInteger.valueOf(Long.MAX_VALUE))
                .longValue();
    }

    /** libiscsi iscsi_decode_url_string: %XX to a byte, no check that X is hex. */
    private static String decodeIscsi(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] in = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < in.length; i++) {
            if (in[i] != '%') {
                out.write(in[i]);
                continue;
            }
            if (i + 1 >= in.length) {
                break;
            }
            int c = h2i(in[i + 1]) << 4;
            if (i + 2 >= in.length) {
                break;
            }
            c |= h2i(in[i + 2]);
            out.write(c & 0xff);
            i += 2;
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int h2i(byte h) {
        if (h >= 'a' && h <= 'f') {
            return h - 'a' + 10;
        }
        if (h >= 'A' && h <= 'F') {
            return h - 'A' + 10;
        }
        return h - '0';
    }

    private static String truncateUtf8(String s, int bytes) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new String(b, 0, Math.min(bytes, b.length), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** block/rbd.c qemu_rbd_parse_filename: '\' escapes the separators '/', '@', ':' and '='. */
    private static void rbd(String f, Set<String> explicit, Parsed out) {
        if (!f.startsWith("rbd:")) {
            out.error = "File name must start with 'rbd:'";
            return;
        }
        String rest = f.substring(4);
        int slash = rbdFind(rest, 0, '/');
        if (slash < 0) {
            out.error = "Pool name is required";
            return;
        }
        out.put.put("pool", Part.computed(rbdUnescape(rest.substring(0, slash))));
        int p = slash + 1;
        String image;
        int after;
        int atSign = rbdFind(rest, p, '@');
        if (atSign >= 0) {
            image = rest.substring(p, atSign);
            int colon = rbdFind(rest, atSign + 1, ':');
            int snapEnd = colon >= 0 ? colon : rest.length();
            out.put.put("snapshot", Part.computed(rbdUnescape(rest.substring(atSign + 1, snapEnd))));
            after = colon;
        } else {
            int colon = rbdFind(rest, p, ':');
            image = rest.substring(p, colon >= 0 ? colon : rest.length());
            after = colon;
        }
        int ns = rbdFind(image, 0, '/');
        if (ns >= 0) {
            out.put.put("namespace", Part.computed(rbdUnescape(image.substring(0, ns))));
            image = image.substring(ns + 1);
        } else {
            out.put.put("namespace", Part.computed(""));
        }
        out.put.put("image", Part.computed(rbdUnescape(image)));
        int at = after < 0 ? -1 : after + 1;
        while (at >= 0) {
            int eq = rbdFind(rest, at, '=');
            if (eq < 0) {
                out.error = "conf option " + rest.substring(at) + " has no value";
                return;
            }
            String name = rbdUnescape(rest.substring(at, eq));
            int colon = rbdFind(rest, eq + 1, ':');
            String value = rbdUnescape(rest.substring(eq + 1, colon >= 0 ? colon : rest.length()));
            if (name.equals("conf")) {
                out.put.put("conf", Part.computed(value));
            } else if (name.equals("id")) {
                out.put.put("user", Part.computed(value));
            } else {
                out.unchecked.add(name + "=" + value);
            }
            at = colon < 0 ? -1 : colon + 1;
        }
    }

    /** qemu_rbd_strchr: the first delim not escaped by a backslash. */
    private static int rbdFind(String s, int from, char delim) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == delim) {
                return i;
            }
            if (c == '\\' && i + 1 < s.length()) {
                i++;
            }
        }
        return -1;
    }

    /** qemu_rbd_unescape: a backslash takes the next character literally. */
    private static String rbdUnescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            b.append(c);
        }
        return b.toString();
    }

    /** block/blkdebug.c blkdebug_parse_filename: blkdebug:[CONFIG]:IMAGE, else the whole name is the image. */
    private static void blkdebug(String f, Set<String> explicit, Parsed out) {
        if (!f.startsWith("blkdebug:")) {
            out.put.put("x-image", new Part(f, 0, f.length()));
            return;
        }
        int start = "blkdebug:".length();
        int c = f.indexOf(':', start);
        if (c < 0) {
            out.error = "blkdebug requires both config file and image path";
            return;
        }
        if (c != start) {
            out.put.put("config", new Part(f.substring(start, c), start, c));
        }
        out.put.put("x-image", new Part(f.substring(c + 1), c + 1, f.length()));
    }

    /** block/blkverify.c blkverify_parse_filename: blkverify:RAW:IMAGE, else the whole name is the image. */
    private static void blkverify(String f, Set<String> explicit, Parsed out) {
        if (!f.startsWith("blkverify:")) {
            out.put.put("x-image", new Part(f, 0, f.length()));
            return;
        }
        int start = "blkverify:".length();
        int c = f.indexOf(':', start);
        if (c < 0) {
            out.error = "blkverify requires raw copy and original image path";
            return;
        }
        out.put.put("x-raw", new Part(f.substring(start, c), start, c));
        out.put.put("x-image", new Part(f.substring(c + 1), c + 1, f.length()));
    }

    /** block/nvme.c nvme_parse_filename: nvme://DEVICE[/NAMESPACE]. */
    private static void nvme(String f, Set<String> explicit, Parsed out) {
        String pref = "nvme://";
        if (f.length() <= pref.length() || !f.startsWith(pref)) {
            return;
        }
        int slash = f.indexOf('/', pref.length());
        if (slash < 0) {
            out.put.put("device", new Part(f.substring(pref.length()), pref.length(), f.length()));
            return;
        }
        out.put.put("device", new Part(f.substring(pref.length(), slash), pref.length(), slash));
        String ns = f.substring(slash + 1);
        if (!ns.isEmpty() && !unsignedLong(ns)) {
            out.error = "Invalid namespace '" + ns + "', positive number expected";
            return;
        }
        out.put.put("namespace", ns.isEmpty() ? Part.computed("1") : new Part(ns, slash + 1, f.length()));
    }

    /**
     * qemu_strtoul(s, NULL, 10, ...) == 0: blanks, a sign, digits and nothing after them, within
     * unsigned long (a minus sign wraps, as strtoul does).
     */
    private static boolean unsignedLong(String s) {
        int i = 0;
        while (i < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i > digits && i == s.length()
                && new java.math.BigInteger(s.substring(digits)).bitLength() <= 64;
    }
}
