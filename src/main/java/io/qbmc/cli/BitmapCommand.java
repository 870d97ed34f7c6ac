package io.qbmc.cli;

import io.qbmc.runtime.BitmapAction;
import io.qbmc.runtime.BitmapEditor;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** qbmc bitmap: qemu-img bitmap's actions on a stack's descriptor, in command-line order. */
@Command(name = "bitmap", mixinStandardHelpOptions = true, versionProvider = Version.class,
        subcommands = {BitmapInfoCommand.class, BitmapExtentsCommand.class},
        customSynopsis = {"qbmc bitmap (--add | --remove | --clear | --enable | --disable | --merge SOURCE)... "
                + "[-g GRANULARITY] [--file FILE] [--force] STACK BITMAP",
                "       qbmc bitmap (--add | ...)... BITMAP STACK   (the same, name first)",
                "       qbmc bitmap info STACK [--format human|json] [-U]",
                "       qbmc bitmap extents STACK --bitmap NAME [--format human|json] [-U]"},
        description = {"Change the bitmaps of a stack, as qemu-img bitmap does: the actions apply to BITMAP in the order"
                + " given, at least one. Every action is checked before anything is written.",
                "STACK must be a descriptor (disk.qbm): that is where the list of bitmaps and their state live. The"
                        + " stack is locked as for writing meanwhile."})
final class BitmapCommand extends RuntimeCommand {
    private final List<BitmapAction> actions = new ArrayList<>();
    private boolean added;

    @Parameters(index = "0", arity = "0..1", paramLabel = "STACK", description = "The stack: disk.qbm (or @path, spec).")
    String stack;

    @Parameters(index = "1", arity = "0..1", paramLabel = "BITMAP", description = "The bitmap the actions apply to.")
    String bitmap;

    @Option(names = "-g", paramLabel = "GRANULARITY",
            description = "Granularity of a bitmap --add creates (default 64k): a power of two from 512 to 2G.")
    String granularity;

    @Option(names = "--file", paramLabel = "FILE",
            description = "File of a bitmap --add creates, relative to the descriptor (default BITMAP.bitmap).")
    String file;

    @Option(names = "--force", description = "Let --add replace an existing bitmap file.")
    boolean force;

    @Option(names = "--add", description = "Create BITMAP, clean and enabled.")
    void add(boolean on) {
        actions.add(new BitmapAction.Add(0, null));
        added = true;
    }

    @Option(names = "--remove", description = "Remove BITMAP and delete its file.")
    void remove(boolean on) {
        actions.add(new BitmapAction.Remove());
    }

    @Option(names = "--clear", description = "Make every bit of BITMAP clean; an inconsistent bitmap becomes consistent.")
    void clear(boolean on) {
        actions.add(new BitmapAction.Clear());
    }

    @Option(names = "--enable", description = "BITMAP records writes.")
    void enable(boolean on) {
        actions.add(new BitmapAction.Enable());
    }

    @Option(names = "--disable", description = "BITMAP is kept but records no writes.")
    void disable(boolean on) {
        actions.add(new BitmapAction.Disable());
    }

    @Option(names = "--merge", paramLabel = "SOURCE",
            description = "Set in BITMAP every bit set in bitmap SOURCE of the same stack (equal granularity).")
    void merge(String source) {
        actions.add(new BitmapAction.Merge(source));
    }

    /**
     * Whether an argument can only be a stack: a descriptor path, @file, stdin, JSON, json:, or
     * options (a bitmap name may hold '=' too, but then the other argument decides, as a stack).
     */
    static boolean looksLikeStack(String arg) {
        String a = arg.strip();
        return isDescriptorPath(a) || a.startsWith("@") || a.equals("-") || a.startsWith("{") || a.startsWith("[")
                || a.startsWith("json:") || a.contains("=");
    }

    @Override
    protected int run(PrintWriter out, PrintWriter err) throws IOException {
        if (actions.isEmpty()) {
            throw usage("Need at least one of --add, --remove, --clear, --enable, --disable or --merge SOURCE"
                    + " (or the info and extents commands)");
        }
        if (stack == null || bitmap == null) {
            throw usage("Missing " + (stack == null ? "STACK and BITMAP" : "BITMAP") + ": qbmc bitmap ACTION... STACK"
                    + " BITMAP");
        }
        if (!isDescriptorPath(stack) && !stack.startsWith("@") && isDescriptorPath(bitmap)
                || !looksLikeStack(stack) && looksLikeStack(bitmap)) {
            // "qbmc bitmap --add NAME disk.qbm" is how the action reads aloud (and how the issue wrote it): a plain
            // name before something only a stack looks like is unambiguous, so both orders are taken.
            String name = stack;
            stack = bitmap;
            bitmap = name;
        }
        if ((granularity != null || file != null) && !added) {
            throw usage((granularity != null ? "-g" : "--file") + " applies to --add only");
        }
        long g = io.qbmc.graph.QbmNode.DEFAULT_GRANULARITY;
        if (granularity != null) {
            g = SizeArg.parse(granularity);
            if (g < 0) {
                throw usage("Invalid granularity '" + granularity + "': give a size such as 64k");
            }
        }
        List<BitmapAction> resolved = new ArrayList<>();
        for (BitmapAction a : actions) {
            resolved.add(a instanceof BitmapAction.Add ? new BitmapAction.Add(g, file) : a);
        }
        for (String line : BitmapEditor.apply(stack(stack), bitmap, resolved, force)) {
            out.println(line);
        }
        return Main.OK;
    }
}
