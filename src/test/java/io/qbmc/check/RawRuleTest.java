package io.qbmc.check;

import static io.qbmc.testing.Diags.assertNone;
import static io.qbmc.testing.Diags.assertOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qbmc.diag.Code;
import io.qbmc.testing.Diags;
import io.qbmc.testing.Marked;
import org.junit.jupiter.api.Test;

/** block/raw-format.c raw_apply_options; qemu-img 7.2: size=1000 gives "Specified size is not multiple of 512". */
class RawRuleTest {
    private static final String RAW = "driver=raw,file.driver=file,file.filename=a.raw,";
    private final RawRule rule = new RawRule();

    @Test
    void sizeNotAMultipleOf512() {
        Marked m = Marked.of(RAW + "size=^1000^");
        assertOnly(RuleRun.run(rule, m), Code.DRIVER_CONSTRAINT, "Specified size is not multiple of 512", m.span());
        assertEquals("round size to a multiple of 512 bytes, e.g. 512", Diags.only(RuleRun.run(rule, m)).hint());
    }

    @Test
    void sizeFromASuffix() {
        assertNone(RuleRun.run(rule, Marked.of(RAW + "size=1k")));
        Marked m = Marked.of(RAW + "size=^1.1k^");
        assertOnly(RuleRun.run(rule, m), Code.DRIVER_CONSTRAINT, "Specified size is not multiple of 512", m.span());
    }

    @Test
    void offsetMayBeUnaligned() {
        assertNone(RuleRun.run(rule, Marked.of(RAW + "offset=1,size=512")));
    }

    @Test
    void zeroSize() {
        assertNone(RuleRun.run(rule, Marked.of(RAW + "size=0")));
    }

    @Test
    void jsonExponentSize() {
        // qemu-img info 'json:{...,"size":5e2}': Specified size is not multiple of 512
        Marked m = Marked.of("json:{\"driver\":\"raw\",\"file\":{\"driver\":\"file\",\"filename\":\"a.raw\"},\"size\":^5e2^}");
        assertOnly(RuleRun.run(rule, m), Code.DRIVER_CONSTRAINT, "Specified size is not multiple of 512", m.span());
    }
}
