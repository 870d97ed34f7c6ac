package io.qbmc.cli;

import io.qbmc.backup.Chain;
import io.qbmc.backup.Restore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** qbmc restore: an image from a chain's full link and its incremental links. */
@Command(name = "restore", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Rebuild an image from the full link of the chain in DIR and its incremental links up to LINK"
                + " (default: the newest), checking every extent's SHA-256. The image is written to a temporary file"
                + " and renamed into place only when complete; an existing IMAGE is replaced only with --force.",
                "A progress bar is drawn on stderr when it is a terminal."})
final class RestoreCommand extends RuntimeCommand {
    @Parameters(paramLabel = "DIR", description = "The chain folder.")
    Path dir;

    @Option(names = "--to", paramLabel = "IMAGE", required = true, description = "The raw image to write.")
    Path to;

    @Option(names = "--upto", paramLabel = "LINK", description = "The last link to apply: 3 or 0003.")
    String upto;

    @Option(names = "--force", description = "Replace an existing IMAGE.")
    boolean force;

    @Override
    protected int run(PrintWriter out, PrintWriter err) throws IOException {
        Restore.Result r = Restore.run(dir, to, upto, force, TerminalProgress.forTerminal(err));
        int last = r.upto().manifest().link();
        out.println("restored " + to + " (" + r.size() + " bytes) from links " + Chain.name(0)
                + (last == 0 ? "" : ".." + Chain.name(last)) + "; " + r.bytes() + " bytes copied, checksums verified");
        return Main.OK;
    }
}
