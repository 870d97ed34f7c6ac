package io.qbmc.schema;

import static io.qbmc.schema.Types.BOOL;
import static io.qbmc.schema.Types.NODE;
import static io.qbmc.schema.Types.NODE_OR_NULL;
import static io.qbmc.schema.Types.NUM;
import static io.qbmc.schema.Types.NUM_U64;
import static io.qbmc.schema.Types.PROTOCOL_NODE;
import static io.qbmc.schema.Types.QAPI_U32;
import static io.qbmc.schema.Types.SIZE;
import static io.qbmc.schema.Types.SIZE_U32;
import static io.qbmc.schema.Types.STR;
import static io.qbmc.schema.Types.group;
import static io.qbmc.schema.Types.listOf;
import static io.qbmc.schema.Types.oneOf;
import static io.qbmc.schema.Types.opt;

/**
 * The rest of qemu-img 7.2's driver list: image formats qbmc only checks, filters, vvfat and the
 * gluster and nfs clients. Without them qbmc refused specs QEMU opens ("Unknown driver").
 *
 * <p>Every child of a format driver here is opened as a protocol node (block.c
 * bdrv_inherited_options sets BDRV_O_PROTOCOL for non-COW children of a format parent), which
 * qemu-img shows: {@code driver=blklogwrites,log.filename=x} opens log with the file driver.
 * Strong marks follow what qemu-img 7.2 keeps in the canonical json: name, checked by running it.
 */
final class FormatDrivers {
    private FormatDrivers() {
    }

    private static OptionSpec file(String what) {
        return opt("file", PROTOCOL_NODE, what).asRequired();
    }

    private static OptionSpec backing() {
        return opt("backing", NODE_OR_NULL, "The backing image; null opens without one.");
    }

