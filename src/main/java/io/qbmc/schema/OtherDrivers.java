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

/**
 * Drivers qbmc checks but does not interpret: filters, encryption, debugging and network
 * protocols. Typed generically from these declarations.
 */
final class OtherDrivers {
    private OtherDrivers() {
    }

    static void declare() {
        Drivers.format("luks", false, "LUKS-encrypted image.",
                opt("file", PROTOCOL_NODE, "The node holding the LUKS image.").asRequired(),
                opt("key-secret", STR, "Id of the secret object with the passphrase.").asRequired().asStrong());
        Drivers.format("copy-on-read", false, "Filter that copies data read from the backing chain into the image.",
                opt("file", NODE, "The filtered node.").asRequired(),
                opt("bottom", STR, "Node-name of the lowest node whose data is copied."));
        Drivers.format("throttle", false, "Filter that limits I/O through a throttle group.",
                opt("file", NODE, "The filtered node.").asRequired(),
                opt("throttle-group", STR, "Id of the throttle-group object.").asRequired());
        Drivers.protocol("blkverify", "Debug filter comparing a test image against a raw reference.",
                opt("test", PROTOCOL_NODE, "The image under test.").asRequired(),
                opt("raw", NODE, "The raw reference image.").asRequired(),
                opt("x-image", STR, "Legacy: filename of the test image."),
                opt("x-raw", STR, "Legacy: filename of the raw image."));
        Drivers.protocol("blkdebug", "Debug filter that injects errors and delays by rules.",
                opt("image", PROTOCOL_NODE, "The image to debug.").asRequired(),
                opt("config", STR, "Path of a rules configuration file.").asStrong(),
                opt("x-image", STR, "Legacy: filename of the image (json: honoured here).").asStrong(),
                opt("align", SIZE, "Required alignment of requests, a power of two.").asStrong(),
                opt("max-transfer", SIZE, "Maximum request size, a multiple of align.").asStrong(),
                opt("opt-write-zero", SIZE, "Preferred write-zeroes alignment.").asStrong(),
                opt("max-write-zero", SIZE, "Maximum write-zeroes size.").asStrong(),
                opt("opt-discard", SIZE, "Preferred discard alignment.").asStrong(),
                opt("max-discard", SIZE, "Maximum discard size.").asStrong(),
                opt("inject-error", listOf(group(
                        opt("event", STR, "Event that triggers the rule.").asRequired(),
                        opt("state", NUM, "State in which the rule applies."),
                        opt("iotype", STR, "Request type the rule applies to."),
                        opt("errno", NUM, "Error number to inject."),
                        opt("sector", NUM, "Sector the rule applies to."),
                        opt("once", BOOL, "Apply only once."),
                        opt("immediately", BOOL, "Fail immediately."))), "Error injection rules.").asStrong(),
                opt("set-state", listOf(group(
                        opt("event", STR, "Event that triggers the rule.").asRequired(),
                        opt("state", NUM, "State in which the rule applies."),
                        opt("new_state", NUM, "State to move to.").asRequired())), "State transition rules.")
                        .asStrong(),
                opt("take-child-perms", listOf(STR), "Permissions to take on the image child."),
                opt("unshare-child-perms", listOf(STR), "Permissions to unshare on the image child."));
        Drivers.protocol("nbd", "Network Block Device client.",
                opt("server", group(
                        opt("type", oneOf("inet", "unix", "vsock", "fd"), "Address type."),
                        opt("host", STR, "Host name or address."),
                        opt("port", STR, "Port number or service name."),
                        opt("path", STR, "Unix socket path."),
                        opt("cid", STR, "vsock context id."),
                        opt("str", STR, "File descriptor name or number."),
                        opt("numeric", BOOL, "Host and port are numeric."),
                        opt("to", NUM, "Highest port to try."),
                        opt("ipv4", BOOL, "Use IPv4."),
                        opt("ipv6", BOOL, "Use IPv6."),
                        opt("keep-alive", BOOL, "Enable TCP keep-alive."),
                        opt("abstract", BOOL, "Abstract unix socket."),
                        opt("tight", BOOL, "Tight abstract socket name.")), "Server address.").asStrong(),
                opt("export", STR, "Export name.").asStrong(),
                opt("tls-creds", STR, "Id of the TLS credentials object.").asStrong(),
                opt("tls-hostname", STR, "Host name for TLS certificate checks.").asStrong(),
                opt("x-dirty-bitmap", STR, "Expose a dirty bitmap as block status.").asStrong(),
                opt("reconnect-delay", NUM, "Seconds to retry a lost connection."),
                opt("open-timeout", NUM, "Seconds to retry the first connection."));
        Drivers.protocol("rbd", "Ceph RADOS block device.",
                opt("pool", STR, "Ceph pool name.").asRequired().asStrong(),
                opt("namespace", STR, "RADOS namespace.").asStrong(),
                opt("image", STR, "Image name in the pool.").asRequired().asStrong(),
                opt("conf", STR, "Path of a Ceph configuration file.").asStrong(),
                opt("snapshot", STR, "Snapshot to open read-only.").asStrong(),
                opt("encrypt", group(
                        opt("format", oneOf("luks", "luks2", "luks-any"), "Encryption format."),
                        opt("key-secret", STR, "Id of the secret object.")), "Image encryption."),
                opt("user", STR, "Ceph user name.").asStrong(),
                opt("auth-client-required", listOf(oneOf("cephx", "none")), "Acceptable authentication modes."),
                opt("key-secret", STR, "Id of the secret object with the Ceph key."),
                opt("server", listOf(group(
                        opt("host", STR, "Monitor host.").asRequired(),
                        opt("port", STR, "Monitor port.").asRequired())), "Ceph monitors.").asStrong());
        Drivers.protocol("iscsi", "iSCSI initiator (libiscsi).",
                opt("transport", oneOf("tcp", "iser"), "Transport.").asRequired().asStrong(),
                opt("portal", STR, "Target portal, host[:port].").asRequired().asStrong(),
                opt("target", STR, "Target IQN.").asRequired().asStrong(),
                opt("lun", NUM, "Logical unit number.").asStrong().withDefault("0"),
                opt("user", STR, "CHAP user name.").asStrong(),
                opt("password-secret", STR, "Id of the secret object with the CHAP password.").asStrong(),
                opt("initiator-name", STR, "Initiator IQN.").asStrong(),
                opt("header-digest", oneOf("crc32c", "none", "crc32c-none", "none-crc32c"), "Header digest.")
                        .asStrong(),
                opt("timeout", NUM, "Request timeout in seconds.").asStrong());
        Drivers.protocol("ssh", "SSH (SFTP) client.",
                opt("server", group(
                        opt("host", STR, "Host name or address.").asRequired(),
                        opt("port", STR, "Port number.")), "Server address.").asRequired().asStrong(),
                opt("path", STR, "Path of the image on the server.").asRequired().asStrong(),
                opt("user", STR, "User name.").asStrong(),
                opt("host-key-check", group(
                        opt("mode", oneOf("none", "hash", "known_hosts"), "How to check the host key."),
                        opt("type", oneOf("md5", "sha1", "sha256"), "Hash type."),
                        opt("hash", STR, "Expected hash.")), "Host key verification.").asStrong());
        for (String proto : new String[] {"http", "https", "ftp", "ftps"}) {
            boolean tls = proto.endsWith("s");
            java.util.List<OptionSpec> own = new java.util.ArrayList<>(java.util.List.of(
                    opt("url", STR, "URL of the image.").asRequired().asStrong(),
                    opt("readahead", SIZE, "Bytes read ahead on every request.").asStrong().withDefault("256k"),
                    opt("timeout", NUM, "Seconds before a request times out.").asStrong().withDefault("5"),
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
                opt("namespace", NUM, "Namespace number.").asRequired().asStrong());
    }
}
