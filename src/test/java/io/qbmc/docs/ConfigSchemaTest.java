package io.qbmc.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import io.qbmc.api.OutputForm;
import io.qbmc.api.Qbmc;
import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Dialect;
import io.qbmc.emit.JsonEmitter;
import io.qbmc.graph.BlockNode;
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

/** docs/schema/qbmc-config.schema.json accepts what qbmc accepts, in the nested JSON and HOCON form. */
class ConfigSchemaTest {
    static Schema schema() {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(ConfigSchema.json(), InputFormat.JSON);
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("examples"))) {
            return s.filter(p -> !p.toString().endsWith(".golden")).sorted().toList().stream();
        }
    }

    /** Every example that compiles to one tree, written as its JSON object, matches the schema. */
    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleTreeMatches(Path p) throws IOException {
        String name = p.getFileName().toString();
        CompileResult r = Qbmc.compile(new Source(p.toString(), Files.readString(p, StandardCharsets.UTF_8), p),
                name.startsWith("drive") ? Dialect.DRIVE : Dialect.IMAGE_OPTS);
        assertTrue(r.valid(), r.diagnostics()::toString);
        BlockNode root;
        try {
            root = Qbmc.singleTree(r.graph(), OutputForm.JSON);
        } catch (Qbmc.UnsupportedFormException several) {
            return; // a set of -blockdev nodes is not one configuration tree
        }
        assertEquals(List.of(), schema().validate(JsonEmitter.object(root), InputFormat.JSON), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"examples/two-bitmaps.conf", "examples/config.json"})
    void hoconAndJsonConfigFilesMatchAsWritten(String file) {
        String json = ConfigFactory.parseFile(Path.of(file).toFile()).resolve().root()
                .render(ConfigRenderOptions.concise());
        assertEquals(List.of(), schema().validate(json, InputFormat.JSON), file);
    }

    /** Misspellings and wrong values the compiler refuses are refused by the schema too. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"driver\": \"raw\", \"sise\": 512, \"file\": {\"driver\": \"file\", \"filename\": \"a\"}}",
        "{\"driver\": \"qcow3\", \"file\": {\"driver\": \"file\", \"filename\": \"a\"}}",
        "{\"driver\": \"raw\", \"file\": {\"driver\": \"file\"}}",
        "{\"driver\": \"raw\", \"read-only\": \"maybe\", \"file\": {\"driver\": \"file\", \"filename\": \"a\"}}",
        "{\"driver\": \"raw\", \"file\": {\"driver\": \"file\", \"filename\": \"a\", \"aio\": \"fast\"}}",
        "{\"driver\": \"quorum\", \"vote-threshold\": 1}",
        "{\"driver\": \"qbm\", \"image\": {\"driver\": \"file\", \"filename\": \"d\"}, \"bitmaps\": [{\"name\": \"a\"}]}",
        "{\"driver\": \"qbm\", \"image\": {\"driver\": \"file\", \"filename\": \"d\"}, \"bitmaps\": []}",
        "{\"driver\": \"qbm\", \"image\": {\"driver\": \"file\", \"filename\": \"d\"}, \"bitmaps\": [{\"name\": \"a\","
                + " \"file\": {\"driver\": \"file\", \"filename\": \"a.bm\"}, \"granularity\": 1000}]}",
        "{\"driver\": \"qbm\", \"image\": {\"driver\": \"file\", \"filename\": \"d\"}, \"bitmaps\": [{\"name\": \"a\","
                + " \"file\": {\"driver\": \"file\", \"filename\": \"a.bm\"}, \"granularity\": 4294967296}]}",
        "{\"driver\": \"qbm\", \"image\": {\"driver\": \"file\", \"filename\": \"d\"}}",
        "{\"driver\": \"raw\", \"cahce.direct\": true, \"file\": {\"driver\": \"file\", \"filename\": \"a\"}}",
        "{\"driver\": \"raw\", \"read-only.x\": true, \"file\": {\"driver\": \"file\", \"filename\": \"a\"}}"
    })
    void wrongConfigurationsAreRefused(String json) {
        assertFalse(schema().validate(json, InputFormat.JSON).isEmpty(), json);
        assertFalse(Qbmc.compile("json:" + json).valid(), "the compiler accepts " + json);
    }

    /** Forms qbmc accepts in configuration files that the schema must not flag. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"driver\": \"raw\", \"file\": {\"driver\": \"qbm\", \"descriptor\": \"examples/two-bitmaps.qbm\"}}",
        "{\"driver\": \"qbm\", \"descriptor\": \"examples/two-bitmaps.qbm\"}",
        "{\"driver\": \"raw\", \"cache.direct\": true, \"file\": {\"driver\": \"file\", \"filename\": \"a\"}}",
        "{\"driver\": \"raw\", \"file.driver\": \"file\", \"file.filename\": \"a\"}",
        "{\"driver\": \"qbm\", \"image\": {\"driver\": \"file\", \"filename\": \"d\"}, \"bitmaps\": [{\"name\": \"a\","
                + " \"file\": {\"driver\": \"file\", \"filename\": \"a.bm\"}, \"granularity\": 2147483648}]}",
        "{\"driver\": \"qbm\", \"image\": {\"driver\": \"file\", \"filename\": \"d\"}, \"bitmaps\": [{\"name\": \"a\","
                + " \"file\": {\"driver\": \"file\", \"filename\": \"a.bm\"}, \"granularity\": \"64k\"}]}"
    })
    void formsQbmcAcceptsAreAccepted(String json) {
        assertTrue(Qbmc.compile("json:" + json).valid(), () -> "the compiler refuses " + json + ": "
                + Qbmc.compile("json:" + json).diagnostics());
        assertEquals(List.of(), schema().validate(json, InputFormat.JSON), json);
    }
}
