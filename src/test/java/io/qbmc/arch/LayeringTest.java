package io.qbmc.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Data flows one way, one stage per package: a package may use only the packages declared
 * below it here, so a later stage never reaches back into an earlier one.
 */
class LayeringTest {
    /** Each package and what it may use. */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("source", Set.of()),
            Map.entry("text", Set.of()),
            Map.entry("schema", Set.of()),
            Map.entry("diag", Set.of("source")),
            Map.entry("syntax", Set.of("source", "diag")),
            Map.entry("options", Set.of("source", "diag", "syntax")),
            Map.entry("graph", Set.of("source")),
            Map.entry("bind", Set.of("source", "text", "diag", "options", "schema", "graph")),
            Map.entry("check", Set.of("source", "text", "diag", "graph")),
            Map.entry("qbm", Set.of("source", "text", "diag", "syntax", "graph")),
            Map.entry("compile", Set.of("source", "text", "diag", "syntax", "options", "schema", "graph", "bind",
                    "check", "qbm")),
            Map.entry("emit", Set.of("source", "text", "schema", "graph", "qbm")),
            Map.entry("files", Set.of("source", "text", "diag", "graph", "check", "qbm", "compile", "emit")),
            Map.entry("report", Set.of("source", "text", "diag")),
            Map.entry("api", Set.of("source", "text", "diag", "graph", "qbm", "compile", "emit")),
            Map.entry("runtime", Set.of("source", "text", "diag", "graph", "qbm", "compile", "files", "api")),
            Map.entry("backup", Set.of("source", "text", "diag", "qbm", "runtime")),
            Map.entry("docs", Set.of("source", "text", "diag", "schema", "graph", "qbm", "compile", "emit", "files",
                    "report", "api", "check", "runtime", "backup")),
            Map.entry("cli", Set.of("source", "text", "diag", "graph", "qbm", "compile", "emit", "files", "report",
                    "api", "docs", "check", "runtime", "backup")));

    private static final Pattern USE = Pattern.compile("io\\.qbmc\\.([a-z]+)\\.");

    @Test
    void noStageReachesBack() throws IOException {
        Path main = Path.of("src/main/java/io/qbmc");
        List<String> violations = new ArrayList<>();
        Set<String> unknown = new TreeSet<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String pkg = main.relativize(f).getName(0).toString();
                Set<String> allowed = ALLOWED.get(pkg);
                if (allowed == null) {
                    unknown.add(pkg);
                    continue;
                }
                Matcher m = USE.matcher(Files.readString(f, StandardCharsets.UTF_8));
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(pkg) && !allowed.contains(used) && ALLOWED.containsKey(used)) {
                        violations.add(main.relativize(f) + " uses io.qbmc." + used);
                    }
                }
            }
        }
        assertEquals(Set.of(), unknown, "packages without a place in the layering: add them to ALLOWED");
        assertEquals(List.of(), violations.stream().distinct().toList());
    }
}
