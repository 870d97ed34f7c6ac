package io.qbmc.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.source.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HoconIncludeTest {
    private static final String MAIN = "driver = qbm\nsize = 1M\nimage { driver = raw, file { driver = file, filename = d.img } }\n";

    private static CompileResult compile(Path file) throws IOException {
        return new Compiler(Dialect.IMAGE_OPTS).compile(
                new Source(file.toString(), Files.readString(file, StandardCharsets.UTF_8), file));
    }

    /** "main.conf" has no parent folder; its includes must still be found beside it. */
    @Test
    void aFileNamedWithoutAFolderFindsItsIncludes() throws IOException {
        String stem = "qbmc-include-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path main = Path.of(stem + ".conf");
        Path included = Path.of(stem + "-bitmaps.conf");
        try {
            Files.writeString(main, MAIN + "include required(\"" + included + "\")\n");
            Files.writeString(included, "bitmaps = [ { name = a, granularity = 100, file { driver = file, filename = a.bm } } ]\n");
            CompileResult r = compile(main);
            List<Diagnostic> ds = r.diagnostics();
            assertEquals(List.of(Code.BITMAP_GRANULARITY), ds.stream().map(Diagnostic::code).toList(), ds::toString);
            assertEquals(included.toString(), ds.get(0).span().source().name(), "named as the user wrote it");
            assertEquals(1, ds.get(0).span().knownLine());
        } finally {
            Files.deleteIfExists(main);
            Files.deleteIfExists(included);
        }
    }

    @Test
    void deepNestingInAnIncludedFileGivesALimitDiagnostic(@TempDir Path dir) throws IOException {
        Path main = dir.resolve("main.conf");
        Files.writeString(main, MAIN + "include \"deep.conf\"\n");
        Files.writeString(dir.resolve("deep.conf"), "x = " + "[".repeat(100_000) + "]".repeat(100_000) + "\n");
        CompileResult r = compile(main);
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.code() == Code.INPUT_LIMIT), r.diagnostics()::toString);
    }

    /** Validating an untrusted configuration must not fetch anything from the network. */
    @Test
    void urlAndClasspathIncludesAreNotFollowed(@TempDir Path dir) throws IOException {
        for (String include : List.of("include \"http://127.0.0.1:9/x.conf\"", "include url(\"http://127.0.0.1:9/x.conf\")",
                "include classpath(\"reference.conf\")")) {
            Path main = dir.resolve("main.conf");
            Files.writeString(main, include + "\n" + MAIN);
            CompileResult r = compile(main);
            assertTrue(r.diagnostics().stream().anyMatch(d -> d.code() == Code.DESCRIPTOR_SYNTAX
                    && d.message().contains("is not followed")), () -> include + ": " + r.diagnostics());
        }
    }
}
