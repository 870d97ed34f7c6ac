package io.qbmc.qbm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.qbmc.diag.Diagnostics;
import io.qbmc.source.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** docs/schema/qbm-descriptor.schema.json agrees with qbmc's reader and writer. */
class DescriptorSchemaTest {
    static final Path SCHEMA = Path.of("docs/schema/qbm-descriptor.schema.json");

    static Schema schema() throws IOException {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(SCHEMA, StandardCharsets.UTF_8), InputFormat.JSON);
    }

    static Stream<Path> exampleDescriptors() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("examples"))) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".qbm")).sorted().toList();
            assertFalse(all.isEmpty(), "examples/ should hold at least one descriptor");
            return all.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("exampleDescriptors")
    void everyExampleDescriptorMatchesTheSchemaAndReads(Path p) throws IOException {
        String text = Files.readString(p, StandardCharsets.UTF_8);
        assertEquals(List.of(), schema().validate(text, InputFormat.JSON));
        Diagnostics d = new Diagnostics();
        assertTrue(DescriptorReader.read(new Source(p.toString(), text, p), d) != null, d.sorted().toString());
    }

    @Test
    void writtenDescriptorsMatchTheSchema() throws IOException {
        Descriptor d = new Descriptor(1, new Descriptor.Image("disk.img", "raw", "host_device", 1L << 40),
                new Descriptor.Image("base.qcow2", "qcow2", null, null), "deferred", List.of(
                new Descriptor.Bitmap("a", "a.bitmap", 512, "dirty", true, false),
                new Descriptor.Bitmap("ü name", "b,c.bitmap", 1L << 31, "dirty", false, true,
                        Descriptor.Bitmap.MAX_GENERATION)));
        String text = DescriptorWriter.write(d);
        assertTrue(text.endsWith("}\n"), "a descriptor ends with a newline");
        assertEquals(List.of(), schema().validate(text, InputFormat.JSON));
        Diagnostics diags = new Diagnostics();
        DescriptorReader.Located back = DescriptorReader.read(Source.of(text), diags);
        assertEquals(d, back.descriptor(), diags.sorted().toString());
    }

    /** Each of these breaks one rule of docs/qbm-spec.md; schema and reader both refuse it. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"QBM\": {\"version\": \"1\", \"image\": {\"file\": \"d\", \"format\": \"raw\"}, \"bitmaps\": [{\"name\": \"a\", \"file\": \"a\", \"granularity\": 512}]}}",
        "{\"QBM\": {\"version\": 2, \"image\": {\"file\": \"d\", \"format\": \"raw\"}, \"bitmaps\": [{\"name\": \"a\", \"file\": \"a\", \"granularity\": 512}]}}",
        "{\"QBM\": {\"version\": 1, \"image\": {\"file\": \"d\", \"format\": \"raw\"}, \"bitmaps\": [{\"name\": \"a\", \"file\": \"a\", \"granularity\": 512}]}, \"x\": 1}",
        "{\"QBM\": {\"version\": 1, \"image\": {\"file\": \"d\", \"format\": \"raw\", \"extra\": 1}, \"bitmaps\": [{\"name\": \"a\", \"file\": \"a\", \"granularity\": 512}]}}",
        "{\"QBM\": {\"version\": 1, \"image\": {\"file\": \"d\", \"format\": \"raw\"}, \"bitmaps\": [{\"name\": \"a\", \"file\": \"a\"}]}}",
        "{\"QBM\": {\"version\": 1, \"image\": {\"file\": \"d\", \"format\": \"raw\"}, \"bitmaps\": [{\"name\": \"a\", \"file\": \"a\", \"granularity\": 512, \"type\": \"allocation\"}]}}",
        "{\"QBM\": {\"version\": 1, \"image\": {\"file\": \"\", \"format\": \"raw\"}, \"bitmaps\": [{\"name\": \"a\", \"file\": \"a\", \"granularity\": 512}]}}",
        "{\"QBM\": {\"version\": 1, \"image\": {\"file\": \"d\", \"format\": \"raw\"}}}",
        "{\"QBM\": {\"version\": 1, \"image\": {\"file\": \"d\", \"format\": \"raw\"}, \"mode\": \"lazy\", \"bitmaps\": [{\"name\": \"a\", \"file\": \"a\", \"granularity\": 512}]}}",
        "{\"QBM\": {\"version\": 1, \"image\": {\"file\": \"d\", \"format\": \"raw\"}, \"bitmaps\": [{\"name\": \"a\", \"file\": \"a\", \"granularity\": 512, \"generation\": -1}]}}",
        "{\"QBM\": {\"version\": 1, \"image\": {\"file\": \"d\", \"format\": \"raw\"}, \"bitmaps\": [{\"name\": \"a\", \"file\": \"a\", \"granularity\": 512, \"generation\": 9007199254740992}]}}",
        "{\"QBM\": {\"version\": 1, \"image\": {\"file\": \"d\", \"format\": \"raw\"}, \"bitmaps\": [{\"name\": \"a\", \"file\": \"a\", \"granularity\": 512, \"generation\": \"1\"}]}}",
        "{\"QBM\": {\"version\": 1, \"image\": {\"file\": \"d\", \"format\": \"raw\"}, \"bitmaps\": []}}",
        "{\"QBM\": {\"version\": 1, \"image\": {\"file\": \"d\", \"format\": \"raw\"}, \"bitmaps\": {}}}",
        "[]"
    })
    void brokenDescriptorsAreRefusedByBoth(String text) throws IOException {
        assertFalse(schema().validate(text, InputFormat.JSON).isEmpty(), "schema accepted " + text);
        Diagnostics d = new Diagnostics();
        assertEquals(null, DescriptorReader.read(Source.of(text), d), "reader accepted " + text);
        assertTrue(d.hasErrors());
    }

    @Test
    void theDraftsObjectFormIsReadAsTheArrayForm() throws IOException {
        String text = "{\"QBM\": {\"version\": 1, \"image\": {\"file\": \"d.img\", \"format\": \"raw\"},"
                + " \"bitmaps\": {\"daily\": {\"file\": \"daily.bitmap\", \"granularity\": 65536}}}}";
        assertEquals(List.of(), schema().validate(text, InputFormat.JSON));
        Diagnostics d = new Diagnostics();
        Descriptor desc = DescriptorReader.read(Source.of(text), d).descriptor();
        assertEquals(List.of(new Descriptor.Bitmap("daily", "daily.bitmap", 65536, "dirty", true, false)),
                desc.bitmaps());
        assertEquals(0, desc.bitmaps().get(0).generation(), "a descriptor from before generations is at 0");
    }

    private static String withGranularity(String g) {
        return "{\"QBM\": {\"version\": 1, \"image\": {\"file\": \"d.img\", \"format\": \"raw\"},"
                + " \"bitmaps\": [{\"name\": \"a\", \"file\": \"a.bitmap\", \"granularity\": " + g + "}]}}";
    }

    /** qbmc refuses a granularity that is no power of two in [512, 2^31] (E026); so does the schema. */
    @ParameterizedTest
    @ValueSource(strings = {"1000", "256", "1536", "0", "4294967296", "3221225472"})
    void granularitiesQbmcRefusesAreRefused(String g) throws IOException {
        String text = withGranularity(g);
        assertFalse(schema().validate(text, InputFormat.JSON).isEmpty(), "schema accepted " + g);
        assertFalse(io.qbmc.api.Qbmc.compile(new Source("d.qbm", text), io.qbmc.compile.Dialect.IMAGE_OPTS).valid(),
                "qbmc accepted " + g);
    }

    @ParameterizedTest
    @ValueSource(strings = {"512", "1024", "65536", "1048576", "2147483648"})
    void powersOfTwoAreAccepted(String g) throws IOException {
        String text = withGranularity(g);
        assertEquals(List.of(), schema().validate(text, InputFormat.JSON), g);
        assertTrue(io.qbmc.api.Qbmc.compile(new Source("d.qbm", text), io.qbmc.compile.Dialect.IMAGE_OPTS).valid(), g);
    }
}
