package io.qbmc.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qbmc.api.OutputForm;
import io.qbmc.api.Qbmc;
import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Compiler;
import io.qbmc.compile.Dialect;
import io.qbmc.source.Source;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * B1: qbmc's whole pipeline (parse, bind, check, emit the json: name) against Jackson's
 * readTree of the JSON that pipeline writes. Both read the same configuration; the ratio is
 * how many Jackson parses one qbmc compile costs.
 *
 * <p>Inputs that hold several top nodes (a pasted command line) cannot be one json: name; they
 * are emitted as their -blockdev array, and Jackson parses that array.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CompileBench {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Param({"backing.json", "blockdev-set.json", "drive.txt", "qbm.opts", "quorum.opts", "two-bitmaps.conf",
            "two-bitmaps.qbm", "vm-cmdline.sh", Specs.QUORUM_32X8})
    public String spec;

    private Source source;
    private Dialect dialect;
    private OutputForm form;
    private String json;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        source = Specs.source(spec);
        dialect = Specs.dialect(spec);
        CompileResult r = new Compiler(dialect).compile(source);
        if (!r.valid()) {
            throw new IllegalStateException(spec + " does not compile: " + r.diagnostics());
        }
        form = r.graph().roots().size() == 1 ? OutputForm.JSON : OutputForm.BLOCKDEV;
        String out = Qbmc.emit(r.graph(), form);
        json = out.startsWith("json:") ? out.substring("json:".length()) : out;
        MAPPER.readTree(json);
    }

    /** qbmc: text in, diagnostics and the canonical json: name out. */
    @Benchmark
    public String qbmc() {
        CompileResult r = new Compiler(dialect).compile(source);
        return Qbmc.emit(r.graph(), form);
    }

    /** The baseline: Jackson parses the JSON text of the same configuration into a tree. */
    @Benchmark
    public JsonNode jackson() throws Exception {
        return MAPPER.readTree(json);
    }
}
