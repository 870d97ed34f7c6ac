package io.qbmc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.diag.Code;
import io.qbmc.runtime.fault.ChildJvm;
import io.qbmc.runtime.fault.Holder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer, readers alongside it, and replacements only when nobody has the stack open, as QEMU's image locking
 * has it; in this process and across processes.
 */
class LockingTest {
    private static final long G = 65536;

    @TempDir
    Path dir;
    Path qbm;

    @BeforeEach
    void stack() throws IOException {
        qbm = Stacks.create(dir, 16 * G, "synchronous", Stacks.Bm.of("daily", G));
    }

    @Test
    void anotherProcessWritingKeepsWritersOutButNotReaders() throws Exception {
        try (ChildJvm child = ChildJvm.start(Holder.class, qbm.toString(), "write")) {
            assertEquals("open", child.readLine());
            StackException w = assertThrows(StackException.class, () -> Stacks.open(qbm, Access.READ_WRITE));
            assertEquals(Code.STACK_LOCKED, w.code());
            assertEquals("Cannot open '" + dir.resolve("disk.img") + "' for writing: another process has it open for"
                    + " writing", w.getMessage());
            // read-only opens work alongside a writer, as with QEMU's locks
            try (BlockDevice dev = Stacks.open(qbm, Access.READ_ONLY)) {
                dev.read(0, ByteBuffer.allocate(10));
                assertEquals(0, dev.extents("daily").size());
            }
            // -U reads without locks, as qemu-img -U does
            try (BlockDevice dev = BlockDevice.open(Stacks.compile(qbm), Access.READ_ONLY, true)) {
                dev.read(0, ByteBuffer.allocate(10));
            }
        }
        // a killed writer's locks go with it
        Stacks.open(qbm, Access.READ_WRITE).close();
    }

