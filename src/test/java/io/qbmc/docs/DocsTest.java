package io.qbmc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Generated docs are committed; this fails when they no longer match the code. */
class DocsTest {
    private static final Path OPTIONS = Path.of("docs/options.md");
    private static final Path DIAGNOSTICS = Path.of("docs/diagnostics.md");

    @Test
    void optionsReferenceIsUpToDate() throws IOException {
        String generated = OptionsReference.markdown();
        if (Boolean.getBoolean("qbmc.updateDocs")) {
            Files.writeString(OPTIONS, generated, StandardCharsets.UTF_8);
        }
        assertEquals(generated, Files.readString(OPTIONS, StandardCharsets.UTF_8),
                "docs/options.md is out of date: run mvn -B -q test -Dtest=DocsTest -Dqbmc.updateDocs=true");
    }

    @Test
    void diagnosticsReferenceIsUpToDate() throws IOException {
        String generated = DiagnosticsReference.markdown();
        if (Boolean.getBoolean("qbmc.updateDocs")) {
            Files.writeString(DIAGNOSTICS, generated, StandardCharsets.UTF_8);
        }
        assertEquals(generated, Files.readString(DIAGNOSTICS, StandardCharsets.UTF_8),
                "docs/diagnostics.md is out of date: run mvn -B -q test -Dtest=DocsTest -Dqbmc.updateDocs=true");
    }

    @Test
    void configSchemaIsUpToDate() throws IOException {
        Path schema = Path.of("docs/schema/qbmc-config.schema.json");
        String generated = ConfigSchema.json();
        if (Boolean.getBoolean("qbmc.updateDocs")) {
            Files.writeString(schema, generated, StandardCharsets.UTF_8);
        }
        assertEquals(generated, Files.readString(schema, StandardCharsets.UTF_8),
                "docs/schema/qbmc-config.schema.json is out of date: run mvn -B -q test -Dtest=DocsTest -Dqbmc.updateDocs=true");
    }
}
