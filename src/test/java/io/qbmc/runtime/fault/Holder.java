package io.qbmc.runtime.fault;

import io.qbmc.runtime.Access;
import io.qbmc.runtime.BlockDevice;
import io.qbmc.runtime.StackException;
import io.qbmc.runtime.Stacks;
import java.nio.file.Path;

/**
 * Child main: opens a stack (args: descriptor, read|write[, dirty]), with "dirty" writes 4 KiB at
 * 1 MiB first, prints "open", and holds it until killed.
 */
public final class Holder {
    private Holder() {
    }

    public static void main(String[] args) throws Exception {
        Access access = args[1].equals("write") ? Access.READ_WRITE : Access.READ_ONLY;
        try (BlockDevice dev = Stacks.open(Path.of(args[0]), access)) {
            if (args.length > 2 && args[2].equals("dirty")) {
                dev.write(1 << 20, java.nio.ByteBuffer.allocate(4096));
            }
            System.out.println("open");
            System.out.flush();
            Thread.sleep(60_000);
        } catch (StackException e) {
            System.out.println("refused " + e.getMessage());
        }
    }
}
