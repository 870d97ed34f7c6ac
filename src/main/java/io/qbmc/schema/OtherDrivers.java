package io.qbmc.schema;

import static io.qbmc.schema.Types.BOOL;
import static io.qbmc.schema.Types.NODE;
import static io.qbmc.schema.Types.NUM;
import static io.qbmc.schema.Types.PROTOCOL_NODE;
import static io.qbmc.schema.Types.SIZE;
import static io.qbmc.schema.Types.STR;
import static io.qbmc.schema.Types.group;
import static io.qbmc.schema.Types.listOf;
import static io.qbmc.schema.Types.oneOf;
import static io.qbmc.schema.Types.opt;
import static io.qbmc.schema.Types.rules;
import static io.qbmc.schema.Types.union;

/**
 * Drivers qbmc checks but does not interpret: filters, encryption, debugging and network
 * protocols. Typed generically from these declarations, which follow each driver's QemuOptsList
 * and QAPI schema in QEMU 7.2 (block/*.c, qapi/block-core.json); strong() marks follow each
 * driver's strong_runtime_opts, which decide what survives into the canonical json: name.
 *
 * <p>Child roles follow block.c: the "file" child of a driver without bdrv_file_open (luks,
 * copy-on-read, throttle) is opened as a protocol node while bdrv_open_inherit probes its parent;
 * the filtered child of a protocol driver (blkdebug's image, blkverify's raw) inherits
 * BDRV_O_PROTOCOL; a data child of a non-format node (blkverify's test) is probed
 * (bdrv_inherited_options).
 */
final class OtherDrivers {
    /** qapi/block-core.json BlkdebugEvent, parsed with qapi_enum_parse in blkdebug.c add_rule. */
    private static final OptionType BLKDEBUG_EVENT = oneOf("l1_update", "l1_grow_alloc_table", "l1_grow_write_table",
            "l1_grow_activate_table", "l2_load", "l2_update", "l2_update_compressed", "l2_alloc_cow_read",
            "l2_alloc_write", "read_aio", "read_backing_aio", "read_compressed", "write_aio", "write_compressed",
            "vmstate_load", "vmstate_save", "cow_read", "cow_write", "reftable_load", "reftable_grow",
            "reftable_update", "refblock_load", "refblock_update", "refblock_update_part", "refblock_alloc",
            "refblock_alloc_hookup", "refblock_alloc_write", "refblock_alloc_write_blocks",
            "refblock_alloc_write_table", "refblock_alloc_switch_table", "cluster_alloc", "cluster_alloc_bytes",
            "cluster_free", "flush_to_os", "flush_to_disk", "pwritev_rmw_head", "pwritev_rmw_after_head",
            "pwritev_rmw_tail", "pwritev_rmw_after_tail", "pwritev", "pwritev_zero", "pwritev_done",
            "empty_image_prepare", "l1_shrink_write_table", "l1_shrink_free_l2_clusters", "cor_write",
            "cluster_alloc_space", "none");
    /** qapi/block-core.json BlockPermission. */
    private static final OptionType BLOCK_PERMISSION = oneOf("consistent-read", "write", "write-unchanged", "resize");

    /** qapi/sockets.json SocketAddress: the members depend on type. */
    private static final OptionType SOCKET_ADDRESS = Types.union("type",
            java.util.List.of(opt("type", oneOf("inet", "unix", "vsock", "fd"), "Address type.").asRequired()),
            orderedVariants(
                    "inet", java.util.List.of(
                            opt("host", STR, "Host name or address.").asRequired(),
                            opt("port", STR, "Port number or service name.").asRequired(),
                            opt("numeric", BOOL, "Host and port are numeric."),
                            opt("to", NUM, "Highest port to try."),
                            opt("ipv4", BOOL, "Use IPv4."),
                            opt("ipv6", BOOL, "Use IPv6."),
                            opt("keep-alive", BOOL, "Enable TCP keep-alive."),
                            opt("mptcp", BOOL, "Use Multipath TCP.")),
                    "unix", java.util.List.of(
                            opt("path", STR, "Unix socket path.").asRequired(),
                            opt("abstract", BOOL, "Abstract unix socket."),
                            opt("tight", BOOL, "Tight abstract socket name.")),
                    "vsock", java.util.List.of(
                            opt("cid", STR, "vsock context id.").asRequired(),
                            opt("port", STR, "vsock port.").asRequired()),
                    "fd", java.util.List.of(
                            opt("str", STR, "File descriptor name or number.").asRequired())));

    private OtherDrivers() {
    }

    /** SocketAddress, shared with gluster's server list. */
    static OptionType socketAddress() {
        return SOCKET_ADDRESS;
    }

