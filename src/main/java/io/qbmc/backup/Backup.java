package io.qbmc.backup;

import io.qbmc.diag.Code;
import io.qbmc.runtime.BitmapInfo;
import io.qbmc.runtime.BlockDevice;
import io.qbmc.runtime.Extent;
import io.qbmc.runtime.Snapshot;
import io.qbmc.runtime.StackException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * qbmc backup: a full backup starts a chain in an empty folder; an incremental one appends a link
 * with the bitmap's dirty extents. In both, the bitmap is reset when the backup starts (writes that
 * arrive meanwhile are recorded for the next one), copied with copy-before-write so the link holds
 * the image as it was at that moment, and its bits are dropped from the bitmap file only once the
 * link is durable. If anything fails, the bits go back into the bitmap.
 */
public final class Backup {
    private Backup() {
    }

    /**
     * Backs up through an open device.
     *
     * @return the manifest of the new link
     * @throws StackException for an inconsistent bitmap (incremental), a folder that already holds a
     *                        chain (full) or none, or a chain of another bitmap or image size
     */
    public static Manifest run(BlockDevice device, String bitmap, Path dir, boolean full, Progress progress)
            throws IOException {
        BitmapInfo info = device.bitmaps().stream().filter(b -> b.name().equals(bitmap)).findFirst().orElse(null);
        Manifest prev = null;
        if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
            throw new StackException(Code.CHAIN_INVALID, dir + " is not a folder", "give a folder for the chain");
        }
        if (full) {
            if (Chain.hasLinks(dir)) {
                throw new StackException(Code.CHAIN_INVALID, dir + " already holds a backup chain",
                        "a full backup starts a new chain: give a new or empty folder");
            }
            Path enclosing = Chain.enclosingChain(dir);
            if (enclosing != null) {
                throw new StackException(Code.CHAIN_INVALID, dir + " lies inside the backup chain in " + enclosing,
                        "a full backup starts a new chain: give a new or empty folder outside every chain");
            }
        } else {
            // without a descriptor the bitmap has no generation and no in-use flag: nothing tells
            // whether it is the record this chain needs (another stack, another chain, a crash)
            if (device.layout().descriptor() == null) {
                throw new StackException(Code.NEEDS_DESCRIPTOR, "An incremental backup needs a stack opened"
                        + " through its QBM descriptor: a stack given as options has no bitmap generation, so"
                        + " nothing shows that bitmap '" + bitmap + "' holds every write since the chain's last link",
                        "compile a descriptor (qbmc compile) and back up through it; a full backup"
                                + " (--full) is allowed without one");
            }
            prev = Chain.read(dir).last().manifest();
        }
        int link = prev == null ? 0 : prev.link() + 1;
        if (info == null) {
            List<String> names = device.bitmaps().stream().map(BitmapInfo::name).toList();
            throw new StackException(Code.UNKNOWN_BITMAP, "The stack has no bitmap '" + bitmap + "'",
                    "its bitmaps: " + String.join(", ", names));
        }
        long granularity = info.granularity();
        if (prev != null) {
            checkFollows(prev, device, info, dir);
        }
        try (LinkWriter writer = LinkWriter.begin(dir, link, device.size(), granularity)) {
            Snapshot s = device.snapshot(bitmap, full, writer);
            Manifest m;
            try {
                progress.start((full ? "full" : "incremental") + " backup", s.bytes());
                s.copy(progress::advance);
                List<Extent> extents = full ? writer.nonZeroExtents() : s.extents();
                Manifest meta = new Manifest(prev == null ? UUID.randomUUID().toString() : prev.chain(), link,
                        full ? Manifest.Kind.FULL : Manifest.Kind.INCREMENTAL, prev == null ? null : prev.link(),
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), device.layout().image().toString(),
                        device.size(), bitmap, granularity, s.generation(), List.of());
                m = writer.finish(meta, extents);
            } catch (IOException | RuntimeException e) {
                s.abort();
                throw e;
            } finally {
                progress.finish();
            }
            s.commit();
            return m;
        }
    }

    private static void checkFollows(Manifest prev, BlockDevice device, BitmapInfo info, Path dir) {
        if (!prev.bitmap().equals(info.name())) {
            throw new StackException(Code.CHAIN_INVALID, "The chain in " + dir + " follows bitmap '" + prev.bitmap()
                    + "', not '" + info.name() + "'", "back up with --bitmap " + prev.bitmap()
                    + ", or start a new chain with --full in another folder");
        }
        if (prev.granularity() != info.granularity()) {
            throw new StackException(Code.GRANULARITY_MISMATCH, "The chain in " + dir + " was taken at granularity "
                    + prev.granularity() + "; bitmap '" + info.name() + "' now has " + info.granularity(),
                    "start a new chain with --full in another folder");
        }
        if (!info.enabled()) {
            throw new StackException(Code.CHAIN_INVALID, "Bitmap '" + info.name() + "' is disabled: the writes made"
                    + " while it is disabled are not recorded, so an incremental backup would miss them",
                    "enable it (qbmc bitmap --enable STACK " + info.name() + "), then start a new chain with --full"
                            + " in another folder");
        }
        if (prev.generation() != info.generation()) {
            throw new StackException(Code.CHAIN_INVALID, "Bitmap '" + info.name() + "' was cleared, disabled or"
                    + " recreated, or backed up into another chain, after link " + Chain.name(prev.link())
                    + " of the chain in " + dir + " (bitmap generation " + prev.generation() + " from that link on, "
                    + info.generation() + " now), so its changes since that link are unknown",
                    "start a new chain with --full in another folder (a backup cut off by a crash after its"
                            + " link was written also ends the chain)");
        }
        if (prev.size() != device.size()) {
            throw new StackException(Code.CHAIN_INVALID, "The chain in " + dir + " is of an image of " + prev.size()
                    + " bytes; this one has " + device.size(), "start a new chain with --full in another folder");
        }
    }
}
