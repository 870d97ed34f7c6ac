package io.qbmc.differential.drive;

import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Compiler;
import io.qbmc.compile.Dialect;
import io.qbmc.diag.Diagnostic;
import io.qbmc.differential.Verdict;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.Value;
import io.qbmc.source.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Puts one -drive string through qbmc and compares with qemu-system-x86_64:
 * <ul>
 * <li>the verdicts must match;</li>
 * <li>where both refuse, QEMU's message (the first error it met) must be one of qbmc's;</li>
 * <li>where QEMU created the drive, query-block must agree with qbmc's graph: the top driver,
 *     the chain of drivers and filenames down the file children (QEMU's canonical filename is
 *     read back with qbmc as the filename argument it is), read-only, and the cache flags;</li>
 * <li>where an nbd or ssh node could not reach its server, the address QEMU tried must be the
 *     server of qbmc's node.</li>
 * </ul>
 */
final class DriveComparison {

    enum Kind {
        VERDICT, MESSAGE, GRAPH
    }

    /** One string on which qbmc and QEMU disagree. */
    record Divergence(DriveSpec spec, Kind kind, String qemu, String qbmc) {
        String describe() {
            return spec.id() + " [" + kind + "]\n    -drive " + spec.text() + "\n    qemu: " + qemu + "\n    qbmc: " + qbmc;
        }
    }

    /** The outcome for one string: a divergence or null, and whether a graph (or a server address) was compared. */
    record Result(DriveSpec spec, DriveOutcome qemu, boolean qbmcValid, boolean graphChecked, Divergence divergence) {
    }

    private final DriveWorkspace ws;

    DriveComparison(DriveWorkspace ws) {
        this.ws = ws;
    }

    static CompileResult compile(String text) {
        return new Compiler(Dialect.DRIVE).compile(Source.of(text));
    }

