package io.qbmc.check;

import static io.qbmc.testing.Diags.assertNone;
import static io.qbmc.testing.Diags.assertOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qbmc.compile.Dialect;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.testing.Diags;
import io.qbmc.testing.Marked;
import org.junit.jupiter.api.Test;

/**
 * node-name references in a -blockdev set. Verdicts from qemu-storage-daemon 7.2 with one
 * --blockdev per line: nodes are created in order, so a reference must name an earlier node.
 */
class ReferenceRuleTest {
    private final ReferenceRule rule = new ReferenceRule();

    private static Marked set(String... lines) {
        return Marked.of(String.join("\n", lines));
    }

    @Test
    void referenceToAnEarlierNode() {
        assertNone(RuleRun.run(rule, set("driver=file,node-name=f,filename=a.raw", "driver=raw,node-name=r,file=f"),
                Dialect.BLOCKDEV));
    }

    @Test
    void twoNodesMayUseOneChild() {
        assertNone(RuleRun.run(rule, set("driver=file,node-name=f,filename=a.raw", "driver=raw,node-name=r,file=f",
                "driver=raw,node-name=r2,file=f"), Dialect.BLOCKDEV));
    }

    @Test
    void unknownReference() {
        Marked m = set("driver=file,node-name=disk0,filename=a.raw", "driver=raw,node-name=r,file=^disk1^");
        Diagnostic d = Diags.only(RuleRun.run(rule, m, Dialect.BLOCKDEV));
        Diags.assertDiag(d, Code.UNKNOWN_REFERENCE, "Cannot find device='disk1' nor node-name='disk1'", m.span());
        assertEquals("did you mean 'disk0'?", d.hint());
    }

    @Test
    void forwardReference() {
        // qemu-storage-daemon: "Cannot find device='f' nor node-name='f'" though f comes later
        Marked m = set("driver=raw,node-name=r,file=^f^", "driver=file,node-name=f,filename=a.raw");
        Diagnostic d = Diags.only(RuleRun.run(rule, m, Dialect.BLOCKDEV));
        Diags.assertDiag(d, Code.UNKNOWN_REFERENCE, "Cannot find device='f' nor node-name='f'", m.span());
        assertEquals("node 'f' is defined later; QEMU creates -blockdev nodes in order, so define it first", d.hint());
    }

    @Test
    void referenceFromAnImageOptsString() {
        // qemu-img --image-opts 'driver=raw,file=a.raw': Cannot find device='a.raw' nor node-name='a.raw'
        Marked m = Marked.of("driver=raw,file=^a.raw^");
        assertOnly(RuleRun.run(rule, m), Code.UNKNOWN_REFERENCE, "Cannot find device='a.raw' nor node-name='a.raw'", m.span());
    }

    @Test
    void referenceInsideAList() {
        Marked m = set("driver=file,node-name=f,filename=a.raw",
                "driver=quorum,node-name=q,vote-threshold=1,children.0=f,children.1=^g^");
        assertOnly(RuleRun.run(rule, m, Dialect.BLOCKDEV), Code.UNKNOWN_REFERENCE,
                "Cannot find device='g' nor node-name='g'", m.span());
    }

    @Test
    void duplicateTopLevelNames() {
        // qemu-storage-daemon: Duplicate nodes with node-name='f'
        Marked m = set("driver=file,node-name=f,filename=a.raw", "driver=file,node-name=^f^,filename=b.raw");
        Diagnostic d = Diags.only(RuleRun.run(rule, m, Dialect.BLOCKDEV));
        Diags.assertDiag(d, Code.DUPLICATE_NODE_NAME, "Duplicate nodes with node-name='f'", m.span());
        assertEquals("first defined at <input>:1:23", d.hint());
    }

    @Test
    void duplicateNameInsideOneNode() {
        // qemu-img --image-opts '...,node-name=x,file.node-name=x': Duplicate nodes with node-name='x'
        Marked m = Marked.of("driver=raw,node-name=x,file.driver=file,file.filename=a.raw,file.node-name=^x^");
        assertOnly(RuleRun.run(rule, m), Code.DUPLICATE_NODE_NAME, "Duplicate nodes with node-name='x'", m.span());
    }

    @Test
    void cycleIsReportedOnceInsteadOfAsForwardReferences() {
        // QEMU meets the forward reference first; qbmc names the cycle, which is the real problem
        Marked m = set("driver=raw,node-name=^a^,file=b", "driver=raw,node-name=b,file=a");
        assertOnly(RuleRun.run(rule, m, Dialect.BLOCKDEV), Code.REFERENCE_CYCLE,
                "Nodes reference each other in a cycle: a -> b -> a", m.span());
    }

    @Test
    void selfReference() {
        Marked m = set("driver=raw,node-name=^a^,file=a");
        assertOnly(RuleRun.run(rule, m, Dialect.BLOCKDEV), Code.REFERENCE_CYCLE,
                "Nodes reference each other in a cycle: a -> a", m.span());
    }

    @Test
    void jsonArraySet() {
        Marked m = Marked.of("[{\"driver\":\"raw\",\"node-name\":\"r\",\"file\":^\"f\"^},"
                + "{\"driver\":\"file\",\"node-name\":\"f\",\"filename\":\"a.raw\"}]");
        assertOnly(RuleRun.run(rule, m, Dialect.BLOCKDEV), Code.UNKNOWN_REFERENCE,
                "Cannot find device='f' nor node-name='f'", m.span());
    }
}
