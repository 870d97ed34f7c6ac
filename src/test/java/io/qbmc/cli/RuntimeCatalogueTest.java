package io.qbmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.diag.Code;
import io.qbmc.docs.DiagnosticCatalogue;
import io.qbmc.docs.Example;
import io.qbmc.docs.RuntimeExamples;
import io.qbmc.runtime.BlockDevice;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue's runtime examples run through the library (docs); here each runs through qbmc
 * itself, so docs/diagnostics.md shows what the command really prints.
 */
class RuntimeCatalogueTest {
    @TempDir
    Path dir;

    static Stream<Code> runtimeCodes() {
        return Stream.of(Code.values()).filter(c -> RuntimeExamples.handles(DiagnosticCatalogue.example(c)));
    }

    @ParameterizedTest
    @MethodSource("runtimeCodes")
    void theCommandPrintsTheCode(Code code) throws IOException {
        Example e = DiagnosticCatalogue.example(code);
        for (Map.Entry<String, String> f : e.files().entrySet()) {
            Files.createDirectories(dir.resolve(f.getKey()).getParent());
            Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.ISO_8859_1);
        }
        if (e.file() != null) {
            Files.writeString(dir.resolve(e.file()), e.input(), StandardCharsets.UTF_8);
        }
        RuntimeExamples.Invocation inv = RuntimeExamples.prepare(e, dir);
        Cli.Run r;
        try (BlockDevice held = inv.held() ? RuntimeExamples.hold(e, dir) : null) {
            r = Cli.run(inv.args().toArray(String[]::new));
        }
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("error[" + code.id() + "]"), r::toString);
    }
}
