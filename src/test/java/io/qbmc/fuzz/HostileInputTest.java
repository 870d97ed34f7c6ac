package io.qbmc.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.qbmc.api.OutputForm;
import io.qbmc.api.Qbmc;
import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Compiler;
import io.qbmc.compile.Dialect;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.source.Source;
import io.qbmc.source.Span;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: at least 100,000 generated and mutated inputs across every input form. The only
 * outcomes allowed are a graph or diagnostics whose spans lie inside the input; no exception, and
 * no input takes longer than a second. Limits get diagnostics, never StackOverflowError or
 * OutOfMemoryError.
 */
class HostileInputTest {
    static final int INPUTS = 100_000;

    /** The seeds: every example, plus one spec per form and driver family. */
    static List<String> seeds() throws IOException {
        List<String> seeds = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("examples"))) {
            for (Path p : s.sorted().toList()) {
                if (!p.toString().endsWith(".golden")) {
                    seeds.add(Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
        seeds.add("driver=raw,file.driver=file,file.filename=x,,y.img,size=1M,cache.direct=on");
        seeds.add("json:{'driver': 'quorum', 'vote-threshold': 2, 'children': [{'driver': 'null-co'}, "
                + "{'driver': 'null-aio', 'size': '1G'}]}");
        seeds.add("json:{\"driver\":\"blkdebug\",\"x-image\":\"json:{\\\"driver\\\":\\\"raw\\\",\\\"file\\\":"
                + "{\\\"driver\\\":\\\"file\\\",\\\"filename\\\":\\\"a.raw\\\"}}\",\"inject-error.0.event\":\"read_aio\"}");
        seeds.add("driver=nbd,server.type=inet,server.host=localhost,server.port=10809,export=disk");
        seeds.add("driver=rbd,pool=rbd,image=vm1,server.0.host=mon1,server.0.port=6789,user=admin");
        seeds.add("file=disk.qcow2,format=qcow2,if=virtio,cache=unsafe,aio=threads,readonly=on,id=d0");
        seeds.add("{\"QBM\": {\"version\": 1, \"image\": {\"file\": \"d.img\", \"format\": \"raw\"}, \"bitmaps\": "
                + "[{\"name\": \"a\", \"file\": \"a.bm\", \"granularity\": 65536, \"in-use\": true}]}}");
        seeds.add("driver = qbm\nimage { driver = raw, file { driver = file, filename = d.img } }\n"
                + "bitmaps = [ { name = a, granularity = 64k, file { driver = file, filename = a.bm } } ]\n");
        return seeds;
    }

    private record Form(String name, Dialect dialect, String prefix, Path file) {
    }

    private static final List<Form> FORMS = List.of(
            new Form("image-opts", Dialect.IMAGE_OPTS, "", null),
            new Form("drive", Dialect.DRIVE, "", null),
            new Form("blockdev", Dialect.BLOCKDEV, "", null),
            new Form("json", Dialect.IMAGE_OPTS, "json:", null),
            new Form("command line", Dialect.IMAGE_OPTS, "qemu-system-x86_64 -m 512 -drive ", null),
            new Form("hocon", Dialect.IMAGE_OPTS, "", Path.of("fuzz-input.conf")),
            new Form("descriptor", Dialect.IMAGE_OPTS, "", Path.of("fuzz-input.qbm")),
            new Form("json config", Dialect.IMAGE_OPTS, "", Path.of("fuzz-input.json")));

    @Test
    void noGeneratedInputBreaksTheCompiler() throws Exception {
        List<String> seeds = seeds();
        AtomicLong slowest = new AtomicLong();
        AtomicLong count = new AtomicLong();
        // two halves on two threads: the compiler is shared and must be safe for that too
        IntStream.range(0, 2).parallel().forEach(half -> {
            Mutator m = new Mutator(0x9b3c + half);
            for (int i = half; i < INPUTS; i += 2) {
                String base = i % 10 == 0 ? m.noise(200) : m.mutate(seeds.get(m.random().nextInt(seeds.size())));
                Form form = FORMS.get(i % FORMS.size());
                String text = form.prefix() + base;
                long t = check(text, form);
                if (t > 1_000_000_000L) {
                    // a pause of the machine, not of qbmc, should not fail the suite: time it again
                    t = check(text, form);
                    if (t > 1_000_000_000L) {
                        fail("input took " + t / 1_000_000 + " ms (" + form.name() + "): " + abbreviate(text));
                    }
                }
                slowest.accumulateAndGet(t, Math::max);
                count.incrementAndGet();
            }
        });
        assertEquals(INPUTS, count.get());
        System.out.printf("hostile input: %d inputs over %d forms, slowest %.1f ms%n", count.get(), FORMS.size(),
                slowest.get() / 1e6);
    }

    /** Compiles one input; fails on an exception or a span outside the input; returns nanoseconds. */
    static long check(String text, Form form) {
        Source source = form.file() == null ? Source.of(text) : new Source(form.file().toString(), text, form.file());
        long start = System.nanoTime();
        CompileResult r;
        try {
            r = new Compiler(form.dialect()).compile(source);
            if (r.valid()) {
                for (OutputForm out : OutputForm.values()) {
                    try {
                        Qbmc.emit(r.graph(), out);
                    } catch (Qbmc.UnsupportedFormException expected) {
                        // some graphs have no form in some outputs; that is a diagnostic, not a crash
                    }
                }
            }
        } catch (Throwable t) {
            throw new AssertionError(form.name() + " input broke the compiler: " + abbreviate(text), t);
        }
        long elapsed = System.nanoTime() - start;
        for (Diagnostic d : r.diagnostics()) {
            spanInside(d, source, text, form);
        }
        return elapsed;
    }

    private static void spanInside(Diagnostic d, Source source, String text, Form form) {
        Span s = d.span();
        if (!s.isKnown() || s.source() != source) {
            return;
        }
        if (s.hasOffsets()) {
            assertTrue(s.start() >= 0 && s.end() <= text.length() && s.start() <= s.end(),
                    () -> form.name() + ": span " + s.start() + ".." + s.end() + " outside input of " + text.length()
                            + " for " + d + " in " + abbreviate(text));
        } else {
            assertTrue(s.line() >= 1 && s.line() <= source.lineCount(),
                    () -> form.name() + ": line " + s.line() + " outside input for " + d);
        }
    }

    private static String abbreviate(String s) {
        String e = s.replace("\n", "\\n");
        return e.length() > 300 ? e.substring(0, 300) + "..." : e;
    }

    @Test
    void aHundredThousandNestedBracketsGiveADiagnostic() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        for (String text : List.of("json:" + deep, deep, "json:{\"a\":" + "{\"a\":".repeat(100_000) + "1"
                + "}".repeat(100_001))) {
            CompileResult r = new Compiler(Dialect.BLOCKDEV).compile(Source.of(text));
            assertTrue(r.diagnostics().stream().anyMatch(d -> d.code() == Code.JSON_TOO_DEEP), r.diagnostics()::toString);
        }
        Source hocon = new Source("deep.conf", "a = " + "{ a = ".repeat(100_000) + "1" + " }".repeat(100_000),
                Path.of("deep.conf"));
        CompileResult h = new Compiler(Dialect.IMAGE_OPTS).compile(hocon);
        assertTrue(h.diagnostics().stream().anyMatch(d -> d.code() == Code.INPUT_LIMIT), h.diagnostics()::toString);
        String keys = "driver=raw," + "a.".repeat(100_000) + "b=1";
        CompileResult k = new Compiler(Dialect.IMAGE_OPTS).compile(Source.of(keys));
        assertTrue(k.diagnostics().stream().anyMatch(d -> d.code() == Code.INPUT_LIMIT), k.diagnostics()::toString);
    }

    /**
     * Nesting the text check cannot see: brackets after a quote in a comment, a long dotted key,
     * a long chain of substitutions. typesafe-config recurses on each.
     */
    @Test
    void hoconNestingHiddenFromTheTextCheckGivesADiagnostic() {
        List<String> texts = List.of(
                "# \"\na = " + "[".repeat(100_000) + "]".repeat(100_000) + "\n",
                "// \"\na = " + "{ a = ".repeat(100_000) + "1" + " }".repeat(100_000) + "\n",
                "k" + ".k".repeat(100_000) + " = 1\n",
                chain(100_000));
        for (String text : texts) {
            Source hocon = new Source("hidden.conf", text, Path.of("hidden.conf"));
            CompileResult r = new Compiler(Dialect.IMAGE_OPTS).compile(hocon);
            assertTrue(r.diagnostics().stream().anyMatch(d -> d.code() == Code.INPUT_LIMIT),
                    () -> text.substring(0, 20) + ": " + r.diagnostics());
        }
    }

    /** Substitutions that ask for gigabytes, or for seconds per input, are refused before they are resolved. */
    @Test
    void hoconSubstitutionsThatExplodeAreRefusedBeforeResolving() {
        StringBuilder laughs = new StringBuilder("x0 = \"aaa\"\n");
        for (int i = 1; i < 40; i++) {
            laughs.append('x').append(i).append(" = ${x").append(i - 1).append("}${x").append(i - 1).append("}\n");
        }
        StringBuilder appends = new StringBuilder("k = []\n");
        for (int i = 0; i < 4000; i++) {
            appends.append("k += ").append(i).append('\n');
        }
        for (String text : List.of(laughs.toString(), appends.toString())) {
            long start = System.nanoTime();
            CompileResult r = new Compiler(Dialect.IMAGE_OPTS).compile(new Source("x.conf", text, Path.of("x.conf")));
            assertTrue(r.diagnostics().stream().anyMatch(d -> d.code() == Code.INPUT_LIMIT), r.diagnostics()::toString);
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused quickly, not after resolving");
        }
    }

    private static String chain(int n) {
        StringBuilder b = new StringBuilder("x0 = 1\n");
        for (int i = 1; i <= n; i++) {
            b.append('x').append(i).append(" = ${x").append(i - 1).append("}\n");
        }
        return b.toString();
    }

    @Test
    void jsonAtQemusNestingLimitStillParses() {
        String ok = "json:{\"driver\": \"raw\", \"x\": " + "[".repeat(1023) + "]".repeat(1023) + "}";
        CompileResult r = new Compiler(Dialect.IMAGE_OPTS).compile(Source.of(ok));
        assertTrue(r.diagnostics().stream().noneMatch(d -> d.code() == Code.JSON_TOO_DEEP), r.diagnostics()::toString);
    }

    @Test
    void aHundredMebibyteLineIsRefusedWithADiagnostic() {
        String huge = "driver=raw,file.driver=file,file.filename=" + "x".repeat(100 << 20);
        CompileResult r = new Compiler(Dialect.IMAGE_OPTS).compile(Source.of(huge));
        assertEquals(List.of(Code.INPUT_LIMIT), r.diagnostics().stream().map(Diagnostic::code).toList());
    }

    @Test
    void moreThan65535BitmapsAreRefused() {
        StringBuilder b = new StringBuilder("driver=qbm,size=1M,image.driver=raw,image.file.driver=file,"
                + "image.file.filename=d.img");
        for (int i = 0; i < 65536; i++) {
            b.append(",bitmaps.").append(i).append(".name=b").append(i).append(",bitmaps.").append(i)
                    .append(".file.driver=file,bitmaps.").append(i).append(".file.filename=b").append(i);
        }
        CompileResult r = new Compiler(Dialect.IMAGE_OPTS).compile(Source.of(b.toString()));
        assertTrue(r.diagnostics().stream().anyMatch(d -> d.code() == Code.INPUT_LIMIT), "no limit diagnostic");
    }
}
