package io.qbmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate lists folders one at a time as it reaches them; the files must come in the order of
 * sorting their whole paths, as when every path was listed and sorted first.
 */
class BatchInputWalkTest {
    @TempDir
    Path dir;

    @Test
    void filesComeInTheOrderOfTheirSortedPaths() throws IOException {
        // names that sort differently as folder names than as paths: '-', '.', ' ', '!' sort
        // before '/', letters and non-ASCII after it
        for (String f : List.of("a/x.opts", "a-b/y.opts", "a.opts", "ab.opts", "\u00e9.opts", "Z.opts", "a b/x.opts",
                "a.d/q.json", "sub/deeper/k.conf", "sub/m.qbm", "\u00e9/z.opts", "a0.opts", "a!.opts", "a/.h.opts",
                "skip.txt", "x/a.opts", "x y/b.opts", "x.z/c.opts", "x-a/d.opts", "x.opts", "x0.opts")) {
            Path p = dir.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "driver=raw");
        }
        Files.createSymbolicLink(dir.resolve("link.opts"), dir.resolve("Z.opts"));
        Files.createSymbolicLink(dir.resolve("linkdir"), dir.resolve("sub"));
        List<String> expected;
        try (Stream<Path> s = Files.walk(dir)) {
            expected = s.filter(Files::isRegularFile)
                    .filter(p -> BatchInput.EXTENSIONS.stream().anyMatch(e -> p.getFileName().toString().endsWith(e)))
                    .sorted().map(Path::toString).toList();
        }
        List<String> actual = new ArrayList<>();
        BatchInput.expand(List.of(dir.toString()), null).forEachRemaining(in -> actual.add(in.path()));
        assertEquals(expected, actual);
    }

    @Test
    void aGlobPicksByRelativePathOrName() throws IOException {
        for (String f : List.of("one/a.txt", "two/b.txt", "c.txt", "d.opts")) {
            Path p = dir.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "driver=raw");
        }
        List<String> actual = new ArrayList<>();
        BatchInput.expand(List.of(dir.toString()), "*.txt").forEachRemaining(in -> actual.add(in.path()));
        assertEquals(List.of(dir.resolve("c.txt").toString(), dir.resolve("one/a.txt").toString(),
                dir.resolve("two/b.txt").toString()), actual);
    }
}
