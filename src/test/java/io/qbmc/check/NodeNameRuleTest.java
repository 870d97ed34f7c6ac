package io.qbmc.check;

import static io.qbmc.testing.Diags.assertNone;
import static io.qbmc.testing.Diags.assertOnly;

import io.qbmc.diag.Code;
import io.qbmc.testing.Marked;
import org.junit.jupiter.api.Test;

/** block.c bdrv_assign_node_name: checked with qemu-img info --image-opts '...,node-name=<case>'. */
class NodeNameRuleTest {
    private static final String RAW = "driver=raw,file.driver=file,file.filename=a.raw,node-name=";
    private final NodeNameRule rule = new NodeNameRule();

    @Test
    void wellFormedNames() {
        assertNone(RuleRun.run(rule, Marked.of(RAW + "a_b.c-d")));
        assertNone(RuleRun.run(rule, Marked.of(RAW + "A9")));
    }

    @Test
    void mustStartWithALetter() {
        Marked m = Marked.of(RAW + "^1x^");
        assertOnly(RuleRun.run(rule, m), Code.INVALID_NODE_NAME, "Invalid node-name: '1x'", m.span());
    }

    @Test
    void emptyName() {
        Marked m = Marked.of(RAW + "\u2038");
        assertOnly(RuleRun.run(rule, m), Code.INVALID_NODE_NAME, "Invalid node-name: ''", m.span());
    }

    @Test
    void otherCharactersAreRefused() {
        Marked m = Marked.of(RAW + "^a b^");
        assertOnly(RuleRun.run(rule, m), Code.INVALID_NODE_NAME, "Invalid node-name: 'a b'", m.span());
    }

    @Test
    void nonAsciiLetterIsRefused() {
        Marked m = Marked.of(RAW + "^é^");
        assertOnly(RuleRun.run(rule, m), Code.INVALID_NODE_NAME, "Invalid node-name: 'é'", m.span());
    }

    @Test
    void thirtyOneCharactersAreAllowed() {
        assertNone(RuleRun.run(rule, Marked.of(RAW + "a" + "1".repeat(30))));
    }

    @Test
    void thirtyTwoCharactersAreTooLong() {
        Marked m = Marked.of(RAW + "^a" + "1".repeat(31) + "^");
        assertOnly(RuleRun.run(rule, m), Code.INVALID_NODE_NAME, "Node name too long", m.span());
    }

    @Test
    void childNodeNamesAreCheckedToo() {
        Marked m = Marked.of("driver=raw,file.driver=file,file.filename=a.raw,file.node-name=^-x^");
        assertOnly(RuleRun.run(rule, m), Code.INVALID_NODE_NAME, "Invalid node-name: '-x'", m.span());
    }
}
