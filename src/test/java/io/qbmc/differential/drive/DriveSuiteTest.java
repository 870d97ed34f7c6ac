package io.qbmc.differential.drive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.qbmc.differential.DivergenceTally;
import io.qbmc.differential.HostPrograms;
import io.qbmc.differential.PerCategory;
import io.qbmc.differential.Verdict;
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
 * The -drive differential suite: every string of the corpus goes through qemu-system-x86_64 7.2
 * and through qbmc's -drive dialect; both must give the same verdict, the same first error, and
 * where QEMU created the drive, the graph qbmc built must be what query-block shows. Without
 * qemu-system-x86_64 (and qemu-img, which makes the workspace's qcow2 images) the suite is
 * skipped with a message, unless QBMC_REQUIRE_QEMU=1 (CI), which makes that a failure.
 */
class DriveSuiteTest {
    /** Two QEMU processes at a time: the suite must finish within a minute on a two-core machine. */
    static final int PARALLEL = 2;

    @Test
    void corpusIsLargeDeterministicAndCoversEveryPartOfDrive() {
        List<DriveSpec> corpus = DriveCorpus.corpus();
        assertTrue(corpus.size() >= 200, "corpus has " + corpus.size() + " strings");
        assertEquals(corpus, DriveCorpus.corpus(), "the corpus must not change between runs");
        Set<String> categories = corpus.stream().map(DriveSpec::category).collect(Collectors.toSet());
        for (String c : List.of("path", "protocol", "protocol-error", "protocol-net", "format", "cache", "aio",
                "readonly", "throttling", "frontend", "empty", "json", "unknown", "generated")) {
            assertTrue(categories.contains(c), "no string in category " + c);
        }
        for (String fragment : List.of(",,", "file:", "null-co://", "nbd://", "nbd+unix://", "nbd:unix:", "nbd:",
                "http://", "https://", "ftp://", "ftps://", "ssh://", "iscsi://", "rbd:", "blkdebug:", "blkverify:",
                "format=raw,driver=raw", "cache=bogus", "aio=", "readonly=on,read-only=on",
                "iops=100,throttling.iops-total", "if=", "bus=", "unit=", "index=", "media=", "id=", "serial=",
                "werror=", "rerror=", "addr=", "boot=", "snapshot=", "copy-on-read=", "file=,", "file=json:",
                "bogus=1", DriveWorkspace.UNICODE)) {
            assertTrue(corpus.stream().anyMatch(s -> s.text().contains(fragment)), "no string with " + fragment);
        }
        for (DriveSpec s : corpus) {
            assertTrue(s.text().contains("if="), s.id() + " has no if=");
        }
    }

    @Test
    void qbmcAgreesWithQemuSystem(@TempDir Path dir) throws Exception {
        Optional<String> qemu = QemuSystem.find();
        Optional<String> qemuImg = QemuSystem.findQemuImg();
        if (qemu.isEmpty() || qemuImg.isEmpty()) {
            HostPrograms.missing((qemu.isEmpty() ? "qemu-system-x86_64 not found (PATH, or QBMC_QEMU_SYSTEM)"
                    : "qemu-img not found (PATH, or QBMC_QEMU_IMG)") + ": the -drive differential suite did not run");
        }
        long start = System.nanoTime();
        // one workspace per process: two QEMUs opening one image read-write would fight over its lock
        List<DriveWorkspace> workspaces = new ArrayList<>();
        List<QemuSystem> systems = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            Path w = java.nio.file.Files.createDirectory(dir.resolve("w" + i));
            workspaces.add(DriveWorkspace.create(w, qemuImg.get()));
            systems.add(QemuSystem.in(qemu.get(), w));
        }
        DriveWorkspace ws = workspaces.get(0);
        QemuSystem system = systems.get(0);
        List<DriveSpec> corpus = DriveCorpus.corpus();
        // what this machine can do decides which strings run: a network namespace for network
        // drives, O_DIRECT and io_uring for the strings that ask for them
        boolean odirect = works(system, "file=a.raw,format=raw,if=none,cache=none");
        boolean ioUring = works(system, "file=a.raw,format=raw,if=none,aio=io_uring");
        List<DriveSpec> run = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (DriveSpec s : corpus) {
            if (s.network() && !system.canIsolate()) {
                skipped.add("network (no unshare -n)");
            } else if (s.needsODirect() && !odirect) {
                skipped.add("O_DIRECT (not on this file system)");
            } else if (s.needsIoUring() && !ioUring) {
                skipped.add("io_uring (not in this kernel)");
            } else {
                run.add(s);
            }
        }
        DriveComparison comparison = new DriveComparison(ws);
        List<ExecutorService> pools = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            pools.add(Executors.newSingleThreadExecutor());
        }
        List<DriveComparison.Result> results = new ArrayList<>();
        try {
            List<Future<DriveComparison.Result>> futures = new ArrayList<>();
            for (int i = 0; i < run.size(); i++) {
                DriveSpec s = run.get(i);
                QemuSystem on = systems.get(i % PARALLEL);
                futures.add(pools.get(i % PARALLEL).submit(() -> comparison.compare(s, on.run(s))));
            }
            for (Future<DriveComparison.Result> f : futures) {
                results.add(f.get());
            }
        } finally {
            pools.forEach(ExecutorService::shutdownNow);
        }

        List<DriveComparison.Result> undecided = results.stream()
                .filter(r -> r.qemu().verdict() == Verdict.UNDECIDED).toList();
        List<DriveComparison.Divergence> divergences = results.stream().map(DriveComparison.Result::divergence)
                .filter(d -> d != null).toList();
        DivergenceTally<DriveComparison.Divergence> tally = new DivergenceTally<>(divergences, DriveKnownDivergence.ALL);
        List<DriveComparison.Divergence> unexplained = tally.unexplained();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(summary(corpus.size(), run.size(), skipped, results, tally.explained(), seconds));
        tally.print("string(s)");

        StringBuilder problems = new StringBuilder();
        for (DriveComparison.Result r : undecided) {
            problems.append("qemu-system gave no verdict for ").append(r.spec().id()).append(": -drive ")
                    .append(r.spec().text()).append("\n    ").append(r.qemu().describe()).append('\n');
        }
        for (DriveComparison.Divergence d : unexplained) {
            problems.append(d.describe()).append('\n');
        }
        tally.reportStale(problems, "remove it from DriveKnownDivergence");
        long accepted = results.stream().filter(r -> r.qemu().verdict().accepted()).count();
        if (accepted < results.size() / 4 || results.size() - accepted < results.size() / 4) {
            problems.append("the corpus is lopsided: QEMU accepted ").append(accepted).append(" of ")
                    .append(results.size()).append('\n');
        }
        if (run.size() < 200) {
            problems.append("only ").append(run.size()).append(" strings ran; the suite needs at least 200\n");
        }
        if (problems.length() > 0) {
            fail(unexplained.size() + " unexplained divergence(s), " + undecided.size() + " undecided:\n" + problems);
        }
    }

    private static boolean works(QemuSystem system, String text) throws Exception {
        return system.run(new DriveSpec("probe", "probe", text, false)).verdict() == Verdict.ACCEPTED;
    }

    private static String summary(int corpus, int run, List<String> skipped, List<DriveComparison.Result> results,
            int known, double seconds) {
        long agreed = results.stream().filter(r -> r.divergence() == null).count();
        long graphs = results.stream().filter(r -> r.graphChecked() && r.divergence() == null
                && r.qemu().verdict() == Verdict.ACCEPTED).count();
        long addresses = results.stream().filter(r -> r.graphChecked() && r.divergence() == null
                && r.qemu().verdict() == Verdict.ACCEPTED_UNREACHABLE).count();
        long messages = results.stream().filter(r -> !r.qbmcValid() && !r.qemu().verdict().accepted()
                && r.divergence() == null).count();
        Map<Verdict, Long> verdicts = results.stream()
                .collect(Collectors.groupingBy(r -> r.qemu().verdict(), TreeMap::new, Collectors.counting()));
        PerCategory perCategory = new PerCategory();
        results.forEach(r -> perCategory.add(r.spec().category(), r.divergence() == null));
        String skips = skipped.isEmpty() ? "" : ", " + (corpus - run) + " skipped "
                + skipped.stream().collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting()));
        return String.format(java.util.Locale.ROOT,
                "-drive differential: %d strings run%s, %d agreed (%d same first error, %d graphs matching query-block,"
                        + " %d servers QEMU tried matching qbmc's), %d known divergences; qemu-system %s;"
                        + " per category (agreed/run): %s; %.1fs",
                run, skips, agreed, messages, graphs, addresses, known, verdicts, perCategory, seconds);
    }
}
