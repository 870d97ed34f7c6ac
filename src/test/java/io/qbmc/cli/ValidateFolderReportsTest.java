package io.qbmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Issue 5's acceptance: "Pointing qbmc validate --format sarif at a folder of a thousand mixed
 * configs with a few broken ones gives a report that GitHub code scanning and a JUnit viewer
 * accept, in one run". One seeded tree of 1,000 configs (.opts dotted and json: specs, .json
 * config objects, .conf HOCON, .qbm descriptors; 25 broken) is validated once per format.
 *
 * <p>The tree lives under the working folder (target/), as a repository's configs do when CI runs
 * qbmc from the checkout: SARIF then names files by relative URIs, which code scanning needs.
 * Folders outside the working folder get absolute file: URIs (checked too).
 */
class ValidateFolderReportsTest {
    static final int FILES = 1000;
    static final int BROKEN = 25;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Temporary folders under target/, inside the working folder. */
    static final class UnderTarget implements TempDirFactory {
        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
            Path target = Path.of("target").toAbsolutePath();
            Files.createDirectories(target);
            return Files.createTempDirectory(target, "validate-folder");
        }
    }

    @TempDir(factory = UnderTarget.class)
    static Path work;

    /** Relative path (with '/') to whether the file is valid, for every generated config. */
    static final Map<String, Boolean> expected = new TreeMap<>();
    static Path tree;

    @BeforeAll
    static void generate() throws IOException {
        tree = work.resolve("configs");
        Random rng = new Random(0x15_5A21FL);
        Set<Integer> broken = new HashSet<>();
        while (broken.size() < BROKEN) {
            broken.add(rng.nextInt(FILES));
        }
        List<String> folders = List.of("", "prod/", "prod/db/", "staging/", "staging/web/", "lab/deep/er/still/",
                "names with space/", "unicode-\u65e5\u672c/");
        for (int i = 0; i < FILES; i++) {
            String folder = folders.get(rng.nextInt(folders.size()));
            int kind = i % 5;
            boolean bad = broken.contains(i);
            String name;
            String text;
            switch (kind) {
                case 0 -> {
                    name = "vm" + i + ".opts";
                    text = bad ? "driver=raw,file.driver=file,file.filenme=disk" + i + ".img\n"
                            : switch (rng.nextInt(3)) {
                                case 0 -> "driver=raw,file.driver=file,file.filename=disk" + i + ".img\n";
                                case 1 -> "driver=qcow2,file.driver=file,file.filename=vm" + i + ".qcow2,"
                                        + "backing.driver=raw,backing.file.driver=file,backing.file.filename=base" + i + ".img\n";
                                default -> "driver=quorum,vote-threshold=1,children.0.driver=raw,children.0.file.driver=file,"
                                        + "children.0.file.filename=q" + i + "a.img,children.1.driver=raw,"
                                        + "children.1.file.driver=file,children.1.file.filename=q" + i + "b.img\n";
                            };
                }
                case 1 -> {
                    name = "vm" + i + ".opts";
                    text = bad ? "json:{\"driver\": \"raw\", \"file\": {\"driver\": \"file\", \"filename\": \"d" + i + ".img\"}\n"
                            : "json:{\"driver\": \"raw\", \"file\": {\"driver\": \"file\", \"filename\": \"d" + i + ".img\"}}\n";
                }
                case 2 -> {
                    name = "disk" + i + ".json";
                    text = "{\n  \"driver\": \"raw\",\n" + (bad ? "  \"read-only\": \"maybe\",\n" : "")
                            + "  \"file\": {\"driver\": \"file\", \"filename\": \"j" + i + ".img\"}\n}\n";
                }
                case 3 -> {
                    name = "stack" + i + ".conf";
                    text = "driver = raw\nfile {\n  driver = qbm\n  mode = synchronous\n  size = 1G\n"
                            + "  image { driver = raw, file { driver = file, filename = \"img" + i + ".raw\" } }\n"
                            + "  bitmaps = [\n    { name = daily, granularity = " + (bad ? "1000" : "64k")
                            + ", file { driver = file, filename = \"daily" + i + ".bitmap\" } }\n  ]\n}\n";
                }
                default -> {
                    name = "stack" + i + ".qbm";
                    text = "{\n  \"QBM\": {\n    \"version\": " + (bad ? "2" : "1") + ",\n"
                            + "    \"image\": {\"file\": \"disk" + i + ".img\", \"format\": \"raw\", \"size\": 1073741824},\n"
                            + "    \"mode\": \"synchronous\",\n    \"bitmaps\": [\n"
                            + "      {\"name\": \"daily\", \"file\": \"daily" + i + ".bitmap\", \"granularity\": 65536}\n"
                            + "    ]\n  }\n}\n";
                }
            }
            Path file = tree.resolve(folder + name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            expected.put(folder + name, !bad);
        }
        // files validate leaves alone
        Files.writeString(tree.resolve("README.md"), "not a config\n");
        Files.writeString(tree.resolve("prod/notes.txt"), "driver=bogus\n");
    }

    private static Path run(String format, int jobs, String... more) {
        Path out = work.resolve("report-" + format + "-" + jobs + (more.length > 0 ? "-" + more.length : ""));
        List<String> args = new ArrayList<>(List.of("validate", tree.toString(), "--format", format, "--output",
                out.toString(), "--jobs", Integer.toString(jobs)));
        args.addAll(List.of(more));
        int exit = Main.run(args.toArray(String[]::new));
        assertEquals(Main.INVALID, exit, "exit code with " + BROKEN + " broken configs");
        assertTrue(Files.isRegularFile(out), "report written");
        return out;
    }

    /** The path under the tree that a report names, from a SARIF URI, a JUnit testcase or a JSON path. */
    private static String underTree(String reported) {
        String marker = "configs/";
        int at = reported.indexOf(marker);
        assertTrue(at >= 0, reported);
        return reported.substring(at + marker.length());
    }

    // ---------------------------------------------------------------- SARIF

    @Test
    void sarifIsWhatGithubCodeScanningAccepts() throws IOException {
        Path report = run("sarif", 4);
        String text = Files.readString(report, StandardCharsets.UTF_8);
        JsonNode sarif = JSON.readTree(text);

        // the official SARIF 2.1.0 schema (src/test/resources/sarif/README.md), offline
        Schema schema;
        try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-2.1.0-rtm.5.json")) {
            assertNotNull(in, "the SARIF schema resource");
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4)
                    .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
        }
        assertEquals(List.of(), schema.validate(text, InputFormat.JSON), "SARIF schema errors");

        assertEquals("2.1.0", sarif.path("version").asText());
        assertTrue(sarif.path("$schema").asText().startsWith("https://"), "$schema");
        assertEquals(1, sarif.path("runs").size(), "one run");
        JsonNode run = sarif.path("runs").get(0);
        JsonNode driver = run.path("tool").path("driver");
        assertEquals("qbmc", driver.path("name").asText());
        JsonNode rules = driver.path("rules");
        assertTrue(rules.isArray() && rules.size() > 0, "rules");
        Set<String> ruleIds = new HashSet<>();
        for (JsonNode rule : rules) {
            assertTrue(ruleIds.add(rule.path("id").asText()), "rule ids are unique: " + rule.path("id"));
            assertFalse(rule.path("shortDescription").path("text").asText().isEmpty(), "rule text");
        }

        Map<String, Integer> errorsByFile = new TreeMap<>();
        List<String> order = new ArrayList<>();
        for (JsonNode result : run.path("results")) {
            String ruleId = result.path("ruleId").asText();
            assertTrue(ruleIds.contains(ruleId), "ruleId " + ruleId + " is among the rules");
            int index = result.path("ruleIndex").asInt(-1);
            assertTrue(index >= 0 && index < rules.size(), "ruleIndex " + index);
            assertEquals(ruleId, rules.get(index).path("id").asText(), "ruleIndex points at the rule");
            String level = result.path("level").asText();
            assertTrue(Set.of("error", "warning", "note").contains(level), "level " + level);
            assertFalse(result.path("message").path("text").asText().isBlank(), "message.text");
            JsonNode physical = result.path("locations").path(0).path("physicalLocation");
            String uri = physical.path("artifactLocation").path("uri").asText();
            assertFalse(uri.isEmpty() || uri.startsWith("/") || uri.contains("\\") || uri.contains("://"),
                    "a relative URI with '/' separators: " + uri);
            JsonNode region = physical.path("region");
            assertFalse(region.isMissingNode(), "every result of this tree has a region: " + result);
            int startLine = region.path("startLine").asInt(0);
            assertTrue(startLine >= 1, "startLine " + startLine);
            if (region.has("startColumn")) {
                int startColumn = region.path("startColumn").asInt();
                assertTrue(startColumn >= 1, "startColumn");
                if (region.has("endColumn") && region.path("endLine").asInt(startLine) == startLine) {
                    assertTrue(region.path("endColumn").asInt() >= startColumn, "endColumn >= startColumn: " + region);
                }
            }
            String file = underTree(java.net.URLDecoder.decode(uri.replace("+", "%2B"), StandardCharsets.UTF_8));
            assertTrue(expected.containsKey(file), "a result for a generated file: " + uri);
            order.add(file);
            if (level.equals("error")) {
                errorsByFile.merge(file, 1, Integer::sum);
            }
        }
        Set<String> brokenFiles = new TreeSet<>();
        expected.forEach((f, valid) -> {
            if (!valid) {
                brokenFiles.add(f);
            }
        });
        assertEquals(brokenFiles, errorsByFile.keySet(), "errors exactly for the broken configs");
        List<String> sorted = new ArrayList<>(order);
        sorted.sort((a, b) -> Path.of(a).compareTo(Path.of(b)));
        assertEquals(sorted, order, "results sorted by path");
    }

    @Test
    void sarifUriOutsideTheWorkingFolderIsAnAbsoluteFileUri(@TempDir Path elsewhere) throws IOException {
        Path config = elsewhere.resolve("x.opts");
        Files.writeString(config, "driver=raw,bogus=1,file.driver=file,file.filename=a.img\n");
        Path out = elsewhere.resolve("r.sarif");
        assertEquals(Main.INVALID, Main.run("validate", elsewhere.toString(), "--format", "sarif", "--output",
                out.toString()));
        String uri = JSON.readTree(out.toFile()).path("runs").get(0).path("results").get(0).path("locations").get(0)
                .path("physicalLocation").path("artifactLocation").path("uri").asText();
        if (!elsewhere.toAbsolutePath().startsWith(Path.of("").toAbsolutePath())) {
            assertTrue(uri.startsWith("file:///") && uri.endsWith("/x.opts"), uri);
        }
    }

    // ---------------------------------------------------------------- JUnit XML

    @Test
    void junitXmlIsWellFormedWithOneTestcasePerFile() throws Exception {
        Path report = run("junit", 4);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(report.toFile());
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertEquals(1, suites.getLength(), "one testsuite");
        Element suite = (Element) suites.item(0);
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(FILES, cases.getLength(), "one testcase per config");
        assertEquals(Integer.toString(FILES), suite.getAttribute("tests"));
        int failing = 0;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            String file = underTree(c.getAttribute("name"));
            names.add(file);
            boolean fails = c.getElementsByTagName("failure").getLength() > 0;
            assertEquals(!expected.get(file), fails, "failure iff broken: " + file);
            failing += fails ? 1 : 0;
            assertTrue(c.getAttribute("classname").length() > 0, "classname");
        }
        assertEquals(BROKEN, failing);
        assertEquals(Integer.toString(BROKEN), suite.getAttribute("failures"));
        assertEquals(Integer.toString(BROKEN), doc.getDocumentElement().getAttribute("failures"));
        assertEquals(new ArrayList<>(expected.keySet()).stream().sorted((a, b) -> Path.of(a).compareTo(Path.of(b))).toList(),
                names, "testcases sorted by path");
    }

    // ---------------------------------------------------------------- JSON, counts and order

    @Test
    void jsonCountsMatchAndEveryReportIsStableAcrossJobs() throws IOException {
        Path one = run("json", 1);
        Path four = run("json", 4);
        String a = Files.readString(one, StandardCharsets.UTF_8);
        assertEquals(a, Files.readString(four, StandardCharsets.UTF_8), "--jobs 1 and --jobs 4 give the same report");
        JsonNode json = JSON.readTree(a);
        JsonNode counts = json.path("counts");
        assertEquals(FILES, counts.path("files").asInt());
        assertEquals(BROKEN, counts.path("invalid").asInt());
        assertEquals(FILES - BROKEN, counts.path("valid").asInt());
        int errors = 0;
        int warnings = 0;
        List<String> paths = new ArrayList<>();
        for (JsonNode f : json.path("files")) {
            String file = underTree(f.path("path").asText());
            paths.add(file);
            assertEquals(expected.get(file), f.path("valid").asBoolean(), file);
            for (JsonNode d : f.path("diagnostics")) {
                errors += d.path("severity").asText().equals("error") ? 1 : 0;
                warnings += d.path("severity").asText().equals("warning") ? 1 : 0;
            }
        }
        assertEquals(errors, counts.path("errors").asInt());
        assertEquals(warnings, counts.path("warnings").asInt());
        List<String> sorted = new ArrayList<>(paths);
        sorted.sort((x, y) -> Path.of(x).compareTo(Path.of(y)));
        assertEquals(sorted, paths, "files sorted by path");
        assertEquals(expected.keySet(), new TreeSet<>(paths), "every config once, nothing else");

        assertEquals(Files.readString(run("sarif", 1, "--force"), StandardCharsets.UTF_8),
                Files.readString(run("sarif", 3, "--force"), StandardCharsets.UTF_8), "SARIF is the same with any --jobs");
        assertEquals(testcaseNames(run("junit", 1, "--force")), testcaseNames(run("junit", 3, "--force")),
                "JUnit testcases in the same order with any --jobs");
    }

    private static List<String> testcaseNames(Path junit) throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(junit, StandardCharsets.UTF_8)) {
            int at = line.indexOf("<testcase ");
            if (at >= 0) {
                names.add(line.replaceAll(".*name=\"([^\"]*)\".*", "$1"));
            }
        }
        return names;
    }
}
