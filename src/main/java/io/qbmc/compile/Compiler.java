package io.qbmc.compile;

import io.qbmc.bind.Binder;
import io.qbmc.check.Checks;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.BlockGraph;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.DriveOptions;
import io.qbmc.graph.Origins;
import io.qbmc.qbm.DescriptorReader;
import io.qbmc.source.Source;
import io.qbmc.source.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * Text in, graph and diagnostics out. Recognises the form (json: by its prefix, -blockdev JSON
 * by its bracket, a pasted command line by its flags, else a dotted string read with the
 * requested dialect), runs the front end, binds every node and runs every check.
 */
public final class Compiler {
    /** Inputs above this size are refused before any parsing (issue 5's default). */
    public static final int DEFAULT_MAX_INPUT = 16 * 1024 * 1024;

    private final Dialect dialect;
    private final int maxInput;

    public Compiler(Dialect dialect) {
        this(dialect, DEFAULT_MAX_INPUT);
    }

    public Compiler(Dialect dialect, int maxInput) {
        this.dialect = dialect;
        this.maxInput = maxInput;
    }

    public CompileResult compile(Source source) {
        return compile(source, 0, source.length());
    }

    /** Compiles one range of a source, such as one line of a --lines file; spans stay in the source. */
    public CompileResult compile(Source source, int start, int end) {
        Diagnostics diags = new Diagnostics();
        Origins origins = new Origins();
        if (end - start > maxInput) {
            diags.report(Code.INPUT_LIMIT, io.qbmc.source.Span.of(source, 0, 0),
                    "Input is " + (end - start) + " characters; the limit is " + maxInput,
                    "raise it with --max-input-size, or split the input");
            return new CompileResult(source, null, origins, diags.sorted(), List.of());
        }
        Text raw = Text.slice(source, start, end);
        // qemu-img takes its argument verbatim: blanks around a dotted string or a json: name
        // given as an argument are part of it. A spec kept in a file (or piped in) is laid out
        // like text, so its surrounding blank lines and indentation are not; forms whose syntax
        // ignores blanks (JSON, HOCON, command lines) are detected without them.
        Text text = Inputs.trim(raw);
        Text verbatim = isFileLike(source) ? text : raw;
        FrontEndResult read = new FrontEndResult();
        if (text.length() == 0) {
            diags.report(Code.EMPTY_INPUT, text.span(0, 0), "Nothing to compile: the input is empty", null);
            return new CompileResult(source, null, origins, diags.sorted(), List.of());
        }
        if (Hocon.is(source)) {
            Hocon.read(source, read, diags, maxInput);
        } else if (DescriptorReader.looksLike(text.value()) || isDescriptorFile(source)) {
            DescriptorInput.read(source, read, diags);
        } else if (isJsonConfig(source, text)) {
            ImageOpts.readJsonConfig(text, read, diags);
        } else {
            frontEnd(text, verbatim, read, diags);
        }
        return finish(source, text, read, diags, origins);
    }

    /**
     * Compiles a filename argument, the way qemu-img opens an image name and QEMU a backing file
     * name: a json: name, a name with a protocol prefix (nbd://..., rbd:pool/image), or a plain
     * path whose format QEMU probes. The whole source is the name, blanks included.
     */
    public CompileResult compileFilename(Source source) {
        Diagnostics diags = new Diagnostics();
        Origins origins = new Origins();
        Text text = Text.of(source);
        if (text.length() == 0) {
            diags.report(Code.EMPTY_INPUT, text.span(0, 0), "Nothing to compile: the input is empty", null);
            return new CompileResult(source, null, origins, diags.sorted(), List.of());
        }
        if (text.length() > maxInput) {
            diags.report(Code.INPUT_LIMIT, io.qbmc.source.Span.of(source, 0, 0),
                    "Input is " + text.length() + " characters; the limit is " + maxInput,
                    "raise it with --max-input-size, or split the input");
            return new CompileResult(source, null, origins, diags.sorted(), List.of());
        }
        FrontEndResult read = new FrontEndResult();
        ImageOpts.readFilename(text, null, read, diags);
        return finish(source, text, read, diags, origins);
    }

