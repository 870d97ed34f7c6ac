package io.qbmc.roundtrip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.qbmc.api.OutputForm;
import io.qbmc.api.Qbmc;
import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Compiler;
import io.qbmc.compile.Dialect;
import io.qbmc.graph.BlockGraph;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.QbmNode;
import io.qbmc.graph.RawNode;
import io.qbmc.source.Source;
import io.qbmc.testing.gen.Build;
import io.qbmc.testing.gen.Strings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Issue 3: "Round trips HOCON -> descriptor -> dotted -> json: -> HOCON keep the graph".
 *
 * <p>The generated stacks are exactly what a QBM descriptor can hold (io.qbmc.emit.DescriptorEmitter):
 * a qbm filter, on its own or under a plain raw node; its image a raw or qcow2 format over a file
 * or host_device node with only a filename; for qcow2 maybe a backing of the same shape; one or
 * more bitmaps with unique names (unicode, commas, quotes and the other pieces of
 * {@link Strings}), each in a plain file node with only a filename, with a granularity that is a
 * power of two from 512 to 2^31 and enabled on or off; a mode; maybe a size.
 *
 * <p>Each step writes its text, compiles it and compares the graph with the one before:
 * HOCON (a .conf file on disk, as typesafe-config's includes need) -&gt; QBM descriptor (a .qbm
 * file in the same folder) -&gt; dotted -&gt; json: -&gt; HOCON. Two things change the graph
 * on purpose, and the properties state them exactly:
 * <ul>
 * <li>A descriptor file is read as raw over the qbm filter (io.qbmc.compile.DescriptorInput), so
 * a stack with the qbm filter at the top comes back wrapped in a raw node. The filter itself is
 * unchanged; every later step keeps the wrapped graph.</li>
 * <li>Relative paths in a descriptor resolve against the descriptor's folder (docs/qbm-spec.md
 * §1.4), so a relative filename comes back as that folder's absolute, normalized path. Absolute
 * paths come back as written. {@link #absolutePathsKeepTheGraph} therefore uses absolute paths
 * in the scratch folder, and {@link #relativePathsResolveAgainstTheDescriptor} states the
 * resolution.</li>
 * </ul>
 */
class DescriptorRoundTripProperties {
    private static final Path SCHEMA = Path.of("docs/schema/qbm-descriptor.schema.json");
    private static Schema schema;
    private static Path scratch;

    @BeforeContainer
    static void setUp() throws IOException {
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(SCHEMA, StandardCharsets.UTF_8), InputFormat.JSON);
        scratch = Files.createTempDirectory("qbmc-descriptor-roundtrip");
    }

    @AfterContainer
    static void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(scratch)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    // ---------------------------------------------------------------- the generated stacks

    /** An image: a format over a file-like node with only a filename. */
    record Image(String format, String protocol, String file) {
        BlockNode node(UnaryOperator<String> path, Image backing) {
            BlockNode file = Build.node(protocol, "filename", path.apply(this.file));
            return backing == null ? Build.node(format, "file", file)
                    : Build.node(format, "file", file, "backing", backing.node(path, null));
        }
    }

    record Bitmap(String name, String file, long granularity, boolean enabled) {
    }

    /** A stack a descriptor can hold; file names are relative, {@link #graph} places them. */
    record Stack(boolean qbmAtTop, Image image, Image backing, List<Bitmap> bitmaps, String mode, Long size) {
        BlockGraph graph(UnaryOperator<String> path) {
            List<Object> kv = new ArrayList<>();
            if (mode != null) {
                kv.addAll(List.of("mode", mode));
            }
            if (size != null) {
                kv.addAll(List.of("size", size));
            }
            kv.addAll(List.of("image", image.node(path, backing)));
            List<Object> items = new ArrayList<>();
            for (Bitmap b : bitmaps) {
                items.add(Build.obj("name", b.name(), "file", Build.node("file", "filename", path.apply(b.file())),
                        "granularity", b.granularity(), "enabled", b.enabled()));
            }
            kv.addAll(List.of("bitmaps", Build.arr(items.toArray())));
            BlockNode qbm = Build.node("qbm", kv.toArray());
            return Build.tree(qbmAtTop ? qbm : Build.node("raw", "file", qbm));
        }
    }

    /** File names: distinct per stack, with the characters that every syntax escapes differently. */
    private static Arbitrary<String> fileName() {
        Arbitrary<String> piece = Arbitraries.of("a", "disk", "b", "0", "-", "_", ".", ",", ",,", " ", "'", "\"", "=",
                "\u00fc", "\u65e5", "\ud83d\ude00", "json:", "x.img", "{", "}", "\\", "$", "#", ":");
        return piece.list().ofMinSize(1).ofMaxSize(5).map(l -> String.join("", l))
                .filter(s -> !s.equals(".") && !s.equals(".."));
    }

    private static Arbitrary<Image> image(Arbitrary<String> format) {
        return Combinators.combine(format, Arbitraries.of("file", "host_device"), fileName()).as(Image::new);
    }

    @Provide
    Arbitrary<Stack> stacks() {
        Arbitrary<Long> granularity = Arbitraries.integers().between(9, 31).map(e -> 1L << e);
        Arbitrary<Bitmap> bitmap = Combinators.combine(Strings.nonEmpty(), fileName(), granularity,
                Arbitraries.of(true, false)).as(Bitmap::new);
        Arbitrary<List<Bitmap>> bitmaps = bitmap.list().ofMinSize(1).ofMaxSize(4)
                .uniqueElements(Bitmap::name);
        Arbitrary<Image> image = image(Arbitraries.of("raw", "qcow2"));
        Arbitrary<Image> backing = image(Arbitraries.of("raw", "qcow2")).injectNull(0.5);
        Arbitrary<String> mode = Arbitraries.of("synchronous", "deferred").injectNull(0.3);
        // at most 512 MiB x granularity (BITMAP_TOO_LARGE): 256 GiB at the smallest granularity
        Arbitrary<Long> size = Arbitraries.longs().between(0, 1L << 38).injectNull(0.4);
        return Combinators.combine(Arbitraries.of(true, false), image, backing, bitmaps, mode, size)
                .as((top, img, back, bms, m, s) -> new Stack(top, img, img.format().equals("qcow2") ? back : null, bms, m, s))
                .filter(DescriptorRoundTripProperties::distinctFiles);
    }

    /** The image, its backing and every bitmap need their own file (SharedFileRule, docs/qbm-spec.md §1.4). */
    private static boolean distinctFiles(Stack s) {
        Set<String> files = new LinkedHashSet<>();
        files.add(s.image().file());
        if (s.backing() != null) {
            files.add(s.backing().file());
        }
        s.bitmaps().forEach(b -> files.add(b.file()));
        return files.size() == 2 + (s.backing() == null ? 0 : 1) + s.bitmaps().size() - 1;
    }

    // ---------------------------------------------------------------- the properties

    @Property(tries = 200)
    void absolutePathsKeepTheGraph(@ForAll("stacks") Stack stack) throws IOException {
        Path dir = Files.createTempDirectory(scratch, "abs");
        UnaryOperator<String> absolute = f -> dir + "/" + f;
        BlockGraph original = stack.graph(absolute);
        chain(stack, original, original, dir);
    }

    @Property(tries = 100)
    void relativePathsResolveAgainstTheDescriptor(@ForAll("stacks") Stack stack) throws IOException {
        Path dir = Files.createTempDirectory(scratch, "rel");
        BlockGraph original = stack.graph(UnaryOperator.identity());
        // the descriptor step reads "name" as DIR/name; nothing before it touches the paths
        BlockGraph resolved = stack.graph(f -> dir.resolve(f).normalize().toString());
        chain(stack, original, resolved, dir);
    }

    /**
     * @param original the generated graph
     * @param placed   the same graph with its paths as the descriptor step resolves them
     */
    private static void chain(Stack stack, BlockGraph original, BlockGraph placed, Path dir) throws IOException {
        Statistics.collect(stack.qbmAtTop() ? "qbm at top" : "raw over qbm", stack.backing() != null ? "backing" : "no backing");

        String hocon = Qbmc.emit(original, OutputForm.HOCON);
        BlockGraph fromHocon = compileFile(dir.resolve("stack.conf"), hocon);
        assertEquals(original, fromHocon, "HOCON:\n" + hocon);

        String descriptor = Qbmc.emit(fromHocon, OutputForm.QBM);
        List<?> schemaErrors = new ArrayList<>(schema.validate(descriptor, InputFormat.JSON));
        assertEquals(List.of(), schemaErrors, "descriptor against docs/schema/qbm-descriptor.schema.json:\n" + descriptor);
        BlockGraph fromDescriptor = compileFile(dir.resolve("stack.qbm"), descriptor);
        // a descriptor file is raw over the qbm filter
        BlockGraph expected = stack.qbmAtTop() ? Build.tree(Build.node("raw", "file", placed.nodes().get(0))) : placed;
        assertEquals(expected, fromDescriptor, "descriptor:\n" + descriptor);
        assertTrue(fromDescriptor.nodes().get(0) instanceof RawNode raw && raw.options().keySet().equals(Set.of("file")));
        QbmNode filter = io.qbmc.emit.DescriptorEmitter.qbmOf(fromDescriptor.nodes().get(0));
        assertEquals(io.qbmc.emit.DescriptorEmitter.qbmOf(placed.nodes().get(0)), filter);

        BlockGraph fromDotted = fromDescriptor;
        if (io.qbmc.testing.gen.GraphFacts.lineBreaks(fromDescriptor) > 0) {
            // one line cannot hold a line break: dotted refuses, the chain goes on from the descriptor
            assertThrows(Qbmc.UnsupportedFormException.class, () -> Qbmc.emit(expected, OutputForm.DOTTED));
        } else {
            String dotted = Qbmc.emit(fromDescriptor, OutputForm.DOTTED);
            fromDotted = compileText(dotted);
            assertEquals(expected, fromDotted, "dotted:\n" + dotted);
        }

        String json = Qbmc.emit(fromDotted, OutputForm.JSON);
        BlockGraph fromJson = compileText(json);
        assertEquals(expected, fromJson, "json:\n" + json);

        String again = Qbmc.emit(fromJson, OutputForm.HOCON);
        BlockGraph fromHoconAgain = compileFile(dir.resolve("again.conf"), again);
        assertEquals(expected, fromHoconAgain, "HOCON again:\n" + again);
        String last = Qbmc.emit(fromHoconAgain, OutputForm.QBM);
        assertEquals(Qbmc.emit(expected, OutputForm.QBM), last);
        if (placed.equals(original)) {
            assertEquals(descriptor, last, "with absolute paths the descriptor is a fixed point");
        }
    }

    /** Writes a file (.conf or .qbm) and compiles it as that file, so includes and relative paths work. */
    private static BlockGraph compileFile(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return valid(new Compiler(Dialect.IMAGE_OPTS).compile(new Source(file.toString(), text, file)), text);
    }

    private static BlockGraph compileText(String text) {
        return valid(new Compiler(Dialect.IMAGE_OPTS).compile(Source.of(text)), text);
    }

    /** The graph of a compile that has no diagnostics at all: a round trip adds no error and no warning. */
    private static BlockGraph valid(CompileResult r, String text) {
        assertEquals(List.of(), r.diagnostics().stream().map(Object::toString).collect(Collectors.toList()),
                () -> "diagnostics of\n" + text);
        return r.graph();
    }
}
