package io.qbmc.differential.blockdev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Compiler;
import io.qbmc.compile.Dialect;
import io.qbmc.diag.Diagnostic;
import io.qbmc.differential.DivergenceTally;
import io.qbmc.differential.HostPrograms;
import io.qbmc.differential.PerCategory;
import io.qbmc.source.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The -blockdev differential suite: every set of the corpus goes through qemu-storage-daemon 7.2
 * and through qbmc, both as the pasted command line and (when it defines no objects) as the
 * nodes one per line; every reading must give QEMU's verdict. Without qemu-storage-daemon (Debian:
 * qemu-system-common) or qemu-img (qemu-utils, to create the images) the suite is skipped with
 * a message, unless QBMC_REQUIRE_QEMU=1 (CI), which makes that a failure.
 * QBMC_QEMU_STORAGE_DAEMON and QBMC_QEMU_IMG name other binaries.
 *
 * <p>Run it with {@code mvn -B -q test -Dtest='io.qbmc.differential.blockdev.**'}.
 */
class BlockdevDifferentialTest {
    /** qemu-storage-daemon runs this many at a time. */
    private static final int PARALLEL = 2;
    /** Categories whose rejected sets must get QEMU's own message, word for word, among qbmc's errors. */
    private static final Set<String> SAME_MESSAGE = Set.of("unknown-option", "object-properties");

    @Test
    void corpusIsLargeDeterministicAndCoversTheBrief() {
        List<BlockdevSet> corpus = BlockdevCorpus.corpus();
        assertTrue(corpus.size() >= 150, "corpus has " + corpus.size() + " sets");
        assertEquals(corpus, BlockdevCorpus.corpus(), "the corpus must not change between runs");
        Set<String> categories = corpus.stream().map(BlockdevSet::category).collect(Collectors.toSet());
        for (String c : List.of("valid", "duplicate-node-name", "unknown-reference", "forward-reference",
                "reference-cycle", "missing-node-name", "json-typing", "keyval-scalars", "unknown-option",
                "inline-child", "reference-with-options", "objects", "object-properties", "bad-enum", "bad-node-name", "read-only",
                "json-syntax")) {
            long n = corpus.stream().filter(s -> s.category().equals(c)).count();
            assertTrue(n >= 3, "category " + c + " has " + n + " set(s)");
        }
        String all = corpus.stream().map(BlockdevSet::commandLine).collect(Collectors.joining("\n"));
        for (String driver : List.of("file", "raw", "qcow2", "luks", "quorum", "throttle")) {
            assertTrue(all.contains("\"driver\":\"" + driver + "\"") && all.contains("driver=" + driver),
                    "no JSON and keyval node of driver " + driver);
        }
        assertTrue(all.contains("qom-type") && all.contains("--object 'secret,") && all.contains("--object 'throttle-group,"),
                "objects in both forms");
        assertTrue(corpus.stream().filter(BlockdevSet::mixesForms).count() >= 30, "sets that mix JSON and keyval");
        assertTrue(corpus.stream().filter(s -> s.args().size() >= 3).count() >= 100, "sets of three or more arguments");
    }

