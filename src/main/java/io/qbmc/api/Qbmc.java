package io.qbmc.api;

import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Compiler;
import io.qbmc.compile.Dialect;
import io.qbmc.emit.BlockdevEmitter;
import io.qbmc.emit.DescriptorEmitter;
import io.qbmc.emit.DottedEmitter;
import io.qbmc.emit.HoconEmitter;
import io.qbmc.emit.JsonEmitter;
import io.qbmc.emit.NotExpressible;
import io.qbmc.emit.TreeEmitter;
import io.qbmc.graph.BlockGraph;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Inliner;
import io.qbmc.graph.Origins;
import io.qbmc.qbm.DescriptorWriter;
import io.qbmc.source.Source;
import java.util.List;

/**
 * The library API: compile text to a graph with diagnostics, and write a graph in any form.
 *
 * <pre>{@code
 * CompileResult r = Qbmc.compile("driver=raw,file.driver=file,file.filename=disk.img");
 * if (r.valid()) {
 *     String json = Qbmc.emit(r.graph(), OutputForm.JSON);   // json:{"driver": "raw", ...}
 * }
 * r.diagnostics().forEach(d -> System.err.println(d));
 * }</pre>
 */
public final class Qbmc {
    private Qbmc() {
    }

    /** Compiles a spec; dotted input is read as qemu-img --image-opts reads it. */
    public static CompileResult compile(String text) {
        return compile(Source.of(text), Dialect.IMAGE_OPTS);
    }

    /** Compiles a spec whose dotted form, if any, is read with the given dialect. */
    public static CompileResult compile(Source source, Dialect dialect) {
        return new Compiler(dialect).compile(source);
    }

    /**
     * Writes a graph in a form. json and dotted hold one tree: references between -blockdev
     * nodes are inlined from the single top node.
     *
     * @throws UnsupportedFormException when the form cannot hold the graph
     */
    public static String emit(BlockGraph graph, OutputForm form) {
        try {
            return write(graph, form);
        } catch (NotExpressible e) {
            throw new UnsupportedFormException(e.getMessage(), e.hint());
        }
    }

    private static String write(BlockGraph graph, OutputForm form) {
        switch (form) {
            case BLOCKDEV:
                return BlockdevEmitter.emit(graph);
            case TREE:
                return TreeEmitter.emit(graph);
            case JSON:
                return JsonEmitter.emit(singleTree(graph, form));
            case DOTTED:
                return DottedEmitter.emit(singleTree(graph, form));
            case HOCON:
                return HoconEmitter.emit(singleTree(graph, form));
            case QBM:
                return DescriptorWriter.write(DescriptorEmitter.descriptor(singleTree(graph, form)));
            default:
                throw new IllegalArgumentException(form.toString());
        }
    }

    /** The one top node of a graph with its references inlined. */
    public static BlockNode singleTree(BlockGraph graph, OutputForm form) {
        List<BlockNode> roots = graph.roots();
        if (roots.size() != 1) {
            throw new UnsupportedFormException("The graph has " + roots.size() + " top nodes; " + form.word()
                    + " can hold one tree", "use --to blockdev for a set of nodes");
        }
        return Inliner.inline(roots.get(0), graph.named());
    }

    /**
     * The one top node with its references inlined, its nodes added to origins as the nodes they
     * stand for, so that diagnostics about the tree point into the input.
     */
    public static BlockNode singleTree(BlockGraph graph, OutputForm form, Origins origins) {
        List<BlockNode> roots = graph.roots();
        if (roots.size() != 1) {
            return singleTree(graph, form);
        }
        return Inliner.inline(roots.get(0), graph.named(), (from, to) -> {
            Origins.NodeOrigin o = origins.of(from);
            if (o != null) {
                origins.put(to, o);
            }
        });
    }

    /** A graph that the requested form cannot express. */
    public static final class UnsupportedFormException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String hint;

        public UnsupportedFormException(String message, String hint) {
            super(message);
            this.hint = hint;
        }

        public String hint() {
            return hint;
        }
    }
}
