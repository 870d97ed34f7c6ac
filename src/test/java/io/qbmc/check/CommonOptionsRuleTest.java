package io.qbmc.check;

import static io.qbmc.testing.Diags.assertNone;
import static io.qbmc.testing.Diags.assertOnly;

import io.qbmc.diag.Code;
import io.qbmc.testing.Marked;
import org.junit.jupiter.api.Test;

/** Block-layer option combinations (block.c bdrv_open_common, file-posix.c), checked with qemu-img 7.2. */
class CommonOptionsRuleTest {
    private static final String RAW = "driver=raw,file.driver=file,file.filename=a.raw,";
    private final CommonOptionsRule rule = new CommonOptionsRule();

    @Test
    void detectZeroesUnmapNeedsDiscardUnmap() {
        Marked m = Marked.of(RAW + "detect-zeroes=^unmap^");
        assertOnly(RuleRun.run(rule, m), Code.DRIVER_CONSTRAINT,
                "setting detect-zeroes to unmap is not allowed without setting discard operation to unmap", m.span());
    }

    @Test
    void detectZeroesUnmapWithDiscardUnmap() {
        assertNone(RuleRun.run(rule, Marked.of(RAW + "detect-zeroes=unmap,discard=unmap")));
    }

    @Test
    void detectZeroesOn() {
        assertNone(RuleRun.run(rule, Marked.of(RAW + "detect-zeroes=on")));
    }

    @Test
    void aioNativeNeedsCacheDirect() {
        Marked m = Marked.of(RAW + "file.aio=^native^");
        assertOnly(RuleRun.run(rule, m), Code.DRIVER_CONSTRAINT,
                "aio=native was specified, but it requires cache.direct=on, which was not specified.", m.span());
    }

    @Test
    void aioNativeWithCacheDirectOnTheParent() {
        // qemu-img accepts driver=raw,...,file.aio=native,cache.direct=on: children inherit cache.direct
        assertNone(RuleRun.run(rule, Marked.of(RAW + "file.aio=native,cache.direct=on")));
    }

    @Test
    void aioNativeWithCacheDirectOff() {
        Marked m = Marked.of(RAW + "file.aio=^native^,file.cache.direct=off");
        assertOnly(RuleRun.run(rule, m), Code.DRIVER_CONSTRAINT,
                "aio=native was specified, but it requires cache.direct=on, which was not specified.", m.span());
    }

    @Test
    void aioThreadsAndIoUring() {
        assertNone(RuleRun.run(rule, Marked.of(RAW + "file.aio=io_uring")));
        assertNone(RuleRun.run(rule, Marked.of(RAW + "file.aio=threads")));
    }

    @Test
    void forceShareWithoutReadOnlyIsAWarning() {
        // block.c: "force-share=on can only be used with read-only images" when opened read-write;
        // qemu-img info opens read-only and accepts it, a VM does not
        Marked m = Marked.of(RAW + "force-share=^on^");
        assertOnly(RuleRun.run(rule, m), Code.FORCE_SHARE_READ_WRITE, "force-share=on can only be used with read-only images", m.span());
    }

    @Test
    void forceShareWithReadOnly() {
        assertNone(RuleRun.run(rule, Marked.of(RAW + "force-share=on,read-only=on")));
    }
}
