package io.qbmc.compile;

import io.qbmc.diag.Diagnostic;
import io.qbmc.diag.Severity;
import io.qbmc.graph.BlockGraph;
import io.qbmc.graph.Origins;
import io.qbmc.qbm.DescriptorReader;
import io.qbmc.source.Source;
import java.util.List;

/**
 * The outcome of compiling one input: the graph (as far as it could be built) and every
 * diagnostic, sorted by position.
 */
public record CompileResult(Source source, BlockGraph graph, Origins origins, List<Diagnostic> diagnostics,
        List<DescriptorReader.Located> descriptors) {

    public CompileResult {
        diagnostics = List.copyOf(diagnostics);
        descriptors = List.copyOf(descriptors);
    }

    /** No errors: QEMU would accept the configuration (warnings allowed). */
    public boolean valid() {
        return errors() == 0;
    }

    public long errors() {
        return diagnostics.stream().filter(Diagnostic::isError).count();
    }

    public long warnings() {
        return diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).count();
    }
}
