package io.qbmc.cli;

import io.qbmc.runtime.Access;
import io.qbmc.runtime.BlockDevice;
import java.io.IOException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** STACK, --format and -U, shared by the commands that open a stack only to report on it. */
final class ReadStackMixin {
    @Parameters(paramLabel = "STACK", description = "The stack: disk.qbm, @path or a spec.")
    String stack;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "human", description = "human (default) or json.")
    String format;

    @Option(names = {"-U", "--force-share"}, description = "Take no locks at all (readers need none to read beside a writer).")
    boolean forceShare;

    /** Called before {@link #open}: a bad --format is a usage error, reported before anything is read. */
    boolean json(RuntimeCommand command) {
        if (format.equals("json")) {
            return true;
        }
        if (format.equals("human")) {
            return false;
        }
        throw command.usage("Invalid value for option '--format': '" + format + "' is not a format; use human or json");
    }

    BlockDevice open(RuntimeCommand command) throws IOException {
        return BlockDevice.open(command.stack(stack), Access.READ_ONLY, forceShare);
    }
}
