package io.qbmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate --lines FILE --format json: one JSON object per non-empty line, with exactly the fields
 * {"line","valid","diagnostics":[{"code","severity","message","line","column","length","hint"}],"canonical"}.
 */
class ValidateLinesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private List<JsonNode> run(String content, int expectedExit, String... extra) throws IOException {
        Path file = dir.resolve("specs.txt");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("validate", "--lines", file.toString(), "--format", "json"));
        args.addAll(List.of(extra));
        Cli.Run r = Cli.run(args.toArray(new String[0]));
        assertEquals(expectedExit, r.exit(), r::toString);
        // stderr holds only the summary line (files, errors, warnings, time)
        assertTrue(r.err().matches("qbmc: \\d+ inputs?, \\d+ invalid, .* in [0-9.]+ s\n"), r::toString);
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    @Test
    void exactFieldSet() throws IOException {
        List<JsonNode> lines = run("driver=raw,file.driver=file,file.filename=a.raw\n"
                + "driver=raw,file.driver=file,file.filename=a.raw,bogus=1\n", 1);
        assertEquals(2, lines.size());
        for (JsonNode l : lines) {
            assertEquals(new TreeSet<>(List.of("line", "valid", "diagnostics", "canonical")), fields(l));
            for (JsonNode d : l.get("diagnostics")) {
                assertEquals(new TreeSet<>(List.of("code", "severity", "message", "line", "column", "length", "hint")),
                        fields(d));
            }
        }
    }

    @Test
    void validLine() throws IOException {
        JsonNode l = run("driver=raw,file.driver=file,file.filename=a.raw\n", 0).get(0);
        assertEquals(1, l.get("line").asInt());
        assertTrue(l.get("valid").asBoolean());
        assertEquals(0, l.get("diagnostics").size());
        assertEquals("json:{\"driver\": \"raw\", \"file\": {\"driver\": \"file\", \"filename\": \"a.raw\"}}",
                l.get("canonical").asText());
    }

    @Test
    void invalidLineWithPositionsInTheFile() throws IOException {
        List<JsonNode> lines = run("driver=raw,file.driver=file,file.filename=a.raw\n\n"
                + "  driver=raw,file.driver=file,file.filename=a.raw,bogus=1\n", 1);
        assertEquals(2, lines.size(), "blank lines are skipped");
        JsonNode l = lines.get(1);
        assertEquals(3, l.get("line").asInt());
        assertEquals(false, l.get("valid").asBoolean());
        assertTrue(l.get("canonical").isNull());
        JsonNode d = l.get("diagnostics").get(0);
        assertEquals("QBMC-E012", d.get("code").asText());
        assertEquals("error", d.get("severity").asText());
        assertEquals("Block format 'raw' does not support the option 'bogus'", d.get("message").asText());
        assertEquals(3, d.get("line").asInt());
        assertEquals(51, d.get("column").asInt());
        assertEquals(5, d.get("length").asInt());
        assertTrue(d.get("hint").isNull());
    }

    @Test
    void warningHasItsHint() throws IOException {
        JsonNode d = run("driver=raw,file.driver=file,file.filename=a.raw,read-only\n", 0).get(0).get("diagnostics").get(0);
        assertEquals("QBMC-W002", d.get("code").asText());
        assertEquals("warning", d.get("severity").asText());
        assertEquals("short-form boolean option 'read-only' deprecated", d.get("message").asText());
        assertEquals("Please use read-only=on instead", d.get("hint").asText());
        assertEquals(49, d.get("column").asInt());
        assertEquals(9, d.get("length").asInt());
    }

    @Test
    void crlfLinesAndSupplementaryCharacters() throws IOException {
        // columns count UTF-16 units: the key after the two-unit emoji is at column 19
        List<JsonNode> lines = run("driver=file,filename=a\r\ndriver=file,\uD83D\uDE00=1,filename=a\r\n", 1);
        assertEquals(2, lines.size());
        JsonNode d = lines.get(1).get("diagnostics").get(0);
        assertEquals(2, d.get("line").asInt());
        assertEquals(13, d.get("column").asInt());
        assertEquals(2, d.get("length").asInt());
    }

    @Test
    void dialectApplies() throws IOException {
        JsonNode d = run("driver=file,node-name=f,filename=a.raw,read-only\n", 1, "--as", "blockdev").get(0).get("diagnostics").get(0);
        assertEquals("Expected '=' after parameter 'read-only'", d.get("message").asText());
    }

    @Test
    void humanFormatNamesTheFileAndLine() throws IOException {
        Path file = dir.resolve("specs.txt");
        Files.writeString(file, "driver=file,filename=a\n\ndriver=file\n", StandardCharsets.UTF_8);
        Cli.Run r = Cli.run("validate", "--lines", file.toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.out().startsWith(file + ":1: valid\n" + file + ":3:1: error[QBMC-E014]: "
                + "The 'file' block driver requires a file name\n"), r::toString);
        assertTrue(r.out().endsWith(file + ":3: invalid (1 error, 0 warnings)\n"), r::toString);
    }
}
