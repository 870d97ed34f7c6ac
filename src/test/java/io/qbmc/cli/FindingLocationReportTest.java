package io.qbmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A diagnostic in an included HOCON file or a referenced descriptor is reported in that file,
 * with its key path, by every report format, not at the same line of the input given.
 */
class FindingLocationReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir(factory = ValidateFolderReportsTest.UnderTarget.class)
    static Path work;

    static String main;
    static String mainUri;
    static String incUri;
    static String ref;
    static String refUri;
    static String qbmUri;

    @BeforeAll
    static void files() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        Files.createDirectories(work.resolve("inc"));
        Path m = work.resolve("main.conf");
        Files.writeString(m, "driver = raw\nsize = 1M\ninclude \"inc/bitmaps.conf\"\n");
        Files.writeString(work.resolve("inc/bitmaps.conf"), "file {\n  driver = qbm\n  image { driver = raw, file { driver = file, filename = d.img } }\n"
                + "  bitmaps = [ { name = a, granularity = 1000, file { driver = file, filename = a.bm } } ]\n}\n");
        Path r = work.resolve("ref.json");
        Files.writeString(r, "{\"driver\":\"raw\",\"file\":{\"driver\":\"qbm\",\"descriptor\":\"x.qbm\"}}\n");
        Files.writeString(work.resolve("x.qbm"), "{\n  \"QBM\": {\n    \"version\": 1,\n"
                + "    \"image\": {\"file\": \"disk.img\", \"format\": \"raw\", \"size\": 21474836480},\n"
                + "    \"mode\": \"synchronous\",\n    \"bitmaps\": [\n"
                + "      {\"name\": \"daily\", \"file\": \"daily.bitmap\", \"granularity\": 1000, \"type\": \"dirty\","
                + " \"enabled\": true, \"in-use\": false, \"generation\": 0}\n    ]\n  }\n}\n");
        main = cwd.relativize(m.toAbsolutePath()).toString();
        mainUri = main.replace('\\', '/');
        incUri = cwd.relativize(work.resolve("inc/bitmaps.conf").toAbsolutePath()).toString().replace('\\', '/');
        ref = cwd.relativize(r.toAbsolutePath()).toString();
        refUri = ref.replace('\\', '/');
        qbmUri = cwd.relativize(work.resolve("x.qbm").toAbsolutePath()).toString().replace('\\', '/');
    }

    @Test
    void humanNamesTheIncludedFile() {
        Cli.Run run = Cli.run("validate", main);
        assertEquals(1, run.exit(), run::toString);
        assertTrue(run.out().contains("bitmaps.conf:4: error[QBMC-E026]"), run::toString);
        assertTrue(run.out().contains("at key: file.bitmaps.0.granularity"), run::toString);
    }

    @Test
    void sarifPointsAtTheIncludedFileWithTheKey() throws IOException {
        JsonNode result = only(JSON.readTree(Cli.run("validate", main, "--format", "sarif").out())
                .path("runs").get(0).path("results"), "QBMC-E026");
        JsonNode loc = result.path("locations").get(0);
        assertEquals(incUri, loc.path("physicalLocation").path("artifactLocation").path("uri").asText());
        assertEquals(4, loc.path("physicalLocation").path("region").path("startLine").asInt());
        assertEquals("file.bitmaps.0.granularity", loc.path("logicalLocations").get(0).path("fullyQualifiedName").asText());
        assertTrue(result.path("message").path("text").asText().contains("file.bitmaps.0.granularity"));
    }

    @Test
    void sarifPointsAtTheReferencedDescriptor() throws IOException {
        JsonNode result = only(JSON.readTree(Cli.run("validate", ref, "--format", "sarif").out())
                .path("runs").get(0).path("results"), "QBMC-E026");
        JsonNode phys = result.path("locations").get(0).path("physicalLocation");
        assertEquals(qbmUri, phys.path("artifactLocation").path("uri").asText());
        assertEquals(7, phys.path("region").path("startLine").asInt());
        assertTrue(phys.path("region").path("startColumn").asInt() < 100, phys::toString);
    }

    @Test
    void githubNamesTheFileOfEachFinding() {
        String out = Cli.run("validate", main, "--format", "github").out();
        assertTrue(out.contains("::error file=" + incUri + ",line=4,title=QBMC-E026::"), out);
        assertTrue(out.contains("(at key: file.bitmaps.0.granularity)"), out);
        assertFalse(out.contains("file=" + mainUri + ","), out);
        String ref = Cli.run("validate", FindingLocationReportTest.ref, "--format", "github").out();
        assertTrue(ref.contains("::error file=" + qbmUri + ",line=7,"), ref);
    }

    @Test
    void junitFailureTextNamesTheFileAndKey() {
        String out = Cli.run("validate", main, "--format", "junit").out();
        assertTrue(out.contains("bitmaps.conf:4 (at key: file.bitmaps.0.granularity): error[QBMC-E026]"), out);
        assertFalse(out.contains("main.conf:4"), out);
    }

    @Test
    void jsonAddsFileAndKeyPath() throws IOException {
        JsonNode file = JSON.readTree(Cli.run("validate", main, "--format", "json").out()).path("files").get(0);
        assertEquals(main, file.path("path").asText());
        JsonNode d = only(file.path("diagnostics"), "QBMC-E026");
        assertEquals(incUri, d.path("uri").asText());
        assertTrue(d.path("file").asText().endsWith("bitmaps.conf"), d::toString);
        assertEquals("file.bitmaps.0.granularity", d.path("keyPath").asText());
        assertEquals(4, d.path("line").asInt());
        for (String field : new String[] {"code", "severity", "message", "line", "column", "length", "hint"}) {
            assertTrue(d.has(field), field);
        }
        JsonNode q = only(JSON.readTree(Cli.run("validate", ref, "--format", "json").out()).path("files").get(0)
                .path("diagnostics"), "QBMC-E026");
        assertEquals(qbmUri, q.path("uri").asText());
        assertTrue(q.path("keyPath").isNull());
    }

    @Test
    void findingsInTheInputItselfHaveNoOtherFile() throws IOException {
        JsonNode d = JSON.readTree(Cli.run("validate", "driver=raw,file.driver=file,file.filename=a,bogus=1", "--format", "json")
                .out()).path("files").get(0).path("diagnostics").get(0);
        assertNull(d.path("file").textValue());
        assertNull(d.path("uri").textValue());
    }

    private static JsonNode only(JsonNode results, String code) {
        JsonNode found = null;
        for (JsonNode r : results) {
            String id = r.has("ruleId") ? r.path("ruleId").asText() : r.path("code").asText();
            if (id.equals(code)) {
                assertNull(found, "one " + code + " in " + results);
                found = r;
            }
        }
        assertTrue(found != null, "no " + code + " in " + results);
        return found;
    }
}