    private static java.util.Map<String, java.util.List<OptionSpec>> orderedVariants(Object... pairs) {
        java.util.Map<String, java.util.List<OptionSpec>> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            java.util.List<OptionSpec> members = (java.util.List<OptionSpec>) pairs[i + 1];
            out.put((String) pairs[i], members);
        }
        return out;
    }

    static void declare() {
        Drivers.format("luks", false, "LUKS-encrypted image.",
                opt("file", PROTOCOL_NODE, "The node holding the LUKS image.").asRequired(),
                opt("key-secret", STR, "Id of the secret object with the passphrase.").asRequired().asStrong());
        Drivers.format("copy-on-read", false, "Filter that copies data read from the backing chain into the image.",
                opt("file", PROTOCOL_NODE, "The filtered node.").asRequired(),
                opt("bottom", STR, "Node-name of the lowest node whose data is copied."));
        Drivers.format("throttle", false, "Filter that limits I/O through a throttle group.",
                opt("file", PROTOCOL_NODE, "The filtered node.").asRequired(),
                opt("throttle-group", STR, "Id of the throttle-group object.").asRequired().asStrong());
        Drivers.protocol("blkverify", "Debug filter comparing a test image against a raw reference.",
                opt("test", NODE, "The image under test; its format is probed when not given.").asRequired(),
                opt("raw", PROTOCOL_NODE, "The raw reference image, opened as a protocol node.").asRequired(),
                opt("x-image", STR, "Legacy: filename of the test image (json: honoured).").asInputOnly(),
                opt("x-raw", STR, "Legacy: filename of the raw image (json: honoured).").asInputOnly());
        Drivers.protocol("blkdebug", "Debug filter that injects errors and delays by rules.",
                opt("image", PROTOCOL_NODE, "The image to debug.").asRequired(),
                opt("config", STR, "Path of a rules configuration file.").asStrong(),
                opt("x-image", STR, "Legacy: filename of the image (json: honoured here).").asInputOnly(),
                opt("align", SIZE, "Required alignment of requests, a power of two.").asStrong(),
                opt("max-transfer", SIZE, "Maximum request size, a multiple of align.").asStrong(),
                opt("opt-write-zero", SIZE, "Preferred write-zeroes alignment.").asStrong(),
                opt("max-write-zero", SIZE, "Maximum write-zeroes size.").asStrong(),
                opt("opt-discard", SIZE, "Preferred discard alignment.").asStrong(),
                opt("max-discard", SIZE, "Maximum discard size.").asStrong(),
                opt("inject-error", rules(group(
                        opt("event", BLKDEBUG_EVENT, "Event that triggers the rule.").asRequired(),
                        opt("state", NUM, "State in which the rule applies."),
                        opt("iotype", oneOf("read", "write", "write-zeroes", "discard", "flush", "block-status"),
                                "Request type the rule applies to."),
                        opt("errno", NUM, "Error number to inject."),
                        opt("sector", NUM, "Sector the rule applies to."),
                        opt("once", BOOL, "Apply only once."),
                        opt("immediately", BOOL, "Fail immediately."))), "Error injection rules.").asStrong(),
                opt("set-state", rules(group(
                        opt("event", BLKDEBUG_EVENT, "Event that triggers the rule.").asRequired(),
                        opt("state", NUM, "State in which the rule applies."),
                        opt("new_state", NUM, "State to move to (0 when not given, except in -blockdev).")
                                .asRequiredInBlockdev())), "State transition rules.")
                        .asStrong(),
                opt("take-child-perms", listOf(BLOCK_PERMISSION), "Permissions to take on the image child."),
                opt("unshare-child-perms", listOf(BLOCK_PERMISSION), "Permissions to unshare on the image child."));
        Drivers.protocol("nbd", "Network Block Device client.",
                opt("server", SOCKET_ADDRESS,
                        "Server address; required unless the legacy host or path is given.").asStrong(),
                // nbd_runtime_opts still takes the pre-2.9 address options
                opt("host", STR, "Legacy: server host; use server.host.").asStrong(),
                opt("port", STR, "Legacy: server port; use server.port.").asStrong(),
                opt("path", STR, "Legacy: unix socket path; use server.path.").asStrong(),
                opt("export", STR, "Export name.").asStrong(),
                opt("tls-creds", STR, "Id of the TLS credentials object.").asStrong(),
                opt("tls-hostname", STR, "Host name for TLS certificate checks.").asStrong(),
                opt("x-dirty-bitmap", STR, "Expose a dirty bitmap as block status."),
                opt("reconnect-delay", NUM, "Seconds to retry a lost connection."),
                opt("open-timeout", NUM, "Seconds to retry the first connection."));
        Drivers.protocol("rbd", "Ceph RADOS block device.",
                opt("pool", STR, "Ceph pool name.").asRequired().asStrong(),
                opt("namespace", STR, "RADOS namespace.").asStrong(),
                opt("image", STR, "Image name in the pool.").asRequired().asStrong(),
                opt("conf", STR, "Path of a Ceph configuration file.").asStrong(),
                opt("snapshot", STR, "Snapshot to open read-only.").asStrong(),
                opt("encrypt", group(
                        opt("format", oneOf("luks", "luks2"), "Encryption format.").asRequired(),
                        opt("key-secret", STR, "Id of the secret object.").asRequired()), "Image encryption."),
                opt("user", STR, "Ceph user name.").asStrong(),
                opt("auth-client-required", listOf(oneOf("cephx", "none")), "Acceptable authentication modes."),
                opt("key-secret", STR, "Id of the secret object with the Ceph key."),
                opt("server", listOf(group(
                        opt("host", STR, "Monitor host.").asRequired(),
                        opt("port", STR, "Monitor port.").asRequired())), "Ceph monitors.").asStrong(),
                // read by qemu_rbd_open before the QAPI visitor, and strong
                opt("password-secret", STR, "Legacy: id of the secret object with the Ceph key.").asStrong());
        // block/iscsi.c registers the same driver twice, as iscsi and as iser
        for (String iscsi : new String[] {"iscsi", "iser"}) {
            Drivers.protocol(iscsi, iscsi.equals("iscsi") ? "iSCSI initiator (libiscsi)."
                    : "iSCSI initiator over iSER (libiscsi, RDMA): the iscsi driver under another name.",
                    opt("transport", oneOf("tcp", "iser"), "Transport.").asRequired().asStrong(),
                    opt("portal", STR, "Target portal, host[:port].").asRequired().asStrong(),
                    opt("target", STR, "Target IQN.").asRequired().asStrong(),
                    opt("lun", NUM, "Logical unit number.").asStrong().withDefault("0"),
                    opt("user", STR, "CHAP user name.").asStrong(),
                    opt("password", STR, "Legacy: CHAP password in clear; use password-secret.").asStrong(),
                    opt("password-secret", STR, "Id of the secret object with the CHAP password.").asStrong(),
                    opt("initiator-name", STR, "Initiator IQN.").asStrong(),
                    opt("header-digest", oneOf("crc32c", "none", "crc32c-none", "none-crc32c"), "Header digest.")
                            .asStrong(),
                    opt("timeout", NUM, "Request timeout in seconds."));
        }
        Drivers.protocol("ssh", "SSH (SFTP) client.",
                opt("server", group(
                        opt("host", STR, "Host name or address.").asRequired(),
                        opt("port", STR, "Port number.").asRequired(),
                        opt("numeric", BOOL, "Host and port are numeric."),
                        opt("to", NUM, "Highest port to try."),
                        opt("ipv4", BOOL, "Use IPv4."),
                        opt("ipv6", BOOL, "Use IPv6."),
                        opt("keep-alive", BOOL, "Enable TCP keep-alive."),
                        opt("mptcp", BOOL, "Use Multipath TCP.")),
                        "Server address; required unless the legacy host is given.").asStrong(),
                opt("path", STR, "Path of the image on the server.").asRequired().asStrong(),
                opt("user", STR, "User name.").asStrong(),
                opt("host-key-check", union("mode",
                        java.util.List.of(opt("mode", oneOf("none", "hash", "known_hosts"),
                                "How to check the host key.").asRequired()),
                        java.util.Map.of("hash", java.util.List.of(
                                opt("type", oneOf("md5", "sha1", "sha256"), "Hash type.").asRequired(),
                                opt("hash", STR, "Expected hash.").asRequired()))), "Host key verification."),
                // ssh_runtime_opts still takes the legacy options, translated before the visitor runs
                opt("host", STR, "Legacy: server host; use server.host.").asStrong(),
                opt("port", NUM, "Legacy: server port; use server.port.").asStrong(),
                opt("host_key_check", STR, "Legacy: no, yes, md5:HASH, sha1:HASH or sha256:HASH.").asStrong());
        for (String proto : new String[] {"http", "https", "ftp", "ftps"}) {
            boolean tls = proto.endsWith("s");
            java.util.List<OptionSpec> own = new java.util.ArrayList<>(java.util.List.of(
                    opt("url", STR, "URL of the image.").asRequired().asStrong(),
                    opt("readahead", SIZE, "Bytes read ahead on every request.").withDefault("256k"),
                    opt("timeout", NUM, "Seconds before a request times out.").withDefault("5"),
                    opt("username", STR, "User name.").asStrong(),
                    opt("password-secret", STR, "Id of the secret object with the password.").asStrong(),
                    opt("proxy-username", STR, "Proxy user name.").asStrong(),
                    opt("proxy-password-secret", STR, "Id of the secret object with the proxy password.").asStrong()));
            if (tls) {
                own.add(opt("sslverify", BOOL, "Verify the server's certificate.").asStrong().withDefault("on"));
            }
            if (proto.startsWith("http")) {
                own.add(opt("cookie", STR, "Cookie to send.").asStrong());
                own.add(opt("cookie-secret", STR, "Id of the secret object with the cookie.").asStrong());
            }
            Drivers.protocol(proto, proto.toUpperCase(java.util.Locale.ROOT) + " client (read-only, libcurl).", own);
        }
        Drivers.protocol("nvme", "Userspace NVMe driver (VFIO).",
                opt("device", STR, "PCI address of the controller.").asRequired().asStrong(),
                opt("namespace", NUM, "Namespace number (1 when not given, except in -blockdev).")
                        .asRequiredInBlockdev().asStrong());
    }
}
