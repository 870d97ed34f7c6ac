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

    @Test
    void optionsReferenceIsUpToDate() throws IOException {
        String generated = OptionsReference.markdown();
        if (Boolean.getBoolean("qbmc.updateDocs")) {
            Files.writeString(OPTIONS, generated, StandardCharsets.UTF_8);
        }
        assertEquals(generated, Files.readString(OPTIONS, StandardCharsets.UTF_8),
                "docs/options.md is out of date: run mvn -B -q test -Dtest=DocsTest -Dqbmc.updateDocs=true");
    }
}
