package io.qbmc.runtime.fault;

import io.qbmc.runtime.OpenFiles;
import io.qbmc.runtime.StackException;
import java.io.Closeable;
import java.nio.file.Path;

/** Child main: takes the replace locks on the files (args), prints "locked", and holds them until killed. */
public final class Replacer {
    private Replacer() {
    }

    public static void main(String[] args) throws Exception {
        Path[] paths = new Path[args.length];
        for (int i = 0; i < args.length; i++) {
            paths[i] = Path.of(args[i]);
        }
        try (Closeable lock = OpenFiles.lockForReplace("replace", paths)) {
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(60_000);
        } catch (StackException e) {
            System.out.println("refused " + e.getMessage());
        }
    }
}
