package io.qbmc.cli;

import io.qbmc.backup.Backup;
import io.qbmc.backup.Chain;
import io.qbmc.backup.Manifest;
import io.qbmc.runtime.Access;
import io.qbmc.runtime.BlockDevice;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** qbmc backup: a full link that starts a chain, or an incremental link of the bitmap's dirty extents. */
@Command(name = "backup", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Back up a stack into a chain folder. --full copies the whole image and starts a new chain (the"
                + " folder must hold none); without it, the dirty extents of the bitmap become the chain's next link.",
                "Each link is sparse raw data plus manifest.json with a SHA-256 per extent. The bitmap is cleared only"
                        + " once the link is durable. An inconsistent bitmap is refused for an incremental backup; a"
                        + " full backup makes it consistent again.",
                "A progress bar is drawn on stderr when it is a terminal."})
final class BackupCommand extends RuntimeCommand {
    @Parameters(paramLabel = "STACK", description = "The stack: disk.qbm, @path or a spec.")
    String stack;

    @Option(names = "--bitmap", paramLabel = "NAME", required = true, description = "The bitmap the chain follows.")
    String bitmap;

    @Option(names = "--target", paramLabel = "DIR", required = true, description = "The chain folder.")
    Path target;

    @Option(names = "--full", description = "Copy the whole image and start a new chain in DIR.")
    boolean full;

    @Override
    protected int run(PrintWriter out, PrintWriter err) throws IOException {
        Manifest m;
        try (BlockDevice dev = BlockDevice.open(stack(stack), Access.READ_WRITE)) {
            m = Backup.run(dev, bitmap, target, full, TerminalProgress.forTerminal(err));
        }
        out.println("link " + Chain.name(m.link()) + " (" + m.kind().word() + "): " + m.extents().size()
                + (m.extents().size() == 1 ? " extent, " : " extents, ") + m.bytes() + " bytes in "
                + target.resolve(Chain.name(m.link())));
        return Main.OK;
    }
}