    @Test
    void qbmcAgreesWithQemuStorageDaemon(@TempDir Path dir) throws Exception {
        Optional<String> daemon = HostPrograms.find("QBMC_QEMU_STORAGE_DAEMON", "qemu-storage-daemon");
        Optional<String> qemuImg = HostPrograms.find("QBMC_QEMU_IMG", "qemu-img");
        if (daemon.isEmpty() || qemuImg.isEmpty()) {
            HostPrograms.missing((daemon.isEmpty() ? "qemu-storage-daemon (Debian: qemu-system-common)"
                    : "qemu-img (Debian: qemu-utils)") + " not found (PATH, or QBMC_QEMU_STORAGE_DAEMON / QBMC_QEMU_IMG):"
                    + " the -blockdev differential suite did not run");
        }
        long start = System.nanoTime();
        // one folder per worker: two daemons opening one image at once would fail on its lock
        java.util.concurrent.BlockingQueue<StorageDaemon> daemons = new java.util.concurrent.ArrayBlockingQueue<>(PARALLEL);
        for (int i = 0; i < PARALLEL; i++) {
            Path folder = java.nio.file.Files.createDirectory(dir.resolve("w" + i));
            daemons.add(new StorageDaemon(daemon.get(), BlockdevWorkspace.create(folder, qemuImg.get())));
        }
        List<BlockdevSet> corpus = BlockdevCorpus.corpus();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        Map<BlockdevSet, StorageDaemon.Outcome> outcomes = new LinkedHashMap<>();
        try {
            Map<BlockdevSet, Future<StorageDaemon.Outcome>> futures = new LinkedHashMap<>();
            for (BlockdevSet s : corpus) {
                futures.put(s, pool.submit(() -> {
                    StorageDaemon qemu = daemons.take();
                    try {
                        return qemu.run(s);
                    } finally {
                        daemons.add(qemu);
                    }
                }));
            }
            for (Map.Entry<BlockdevSet, Future<StorageDaemon.Outcome>> e : futures.entrySet()) {
                outcomes.put(e.getKey(), e.getValue().get());
            }
        } finally {
            pool.shutdownNow();
        }

        List<BlockdevDivergence> divergences = new ArrayList<>();
        StringBuilder problems = new StringBuilder();
        int readings = 0;
        int messages = 0;
        int rejected = 0;
        PerCategory perCategory = new PerCategory();
        for (Map.Entry<BlockdevSet, StorageDaemon.Outcome> e : outcomes.entrySet()) {
            BlockdevSet set = e.getKey();
            StorageDaemon.Outcome q = e.getValue();
            if (q.verdict() == StorageDaemon.Outcome.Verdict.UNDECIDED) {
                perCategory.add(set.category(), false);
                problems.append("qemu-storage-daemon gave no verdict for ").append(set.id()).append(": ")
                        .append(set.commandLine()).append("\n    ").append(q.describe()).append('\n');
                continue;
            }
            boolean accepted = q.verdict() == StorageDaemon.Outcome.Verdict.ACCEPTED;
            boolean agreed = true;
            Map<String, String> forms = new LinkedHashMap<>();
            forms.put("command line", set.commandLine());
            if (!set.hasObjects()) {
                forms.put("lines", set.lines());
            }
            for (Map.Entry<String, String> f : forms.entrySet()) {
                readings++;
                CompileResult mine = new Compiler(Dialect.BLOCKDEV).compile(Source.of(f.getValue()));
                if (mine.valid() != accepted) {
                    agreed = false;
                    divergences.add(new BlockdevDivergence(set, f.getKey(), q.describe(), describe(mine)));
                } else if (!accepted && f.getKey().equals("command line")) {
                    rejected++;
                    if (mine.diagnostics().stream().anyMatch(d -> d.isError() && d.message().equals(q.error()))) {
                        messages++;
                    } else if (SAME_MESSAGE.contains(set.category())) {
                        agreed = false;
                        problems.append("qbmc does not give QEMU's message for ").append(set.id()).append(": ")
                                .append(set.commandLine()).append("\n    qemu: ").append(q.error()).append("\n    qbmc: ")
                                .append(describe(mine)).append('\n');
                    }
                }
            }
            perCategory.add(set.category(), agreed);
        }

        DivergenceTally<BlockdevDivergence> tally = new DivergenceTally<>(divergences, KnownBlockdevDivergence.ALL);
        List<BlockdevDivergence> unexplained = tally.unexplained();
        long accepted = outcomes.values().stream().filter(o -> o.verdict() == StorageDaemon.Outcome.Verdict.ACCEPTED)
                .count();
        System.out.printf(java.util.Locale.ROOT,
                "blockdev differential: %d sets, %d qbmc readings, qemu-storage-daemon accepted %d; %d divergences"
                        + " (%d known); QEMU's own message among qbmc's errors for %d of %d rejected sets;"
                        + " per category (agreed/run): %s; %.1fs%n",
                corpus.size(), readings, accepted, divergences.size(), tally.explained(), messages, rejected, perCategory,
                (System.nanoTime() - start) / 1e9);
        tally.print("reading(s)");

        for (BlockdevDivergence d : unexplained) {
            problems.append(d.describe()).append('\n');
        }
        tally.reportStale(problems, "remove it");
        if (accepted < corpus.size() / 4 || corpus.size() - accepted < corpus.size() / 4) {
            problems.append("the corpus is lopsided: qemu-storage-daemon accepted ").append(accepted).append(" of ")
                    .append(corpus.size()).append('\n');
        }
        if (problems.length() > 0) {
            fail(unexplained.size() + " unexplained divergence(s):\n" + problems);
        }
    }

    private static String describe(CompileResult r) {
        return r.valid() ? "valid"
                : "invalid: " + r.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::message)
                        .collect(Collectors.joining(" | "));
    }
}