    @Test
    void readersShareAndLetAWriterIn() throws Exception {
        try (ChildJvm child = ChildJvm.start(Holder.class, qbm.toString(), "read")) {
            assertEquals("open", child.readLine());
            try (BlockDevice dev = Stacks.open(qbm, Access.READ_ONLY)) {
                dev.read(0, ByteBuffer.allocate(1));
            }
            try (BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE)) {
                dev.write(0, ByteBuffer.wrap(new byte[] {1}));
            }
        }
    }

    @Test
    void aReplacementWaitsForEveryOpenerAndKeepsThemOut() throws Exception {
        Path img = dir.resolve("disk.img");
        try (ChildJvm child = ChildJvm.start(Holder.class, qbm.toString(), "read")) {
            assertEquals("open", child.readLine());
            StackException e = assertThrows(StackException.class, () -> OpenFiles.lockForReplace("replace", img, qbm));
            assertEquals(Code.STACK_LOCKED, e.code());
            assertEquals("Cannot replace '" + img + "': another process has it open for reading", e.getMessage());
        }
        try (ChildJvm child = ChildJvm.start(Holder.class, qbm.toString(), "write")) {
            assertEquals("open", child.readLine());
            StackException e = assertThrows(StackException.class, () -> OpenFiles.lockForReplace("replace", img, qbm));
            assertEquals("Cannot replace '" + img + "': another process has it open for writing", e.getMessage());
        }
        try (var lock = OpenFiles.lockForReplace("replace", img, qbm)) {
            for (String mode : new String[] {"read", "write"}) {
                try (ChildJvm child = ChildJvm.start(Holder.class, qbm.toString(), mode)) {
                    assertEquals("refused Cannot open '" + img + "' for " + (mode.equals("read") ? "reading" : "writing")
                            + ": another process is replacing it", child.readLine());
                }
            }
            // in this process too, except -U, which takes no locks
            StackException e = assertThrows(StackException.class, () -> Stacks.open(qbm, Access.READ_ONLY));
            assertEquals("Cannot open '" + img + "' for reading: it is being replaced in this process", e.getMessage());
            BlockDevice.open(Stacks.compile(qbm), Access.READ_ONLY, true).close();
            assertEquals("held", probe(img, 100));
        }
        assertEquals("free", probe(img, 100));
        assertEquals("free", probe(img, 101));
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_ONLY)) {
            StackException e = assertThrows(StackException.class, () -> OpenFiles.lockForReplace("replace", img));
            assertEquals("Cannot replace '" + img + "': it is open in this process", e.getMessage());
        }
        try (BlockDevice dev = BlockDevice.open(Stacks.compile(qbm), Access.READ_ONLY, true)) {
            OpenFiles.lockForReplace("replace", img).close();
            dev.read(0, ByteBuffer.allocate(1));
        }
        OpenFiles.lockForReplace("replace", img, dir.resolve("nonexistent")).close();
    }

    @Test
    void aWriterHereRefusesTheChildProcess() throws Exception {
        try (BlockDevice dev = Stacks.open(qbm, Access.READ_WRITE)) {
            try (ChildJvm child = ChildJvm.start(Holder.class, qbm.toString(), "write")) {
                String line = child.readLine();
                assertTrue(line.startsWith("refused Cannot open '") && line.endsWith("another process has it open for writing"),
                        line);
            }
            // the descriptor lock survives the replacements that in-use updates make
            dev.write(0, ByteBuffer.wrap(new byte[] {1}));
        }
    }

    @Test
    void inOneProcessASecondWriterIsRefusedAndReadersShare() throws Exception {
        try (BlockDevice w = Stacks.open(qbm, Access.READ_WRITE)) {
            StackException e = assertThrows(StackException.class, () -> Stacks.open(qbm, Access.READ_WRITE));
            assertEquals(Code.STACK_LOCKED, e.code());
            assertEquals("'" + dir.resolve("disk.img") + "' is already open for writing in this process", e.getMessage());
            try (BlockDevice r = Stacks.open(qbm, Access.READ_ONLY)) {
                w.write(0, ByteBuffer.wrap(new byte[] {7}));
                ByteBuffer b = ByteBuffer.allocate(1);
                r.read(0, b);
                assertEquals(7, b.get(0));
            }
            // the reader's close must not drop the writer's locks: another process still sees them
            // (not the descriptor's: compiling it again read it through another descriptor, which POSIX
            // locks do not survive; the image lock is the one every opener takes first)
            assertEquals("held", probe(dir.resolve("disk.img"), 101));
        }
        try (BlockDevice a = Stacks.open(qbm, Access.READ_ONLY); BlockDevice b = Stacks.open(qbm, Access.READ_ONLY)) {
            a.read(0, ByteBuffer.allocate(1));
            b.read(0, ByteBuffer.allocate(1));
            try (BlockDevice w = Stacks.open(qbm, Access.READ_WRITE)) {
                w.write(0, ByteBuffer.wrap(new byte[] {1}));
            }
            // the writer's close dropped its byte, not the readers'
            assertEquals("free", probe(dir.resolve("disk.img"), 101));
            assertEquals("held", probe(dir.resolve("disk.img"), 100));
        }
        Stacks.open(qbm, Access.READ_WRITE).close();
    }

    @Test
    void deferredWriterKeepsTheDescriptorLockedAcrossItsReplacements() throws Exception {
        Path d = Stacks.create(dir.resolve("d"), 16 * G, "deferred", Stacks.Bm.of("daily", G));
        try (BlockDevice dev = Stacks.open(d, Access.READ_WRITE)) {
            dev.write(0, ByteBuffer.wrap(new byte[] {1})); // replaces the descriptor: in-use is set
            assertEquals("held", probe(d, 101));
            assertEquals("held", probe(d, 100));
            assertEquals("held", probe(dir.resolve("d/disk.img"), 101));
        }
        assertEquals("free", probe(d));
    }

    private static String probe(Path file) throws Exception {
        try (ChildJvm child = ChildJvm.start(io.qbmc.runtime.fault.LockProbe.class, file.toString())) {
            return child.readLine();
        }
    }

    private static String probe(Path file, long at) throws Exception {
        try (ChildJvm child = ChildJvm.start(io.qbmc.runtime.fault.LockProbe.class, file.toString(), "" + at)) {
            return child.readLine();
        }
    }
}