    static void declare() {
        Drivers.format("vmdk", true, "VMware disk image (monolithic, split or descriptor with extents).",
                file("The node holding the VMDK image or descriptor."),
                backing(),
                // read only for descriptor files: a monolithic image leaves extents.N.* unused,
                // and QEMU then refuses them as unsupported options
                opt("extents", listOf(PROTOCOL_NODE), "Extent files a descriptor names, by index."));
        Drivers.format("qcow", true, "QEMU copy-on-write image, version 1 (legacy).",
                file("The node holding the qcow image."),
                backing(),
                opt("encrypt", group(
                        opt("format", oneOf("aes"), "Encryption format; must match the image header."
                                + " -blockdev demands it (QAPI's BlockdevQcowEncryption is a union on it).")
                                .asRequiredInBlockdev(),
                        opt("key-secret", STR, "Id of the secret object with the passphrase.").asStrong()),
                        "Legacy AES encryption of the image."));
        Drivers.format("qed", true, "QEMU enhanced disk image (legacy).",
                file("The node holding the QED image."), backing());
        Drivers.format("vdi", false, "VirtualBox disk image.", file("The node holding the VDI image."));
        Drivers.format("vhdx", false, "Hyper-V disk image (VHDX).", file("The node holding the VHDX image."));
        Drivers.format("vpc", false, "Virtual PC / Hyper-V disk image (VHD).",
                file("The node holding the VHD image."),
                opt("force_size_calc", oneOf("chs", "current_size"),
                        "Disk size from CHS geometry or from the footer's current_size; by creator when not given.")
                        .asStrong());
        Drivers.format("parallels", false, "Parallels disk image.",
                file("The node holding the Parallels image."),
                opt("prealloc-size", SIZE, "Preallocation size on image expansion.").withDefault("128M"),
                opt("prealloc-mode", oneOf("falloc", "truncate"), "Preallocation mode on image expansion.")
                        .withDefault("falloc"));
        Drivers.format("dmg", false, "Apple disk image (read-only).", file("The node holding the DMG image."));
        Drivers.format("bochs", false, "Bochs disk image (read-only).", file("The node holding the Bochs image."));
        Drivers.format("cloop", false, "Compressed loop image (read-only).",
                file("The node holding the cloop image."));

        Drivers.format("blklogwrites", false, "Filter that logs every write to a log node (dm-log-writes format).",
                file("The filtered node."),
                opt("log", PROTOCOL_NODE, "The node receiving the log.").asRequired(),
                opt("log-append", BOOL, "Append to the log found in the log node; excludes log-sector-size.")
                        .asStrong().withDefault("off"),
                opt("log-sector-size", SIZE_U32, "Sector size of the log, a power of two in [512, 2^31].").asStrong()
                        .withDefault("512"),
                opt("log-super-update-interval", NUM_U64, "Writes between log superblock updates.")
                        .withDefault("4096"));
        Drivers.format("compress", false, "Filter that writes compressed (over qcow2, qcow or vmdk stream).",
                file("The filtered node; its format must support compressed writes."));
        Drivers.format("copy-before-write", false, "Filter that copies old data to a target before guest writes"
                        + " overwrite it (backup). Parsed with QAPI: target and its children need a driver.",
                file("The filtered node."),
                opt("target", NODE, "The node receiving the old data.").asRequired(),
                opt("bitmap", group(
                        opt("node", STR, "Node-name of the node holding the bitmap.").asRequired(),
                        opt("name", STR, "Name of the bitmap.").asRequired()),
                        "Bitmap of the areas to copy; all when not given."),
                opt("on-cbw-error", oneOf("break-guest-write", "break-snapshot"),
                        "What fails when a copy fails.").withDefault("break-guest-write"),
                opt("cbw-timeout", QAPI_U32, "Seconds a copy may take; 0 for no limit.").withDefault("0"));
        Drivers.format("preallocate", false, "Filter that preallocates file space ahead of writes at the end.",
                file("The filtered node."),
                opt("prealloc-align", SIZE, "Alignment of the preallocated length, a multiple of 512.")
                        .withDefault("1M"),
                opt("prealloc-size", SIZE, "How much to preallocate.").withDefault("128M"));
        Drivers.format("replication", false, "COLO replication filter.",
                file("The replicated node."),
                opt("mode", oneOf("primary", "secondary"), "Side of the replication.").asRequired().asStrong(),
                opt("top-id", STR, "Id of the top node of the secondary's chain; required when secondary.")
                        .asStrong());
        Drivers.format("snapshot-access", false, "Read access to the snapshot a copy-before-write node keeps.",
                file("The copy-before-write node."));

        Drivers.protocol("vvfat", "Virtual FAT disk made from a host directory (fat: filenames).",
                opt("dir", STR, "Host directory to expose.").asRequired().asStrong(),
                opt("fat-type", NUM, "FAT type: 12, 16 or 32; 0 picks 16 (12 for floppies).").asStrong()
                        .withDefault("0"),
                opt("floppy", BOOL, "Make a 1.44 MB floppy instead of a hard disk.").asStrong().withDefault("off"),
                opt("label", STR, "Volume label, at most 11 bytes.").asStrong(),
                opt("rw", BOOL, "Make the disk writable (needs read-only=off).").asStrong().withDefault("off"));

        OptionType glusterServer = OtherDrivers.socketAddress();
        Drivers.protocol("gluster", "GlusterFS client (libgfapi).",
                opt("filename", STR, "gluster[+tcp|+unix|+rdma]://[HOST[:PORT]]/VOLUME/PATH[?socket=...];"
                        + " replaces the other options.").asStrong(),
                opt("volume", STR, "Volume name.").asStrong(),
                opt("path", STR, "Image path in the volume.").asStrong(),
                opt("server", listOf(glusterServer), "Servers of the volume; at least one.").asStrong(),
                opt("debug", NUM, "libgfapi log level, 0..9.").withDefault("4"),
                opt("logfile", STR, "libgfapi log file."));
        Drivers.protocol("nfs", "NFS client (libnfs).",
                opt("server", group(
                        opt("type", oneOf("inet"), "Address type.").asRequired(),
                        opt("host", STR, "Host name or address.").asRequired()), "The NFS server.")
                        .asRequired().asStrong(),
                opt("path", STR, "Path of the image on the export.").asRequired().asStrong(),
                opt("user", NUM, "UID to use.").asStrong(),
                opt("group", NUM, "GID to use.").asStrong(),
                opt("tcp-syn-count", NUM, "Number of SYNs before the connection fails.").asStrong(),
                opt("readahead-size", NUM, "Readahead size in bytes.").asStrong(),
                opt("page-cache-size", NUM, "Page cache size in pages.").asStrong(),
                opt("debug", NUM, "libnfs debug level.").asStrong());
    }
}
