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

/** One writer, or any number of readers, as QEMU's image locking has it; in this process and across processes. */
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
    void anotherProcessWritingKeepsWritersAndReadersOut() throws Exception {
        try (ChildJvm child = ChildJvm.start(Holder.class, qbm.toString(), "write")) {
            assertEquals("open", child.readLine());
            StackException w = assertThrows(StackException.class, () -> Stacks.open(qbm, Access.READ_WRITE));
            assertEquals(Code.STACK_LOCKED, w.code());
            assertEquals("Cannot open '" + dir.resolve("disk.img") + "' for writing: another process has it open for"
                    + " writing", w.getMessage());
            StackException r = assertThrows(StackException.class, () -> Stacks.open(qbm, Access.READ_ONLY));
            assertEquals(Code.STACK_LOCKED, r.code());
            assertEquals("Cannot open '" + dir.resolve("disk.img") + "' for reading: another process has it open for"
                    + " writing", r.getMessage());
            assertTrue(r.diagnostics().get(0).hint().contains("-U"), r.diagnostics()::toString);
            // -U reads without locks, as qemu-img -U does
            try (BlockDevice dev = BlockDevice.open(Stacks.compile(qbm), Access.READ_ONLY, true)) {
                dev.read(0, ByteBuffer.allocate(10));
            }
        }
        // a killed writer's locks go with it
        Stacks.open(qbm, Access.READ_WRITE).close();
    }

    @Test
    void readersShareButKeepAWriterOut() throws Exception {
        try (ChildJvm child = ChildJvm.start(Holder.class, qbm.toString(), "read")) {
            assertEquals("open", child.readLine());
            try (BlockDevice dev = Stacks.open(qbm, Access.READ_ONLY)) {
                dev.read(0, ByteBuffer.allocate(1));
            }
            StackException w = assertThrows(StackException.class, () -> Stacks.open(qbm, Access.READ_WRITE));
            assertEquals("Cannot open '" + dir.resolve("disk.img") + "' for writing: another process has it open for"
                    + " reading", w.getMessage());
        }
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
    void inOneProcessASecondWriterIsRefusedAndReadersShare() throws IOException {
        try (BlockDevice w = Stacks.open(qbm, Access.READ_WRITE)) {
            StackException e = assertThrows(StackException.class, () -> Stacks.open(qbm, Access.READ_WRITE));
            assertEquals(Code.STACK_LOCKED, e.code());
            assertEquals("'" + dir.resolve("disk.img") + "' is already open for writing in this process", e.getMessage());
            assertThrows(StackException.class, () -> Stacks.open(qbm, Access.READ_ONLY));
        }
        try (BlockDevice a = Stacks.open(qbm, Access.READ_ONLY); BlockDevice b = Stacks.open(qbm, Access.READ_ONLY)) {
            a.read(0, ByteBuffer.allocate(1));
            b.read(0, ByteBuffer.allocate(1));
            assertThrows(StackException.class, () -> Stacks.open(qbm, Access.READ_WRITE));
        }
        Stacks.open(qbm, Access.READ_WRITE).close();
    }

    @Test
    void deferredWriterKeepsTheDescriptorLockedAcrossItsReplacements() throws Exception {
        Path d = Stacks.create(dir.resolve("d"), 16 * G, "deferred", Stacks.Bm.of("daily", G));
        try (BlockDevice dev = Stacks.open(d, Access.READ_WRITE)) {
            dev.write(0, ByteBuffer.wrap(new byte[] {1})); // replaces the descriptor: in-use is set
            assertEquals("held", probe(d));
            assertEquals("held", probe(dir.resolve("d/disk.img")));
        }
        assertEquals("free", probe(d));
    }

    private static String probe(Path file) throws Exception {
        try (ChildJvm child = ChildJvm.start(io.qbmc.runtime.fault.LockProbe.class, file.toString())) {
            return child.readLine();
        }
    }
}