    private static CompileResult finish(Source source, Text text, FrontEndResult read, Diagnostics diags,
            Origins origins) {
        if (read.units.isEmpty() && !read.emptyDrives.isEmpty()) {
            // only drives without a medium: valid, with no node to check or print
            List<DriveOptions> drives = new ArrayList<>();
            for (var aside : read.emptyDrives) {
                drives.add(new DriveOptions(-1, aside));
            }
            return new CompileResult(source, new BlockGraph(List.of(), read.objects, drives), origins, diags.sorted(),
                    read.descriptors);
        }
        if (read.units.isEmpty() && !diags.hasErrors()) {
            // a command line without -drive or -blockdev: there is no graph to check or print
            diags.report(Code.EMPTY_INPUT, text.span(0, text.length()),
                    "Nothing to compile: the input holds no block device", "add a -drive or -blockdev option");
            return new CompileResult(source, null, origins, diags.sorted(), read.descriptors);
        }
        java.util.Set<BlockNode> blockdevTops = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        BlockGraph graph = bind(read, diags, origins, blockdevTops);
        if (graph != null) {
            Checks.run(graph, origins, read.objectsKnown, read.objectsInOrder, blockdevTops, diags);
        }
        return new CompileResult(source, graph, origins, diags.sorted(), read.descriptors);
    }

    public CompileResult compile(String text) {
        return compile(Source.of(text));
    }

    /** A .json file holding one object: the JSON form of a configuration, read like a json: filename. */
    private static boolean isJsonConfig(Source source, Text text) {
        return source.file() != null && source.file().getFileName().toString().endsWith(".json")
                && text.value().startsWith("{");
    }

    private static boolean isDescriptorFile(Source source) {
        return source.file() != null && source.file().getFileName().toString().endsWith(".qbm");
    }

    private static boolean isFileLike(Source source) {
        return source.file() != null || source.name().equals("<stdin>");
    }

    /**
     * @param text     the input without surrounding blanks, for forms that ignore them
     * @param verbatim the input as QEMU would see it, for dotted strings and json: names
     */
    private void frontEnd(Text text, Text verbatim, FrontEndResult read, Diagnostics diags) {
        String s = text.value();
        if (JsonFilename.is(verbatim.value())) {
            ImageOpts.readJson(verbatim, read, diags);
        } else if (s.startsWith("{") || s.startsWith("[")) {
            Blockdev.readSet(text, read, diags);
        } else if (CommandLine.looksLike(s)) {
            CommandLine.read(text, read, diags);
        } else if (dialect == Dialect.BLOCKDEV) {
            Blockdev.readSet(text, read, diags);
        } else if (dialect == Dialect.DRIVE) {
            Drive.read(verbatim, read, diags);
        } else {
            ImageOpts.read(verbatim, read, diags);
        }
    }

    /** @param blockdevTops receives the top-level nodes that came as -blockdev nodes */
    private static BlockGraph bind(FrontEndResult read, Diagnostics diags, Origins origins,
            java.util.Set<BlockNode> blockdevTops) {
        if (read.units.isEmpty()) {
            return null;
        }
        List<BlockNode> nodes = new ArrayList<>();
        List<DriveOptions> drives = new ArrayList<>();
        for (int i = 0; i < read.units.size(); i++) {
            Unit u = read.units.get(i);
            Binder binder = new Binder(u.typing(), u.refused() ? new Diagnostics() : diags, origins, u.blockdev());
            BlockNode node = binder.bind(u.tree(), u.role(), u.span());
            if (node == null) {
                continue;
            }
            if (u.blockdev() && node.nodeName() == null && !u.refused()) {
                diags.report(Code.BLOCKDEV_NODE_NAME, u.span(), "'node-name' must be specified for the root node",
                        "add node-name=NAME so other nodes and devices can refer to it");
            }
            if (read.frontend.containsKey(i)) {
                drives.add(new DriveOptions(nodes.size(), read.frontend.get(i)));
            }
            nodes.add(node);
            if (u.blockdev()) {
                blockdevTops.add(node);
            }
        }
        if (nodes.isEmpty()) {
            return null;
        }
        for (var aside : read.emptyDrives) {
            drives.add(new DriveOptions(-1, aside));
        }
        return new BlockGraph(nodes, read.objects, drives);
    }
}
