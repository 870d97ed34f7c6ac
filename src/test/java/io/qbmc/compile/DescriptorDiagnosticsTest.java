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

/** A descriptor's own problems are reported once, in its terms, not as missing options. */
class DescriptorDiagnosticsTest {
    @TempDir
    Path dir;

    private static final String HEAD = "{\"QBM\": {\"version\": 1, \"image\": {\"file\": \"d.img\", \"format\": \"raw\"}, \"bitmaps\": ";

    private List<Diagnostic> compile(Path file) throws IOException {
        return new Compiler(Dialect.IMAGE_OPTS).compile(
                new Source(file.toString(), Files.readString(file, StandardCharsets.UTF_8), file)).diagnostics();
    }

    private List<Diagnostic> reference(String descriptor) throws IOException {
        Path ref = dir.resolve("ref.json");
        Files.writeString(ref, "{\"driver\":\"raw\",\"file\":{\"driver\":\"qbm\",\"descriptor\":\"" + descriptor + "\"}}\n");
        return compile(ref);
    }

    @Test
    void anEmptyBitmapListIsADescriptorError() throws IOException {
        for (String empty : List.of("[]", "{}")) {
            Path qbm = dir.resolve("e.qbm");
            Files.writeString(qbm, HEAD + empty + "}}\n");
            for (List<Diagnostic> ds : List.of(compile(qbm), reference("e.qbm"))) {
                assertEquals(List.of(Code.DESCRIPTOR_LAYOUT), ds.stream().map(Diagnostic::code).toList(), ds::toString);
                Diagnostic d = ds.get(0);
                assertEquals("A QBM descriptor needs at least one bitmap", d.message());
                assertEquals(empty, d.span().text(), "the empty list is underlined, not the whole object");
                assertEquals(qbm, d.span().source().file());
            }
        }
    }

    @Test
    void aKeyedBitmapThatIsNoObjectIsNamedByItsKey() throws IOException {
        Path qbm = dir.resolve("k.qbm");
        Files.writeString(qbm, HEAD + "{\"a\": 5}}}\n");
        List<Diagnostic> ds = compile(qbm);
        assertEquals(List.of(Code.DESCRIPTOR_LAYOUT), ds.stream().map(Diagnostic::code).toList(), ds::toString);
        assertTrue(ds.get(0).message().contains("'a'"), ds::toString);
        assertTrue(!ds.get(0).message().contains("bitmaps.0"), ds::toString);
        assertEquals("5", ds.get(0).span().text());
    }

    @Test
    void aMissingDescriptorIsOneFileError() throws IOException {
        List<Diagnostic> ds = reference("missing.qbm");
        assertEquals(List.of(Code.FILE_ACCESS), ds.stream().map(Diagnostic::code).toList(), ds::toString);
        ds = new Compiler(Dialect.IMAGE_OPTS).compile(Source.of("driver=raw,file.driver=qbm,file.file.filename="
                + dir.resolve("missing.qbm"))).diagnostics();
        assertEquals(List.of(Code.FILE_ACCESS), ds.stream().map(Diagnostic::code).toList(), ds::toString);
    }

    @Test
    void aBrokenDescriptorIsNotAlsoMissingOptions() throws IOException {
        Files.writeString(dir.resolve("b.qbm"), "{\"QBM\": {\"version\": 1}}\n");
        List<Diagnostic> ds = reference("b.qbm");
        assertTrue(ds.stream().allMatch(d -> d.code() == Code.DESCRIPTOR_LAYOUT), ds::toString);
    }
}