    Result compare(DriveSpec spec, DriveOutcome qemu) {
        CompileResult mine = compile(spec.text());
        boolean valid = mine.valid();
        if (valid != qemu.verdict().accepted()) {
            return new Result(spec, qemu, valid, false,
                    new Divergence(spec, Kind.VERDICT, qemu.describe(), describe(mine)));
        }
        if (!valid) {
            List<String> messages = mine.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::message)
                    .toList();
            Divergence d = messages.contains(qemu.error()) ? null
                    : new Divergence(spec, Kind.MESSAGE, qemu.error(), String.join(" | ", messages));
            return new Result(spec, qemu, false, false, d);
        }
        if (qemu.verdict() == Verdict.ACCEPTED_UNREACHABLE) {
            String address = address(qemu.error());
            String ours = address == null ? null : serverAddress(mine);
            if (ours == null) {
                return new Result(spec, qemu, true, false, null);
            }
            return new Result(spec, qemu, true, true, ours.equals(address) ? null
                    : new Divergence(spec, Kind.GRAPH, qemu.error(), "qbmc's server is " + ours));
        }
        String problem = graphProblem(mine, qemu);
        return new Result(spec, qemu, true, true,
                problem == null ? null : new Divergence(spec, Kind.GRAPH, qemu.describe() + ", ro " + qemu.readOnly()
                        + ", cache direct/no-flush/writeback " + qemu.cache(), problem));
    }

    private String graphProblem(CompileResult mine, DriveOutcome qemu) {
        boolean noNode = mine.graph() == null || mine.graph().nodes().isEmpty();
        if (qemu.drv() == null) {
            return noNode ? null : "qbmc has a node where QEMU has an empty drive: " + chain(mine.graph().nodes().get(0));
        }
        if (noNode) {
            return "qbmc has no node, QEMU has " + qemu.drv();
        }
        BlockNode top = mine.graph().nodes().get(0);
        Map<String, String> drive = mine.graph().drives().isEmpty() ? Map.of() : mine.graph().drives().get(0).options();
        List<String> ours = chain(top);
        List<String> problems = new ArrayList<>();
        boolean snapshot = bool(drive.get("snapshot"), false);
        // snapshot=on puts a temporary qcow2 overlay on top of the drive (bdrv_append_temp_snapshot)
        String expectedTop = snapshot ? "qcow2" : driverOf(ours.get(0));
        if (!expectedTop.equals(qemu.drv())) {
            problems.add("top driver " + expectedTop + ", QEMU's is " + qemu.drv());
        }
        if (!snapshot) {
            String name = qemu.filename();
            CompileResult back = new Compiler(Dialect.IMAGE_OPTS).compileFilename(Source.of(name));
            if (!back.valid() || back.graph() == null) {
                problems.add("qbmc refuses QEMU's filename " + name + ": " + describe(back));
            } else {
                List<String> theirs = chain(back.graph().nodes().get(0));
                if (!name.startsWith("json:")) {
                    theirs = theirs.subList(1, theirs.size()); // a plain name reopens below a probed format
                }
                List<String> tail = ours.subList(Math.max(0, ours.size() - theirs.size()), ours.size());
                if (!tail.equals(theirs)) {
                    problems.add("chain " + ours + ", QEMU's filename " + name + " reads " + theirs);
                }
            }
        }
        boolean ro = top.options().get("read-only") instanceof Value.Bool b && b.value();
        if (!Boolean.valueOf(ro).equals(qemu.readOnly())) {
            problems.add("read-only " + ro);
        }
        if (snapshot) {
            // the overlay has cache flags of its own (cache.no-flush=on for a temporary file)
            return problems.isEmpty() ? null : String.join("; ", problems);
        }
        Map<String, Value> cache = top.options().get("cache") instanceof Value.Obj o ? o.members() : Map.of();
        String flags = flag(cache.get("direct")) + "/" + flag(cache.get("no-flush")) + "/"
                + bool(drive.get("cache.writeback"), true);
        if (!flags.equals(qemu.cache())) {
            problems.add("cache direct/no-flush/writeback " + flags);
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /**
     * The address a network driver tried, from its error (util/qemu-sockets.c): "Failed to connect
     * to 'ADDRESS'" or "address resolution failed for HOST:PORT: ..."; null for other errors.
     */
    static String address(String error) {
        String connect = "Failed to connect to '";
        String resolve = "address resolution failed for ";
        if (error.startsWith(connect) && error.indexOf('\'', connect.length()) > 0) {
            return error.substring(connect.length(), error.indexOf('\'', connect.length()));
        }
        if (error.startsWith(resolve) && error.indexOf(": ", resolve.length()) > 0) {
            return error.substring(resolve.length(), error.indexOf(": ", resolve.length()));
        }
        return null;
    }

    /** The server of the first nbd or ssh node down the chain, as QEMU prints it; null without one. */
    private static String serverAddress(CompileResult mine) {
        if (mine.graph() == null || mine.graph().nodes().isEmpty()) {
            return null;
        }
        for (BlockNode n = mine.graph().nodes().get(0); n != null; n = child(n)) {
            if ((n.driver().equals("nbd") || n.driver().equals("ssh"))
                    && n.options().get("server") instanceof Value.Obj server) {
                Map<String, Value> m = server.members();
                if (m.get("type") instanceof Value.Str t && t.value().equals("unix")) {
                    return m.get("path") instanceof Value.Str p ? p.value() : null;
                }
                return m.get("host") instanceof Value.Str h && m.get("port") instanceof Value.Str p
                        ? h.value() + ":" + p.value() : null;
            }
        }
        return null;
    }

    private static boolean flag(Value v) {
        return v instanceof Value.Bool b && b.value();
    }

    /** qapi_bool_parse's words. */
    private static boolean bool(String s, boolean otherwise) {
        if (s == null) {
            return otherwise;
        }
        return switch (s) {
            case "on", "yes", "true", "y" -> true;
            case "off", "no", "false", "n" -> false;
            default -> otherwise;
        };
    }

    /**
     * The drivers and filenames down the chain of file (or image, or test) children, a probed
     * format resolved as QEMU's probe would find it, and host devices as find_hdev_driver opens a
     * /dev path again.
     */
    List<String> chain(BlockNode top) {
        List<String> out = new ArrayList<>();
        String bottom = null;
        for (BlockNode n = top; n != null; n = child(n)) {
            String driver = n.driver();
            String filename = n.options().get("filename") instanceof Value.Str s ? s.value() : null;
            if (filename != null) {
                bottom = filename;
                if (filename.startsWith("/dev/") && List.of("file", "host_device", "host_cdrom").contains(driver)) {
                    driver = "hdev";
                }
            }
            out.add(filename == null ? driver : driver + "(" + filename + ")");
        }
        List<String> resolved = new ArrayList<>();
        for (String s : out) {
            resolved.add(s.isEmpty() ? bottom == null ? "raw" : ws.probe(bottom) : s);
        }
        return resolved;
    }

    private static String driverOf(String element) {
        int paren = element.indexOf('(');
        return paren < 0 ? element : element.substring(0, paren);
    }

    private static BlockNode child(BlockNode n) {
        for (String slot : List.of("file", "image", "test")) {
            if (n.options().get(slot) instanceof Value.Node node && node.child() instanceof Child.Inline in) {
                return in.node();
            }
        }
        return null;
    }

    static String describe(CompileResult r) {
        if (r.valid()) {
            return "valid";
        }
        return "invalid: " + r.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::message)
                .collect(Collectors.joining(" | "));
    }
}
