package io.qbmc.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential suite: every spec of the corpus goes through qemu-img 7.2 and through qbmc;
 * both must give the same verdict, and where qemu-img prints a canonical name, qbmc's graph must
 * agree with it. Without qemu-img the suite is skipped with a message, unless
 * QBMC_REQUIRE_QEMU=1 (CI), which makes a missing qemu-img a failure.
 */
class DifferentialSuiteTest {

    @Test
    void corpusIsLargeDeterministicAndCoversEveryDriver() {
        List<Spec> corpus = CorpusGenerator.corpus();
        assertTrue(corpus.size() >= 500, "corpus has " + corpus.size() + " specs");
        assertEquals(corpus, CorpusGenerator.corpus(), "the corpus must not change between runs");
        Set<String> drivers = corpus.stream().map(Spec::driver).collect(Collectors.toSet());
        for (String d : List.of("file", "host_device", "host_cdrom", "raw", "qcow2", "luks", "quorum", "null-co",
                "null-aio", "blkdebug", "blkverify", "throttle", "copy-on-read", "nbd", "rbd", "iscsi", "ssh", "http",
                "https", "nvme", "vmdk", "qcow", "qed", "vdi", "vhdx", "vpc", "parallels", "blklogwrites", "preallocate", "compress",
                "copy-before-write", "replication", "snapshot-access", "vvfat")) {
            assertTrue(drivers.contains(d), "no spec for driver " + d);
        }
        long json = corpus.stream().filter(Spec::json).count();
        assertTrue(json >= 150 && corpus.size() - json >= 150, json + " json: specs of " + corpus.size());
        Set<String> categories = corpus.stream().map(Spec::category).collect(Collectors.toSet());
        for (String c : List.of("valid", "unknown-option", "misspelled-driver", "bad-bool", "bad-number", "bad-size",
                "quorum-children", "vote-threshold", "quorum-blkverify", "blkverify", "duplicate-key", "comma-filename",
                "unicode-filename", "long-value", "json-syntax", "nested-json")) {
            assertTrue(categories.contains(c), "no spec in category " + c);
        }
    }

    @Test
    void qbmcAgreesWithQemuImg(@TempDir Path dir) throws Exception {
        Optional<String> qemuImg = QemuImg.find();
        if (qemuImg.isEmpty()) {
            HostPrograms.missing("qemu-img not found (PATH, or QBMC_QEMU_IMG): the differential suite against QEMU did"
                    + " not run");
        }
        long start = System.nanoTime();
        Workspace ws = Workspace.create(dir, qemuImg.get());
        QemuImg qemu = QemuImg.in(qemuImg.get(), ws);
        List<Spec> corpus = CorpusGenerator.corpus();
        // network drivers run only without a network, and only if this qemu-img has their module
        List<String> missing = qemu.canIsolate() ? qemu.unavailable(CorpusGenerator.NETWORK_DRIVERS) : List.of();
        List<Spec> run = new ArrayList<>();
        for (Spec s : corpus) {
            if (!s.network() || qemu.canIsolate() && !missing.contains(s.driver())) {
                run.add(s);
            }
        }
        if (!qemu.canIsolate()) {
            System.out.println("NOTE: unshare -n is not available: the network-driver specs are skipped");
        } else if (!missing.isEmpty()) {
            System.out.println("NOTE: qemu-img lacks the driver module(s) " + missing
                    + " (Debian: qemu-block-extra): their specs are skipped");
        }
        Comparison comparison = new Comparison(ws);
        int threads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Comparison.Result> results = new ArrayList<>();
        try {
            List<Future<Comparison.Result>> futures = new ArrayList<>();
            for (Spec s : run) {
                futures.add(pool.submit(() -> comparison.compare(s, qemu.info(s))));
            }
            for (Future<Comparison.Result> f : futures) {
                results.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        List<Comparison.Result> undecided = results.stream()
                .filter(r -> r.qemu().verdict() == Verdict.UNDECIDED).toList();
        List<Divergence> divergences = results.stream().map(Comparison.Result::divergence)
                .filter(d -> d != null && d.spec() != null).toList();
        DivergenceTally<Divergence> tally = new DivergenceTally<>(divergences, KnownDivergence.ALL);
        List<Divergence> unexplained = tally.unexplained();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(summary(corpus.size(), run.size(), results, tally.explained(), qemu.canIsolate(), seconds));
        tally.print("spec(s)");

        StringBuilder problems = new StringBuilder();
        for (Comparison.Result r : undecided) {
            problems.append("qemu-img gave no verdict for ").append(r.spec().id()).append(": ")
                    .append(r.spec().text()).append("\n    ").append(r.qemu().describe()).append('\n');
        }
        for (Divergence d : unexplained) {
            problems.append(d.describe()).append('\n');
        }
        tally.reportStale(problems, "remove it from KnownDivergence");
        long accepted = results.stream().filter(r -> r.qemu().verdict().accepted()).count();
        if (accepted < results.size() / 4 || results.size() - accepted < results.size() / 4) {
            problems.append("the corpus is lopsided: qemu-img accepted ").append(accepted).append(" of ")
                    .append(results.size()).append('\n');
        }
        if (run.size() < 500) {
            problems.append("only ").append(run.size()).append(" specs ran; the suite needs at least 500\n");
        }
        if (problems.length() > 0) {
            fail(unexplained.size() + " unexplained divergence(s), " + undecided.size() + " undecided:\n" + problems);
        }
    }

    private static String summary(int corpus, int run, List<Comparison.Result> results, int known, boolean isolated,
            double seconds) {
        long agreed = results.stream().filter(r -> r.divergence() == null).count();
        Map<Verdict, Long> verdicts = results.stream()
                .collect(Collectors.groupingBy(r -> r.qemu().verdict(), TreeMap::new, Collectors.counting()));
        Map<Comparison.NameCheck, Long> names = results.stream().filter(r -> r.names() != Comparison.NameCheck.NONE)
                .collect(Collectors.groupingBy(Comparison.Result::names, TreeMap::new, Collectors.counting()));
        PerCategory perCategory = new PerCategory();
        results.forEach(r -> perCategory.add(r.spec().category(), r.divergence() == null));
        String skipped = corpus == run ? ""
                : ", " + (corpus - run) + " network specs skipped (" + (isolated ? "driver modules missing"
                        : "no unshare -n here") + ")";
        return String.format(java.util.Locale.ROOT,
                "differential: %d specs run%s, %d agreed, %d known divergences; qemu-img %s; names checked %s;"
                        + " per category (agreed/run): %s; %.1fs",
                run, skipped, agreed, known, verdicts, names, perCategory, seconds);
    }
}
