package io.qbmc.differential.blockdev;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One input of the -blockdev corpus: the --blockdev and --object arguments, in order, exactly
 * as qemu-storage-daemon gets them.
 *
 * @param id       stable name: category and a sequence number
 * @param category what the set exercises (valid, duplicate-node-name, forward-reference, ...)
 * @param args     the arguments in command-line order
 */
record BlockdevSet(String id, String category, List<Arg> args) {

    /** One --blockdev or --object argument. */
    record Arg(String flag, String text) {
        boolean object() {
            return flag.equals("--object");
        }
    }

    BlockdevSet {
        args = List.copyOf(args);
    }

    boolean hasObjects() {
        return args.stream().anyMatch(Arg::object);
    }

    /** Whether some node is written as JSON, some as keyval. */
    boolean mixesForms() {
        List<Arg> nodes = args.stream().filter(a -> !a.object()).toList();
        return nodes.stream().anyMatch(a -> a.text().startsWith("{"))
                && nodes.stream().anyMatch(a -> !a.text().startsWith("{"));
    }

    /** The set as a pasted shell command line, every argument single-quoted. */
    String commandLine() {
        return "qemu-storage-daemon " + args.stream().map(a -> a.flag() + " " + quote(a.text()))
                .collect(Collectors.joining(" "));
    }

    /** The -blockdev nodes one per line, as qbmc reads a -blockdev set; objects cannot be written this way. */
    String lines() {
        return args.stream().filter(a -> !a.object()).map(Arg::text).collect(Collectors.joining("\n")) + "\n";
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
