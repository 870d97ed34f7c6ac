package io.qbmc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.api.OutputForm;
import io.qbmc.api.Qbmc;
import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Dialect;
import io.qbmc.diag.Diagnostic;
import io.qbmc.source.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example compiles without errors, and its translations match the golden files beside it
 * (NAME.FORM.golden). Goldens are reviewed output: regenerate with -Dqbmc.updateGolden=true and
 * read the diff before committing.
 */
class ExamplesTest {
    static final Path EXAMPLES = Path.of("examples");

    @TestFactory
    Stream<DynamicTest> examplesTranslateToTheirGoldenFiles() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".golden") || Files.isDirectory(p) || !isSpec(name)) {
                    continue;
                }
                for (OutputForm form : OutputForm.values()) {
                    Path golden = EXAMPLES.resolve(name + "." + form.word() + ".golden");
                    if (Files.exists(golden) || Boolean.getBoolean("qbmc.updateGolden")) {
                        tests.add(DynamicTest.dynamicTest(name + " --to " + form.word(), () -> check(p, form, golden)));
                    }
                }
            }
        }
        assertTrue(tests.size() >= 10, "expected golden files for the examples, found " + tests.size());
        return tests.stream();
    }

    private static boolean isSpec(String name) {
        return name.endsWith(".opts") || name.endsWith(".json") || name.endsWith(".txt") || name.endsWith(".sh")
                || name.endsWith(".conf") || name.endsWith(".qbm");
    }

    static Dialect dialectOf(String name) {
        return name.startsWith("drive") ? Dialect.DRIVE : Dialect.IMAGE_OPTS;
    }

    private static void check(Path example, OutputForm form, Path golden) throws IOException {
        String name = example.getFileName().toString();
        CompileResult r = Qbmc.compile(new Source(example.toString(), Files.readString(example, StandardCharsets.UTF_8),
                example), dialectOf(name));
        assertTrue(r.valid(), () -> name + " has errors: " + r.diagnostics());
        for (Diagnostic d : r.diagnostics()) {
            assertTrue(!d.isError(), d.toString());
        }
        String actual;
        try {
            actual = Qbmc.emit(r.graph(), form) + (form == OutputForm.TREE ? "" : "\n");
        } catch (Qbmc.UnsupportedFormException e) {
            actual = "unsupported: " + e.getMessage() + "\n";
        }
        if (Boolean.getBoolean("qbmc.updateGolden")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, golden + " differs");
    }
}
