package io.qbmc.runtime.fault;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM on the test classpath, running a small main class: what the fault tests kill. Its
 * stdout is drained by a thread as it comes, so a chatty child never blocks on a full pipe, and
 * every line it flushed before dying is kept.
 */
public final class ChildJvm implements AutoCloseable {
    private static final String EOF = "\u0000eof";
    private final Process process;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread drain;

    private ChildJvm(Process process) {
        this.process = process;
        this.drain = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                lines.add(EOF);
            }
        }, "child-stdout");
        drain.setDaemon(true);
        drain.start();
    }

    public static ChildJvm start(Class<?> main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        // start fast: these children live for a fraction of a second
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Xshare:auto");
        cmd.add("-Xmx128m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return new ChildJvm(pb.start());
    }

    /** The next line the child printed (waiting up to 60 s), or null once it has exited. */
    public String readLine() throws InterruptedException {
        String line = lines.poll(60, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("the child printed nothing for 60 s");
        }
        if (line.equals(EOF)) {
            lines.add(EOF);
            return null;
        }
        return line;
    }

    /** Every line not read yet, up to the child's end; call after it has exited. */
    public List<String> rest() throws InterruptedException {
        List<String> out = new ArrayList<>();
        for (String line = readLine(); line != null; line = readLine()) {
            out.add(line);
        }
        return out;
    }

    public Process process() {
        return process;
    }

    /**
     * SIGKILL on Linux: no shutdown hook, no close, no flush. Sent through the process handle, because
     * Process.destroyForcibly also closes our end of the pipes, losing lines the child had printed.
     */
    public void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
