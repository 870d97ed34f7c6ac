package io.qbmc.bind;

import static io.qbmc.testing.Diags.assertNone;
import static io.qbmc.testing.Diags.assertOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.qbmc.diag.Code;
import io.qbmc.graph.Child;
import io.qbmc.graph.Qcow2Node;
import io.qbmc.graph.QuorumNode;
import io.qbmc.graph.RawNode;
import io.qbmc.testing.Marked;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/** Child slots: options in place, a node-name string, or null (block.c bdrv_open_child). */
class ChildReferenceTest {
    private static final String QCOW2 = "{\"driver\":\"qcow2\",\"file\":{\"driver\":\"file\",\"filename\":\"top.qcow2\"},";

    @Test
    void stringChildIsAReference() {
        // qemu-img: file=a.raw names a node: "Cannot find device='a.raw' nor node-name='a.raw'" (a check)
        Bind b = Bind.imageOpts(Marked.of("driver=raw,file=disk0"));
        assertNone(b.diags);
        assertEquals(new Child.Ref("disk0"), ((RawNode) b.node).file());
    }

    @Test
    void impliedFileIsAReference() {
        Bind b = Bind.imageOpts(Marked.of("disk0,driver=raw"));
        assertEquals(new Child.Ref("disk0"), ((RawNode) b.node).file());
    }

    @Test
    void referenceInAList() {
        Bind b = Bind.imageOpts(Marked.of("driver=quorum,vote-threshold=1,children.0=n0,children.1.driver=file,children.1.filename=b"));
        assertNone(b.diags);
        QuorumNode q = (QuorumNode) b.node;
        assertEquals(new Child.Ref("n0"), q.children().get(0));
        assertInstanceOf(Child.Inline.class, q.children().get(1));
    }

    @Test
    void emptyObjectIsNoChild() {
        // qemu-img: "file": {} gives 'A block device must be specified for "file"'
        Marked m = Marked.of("^{\"driver\":\"raw\",\"file\":{}}^");
        assertOnly(Bind.json(m, Typing.LENIENT).diags, Code.MISSING_CHILD, "A block device must be specified for \"file\"", m.span());
    }

    @Test
    void nullIsNoChild() {
        Marked m = Marked.of("^{\"driver\":\"raw\",\"file\":null}^");
        assertOnly(Bind.json(m, Typing.LENIENT).diags, Code.MISSING_CHILD, "A block device must be specified for \"file\"", m.span());
    }

    @Test
    void missingChild() {
        Marked m = Marked.of("^driver=raw^");
        assertOnly(Bind.imageOpts(m).diags, Code.MISSING_CHILD, "A block device must be specified for \"file\"", m.span());
    }

    @Test
    void missingChildOfAChild() {
        Marked m = Marked.of("driver=raw,^file.driver=raw^");
        assertOnly(Bind.imageOpts(m).diags, Code.MISSING_CHILD, "A block device must be specified for \"file\"", m.span());
    }

    @Test
    void nullBackingOpensWithoutOne() {
        Bind b = Bind.json(Marked.of(QCOW2 + "\"backing\":null}"), Typing.LENIENT);
        assertNone(b.diags);
        assertEquals(new Child.None(), ((Qcow2Node) b.node).backing());
    }

    @Test
    void emptyBackingIsDeprecated() {
        // qemu-img: warning: Use of "backing": "" is deprecated; use "backing": null instead
        Marked m = Marked.of("driver=qcow2,file.driver=file,file.filename=top.qcow2,^backing=^");
        Bind b = Bind.imageOpts(m);
        assertOnly(b.diags, Code.DEPRECATED, "Use of \"backing\": \"\" is deprecated; use \"backing\": null instead", m.span());
        assertEquals(new Child.None(), ((Qcow2Node) b.node).backing());
    }

    @Test
    void emptyBackingOnRawMeansNoBackingFile() {
        // qemu-img 7.2 accepts it with the deprecation warning: bdrv_open_inherit drops an empty
        // or null backing before any driver sees it
        Marked m = Marked.of("driver=raw,file.driver=file,file.filename=a.raw,^backing=^");
        assertOnly(Bind.imageOpts(m).diags, Code.DEPRECATED,
                "Use of \"backing\": \"\" is deprecated; use \"backing\": null instead", m.span());
    }

    @Test
    void backingOnRawIsRefused() {
        // qemu-system: "Driver doesn't support backing files" (block.c bdrv_open_backing_file);
        // qemu-img, which opens without backing files, reports the option as unknown instead
        Marked m = Marked.of("driver=raw,file.driver=file,file.filename=a.raw,^backing^=base");
        assertOnly(Bind.imageOpts(m).diags, Code.NO_BACKING_SUPPORT, "Driver doesn't support backing files", m.span());
    }

    @Test
    void numberForAChildIsRefusedInStrictJson() {
        // qemu-storage-daemon: Invalid parameter type for 'file', expected: BlockdevRef
        Marked m = Marked.of("{\"driver\":\"raw\",\"node-name\":\"r\",\"file\":^1^}");
        assertOnly(Bind.json(m, Typing.STRICT).diags, Code.WRONG_TYPE,
                "Invalid parameter type for 'file', expected: BlockdevRef", m.span());
    }

    @Test
    void numberForANullableChildIsRefusedInStrictJson() {
        Marked m = Marked.of("{\"driver\":\"qcow2\",\"node-name\":\"q\",\"file\":\"f\",\"backing\":^1^}");
        assertOnly(Bind.json(m, Typing.STRICT).diags, Code.WRONG_TYPE,
                "Invalid parameter type for 'backing', expected: BlockdevRefOrNull", m.span());
    }

    @Test
    void numberForAChildIsNoChildInAJsonFilename() {
        // qemu-img info 'json:{"driver":"raw","file":1}': A block device must be specified for "file"
        Marked m = Marked.of("^{\"driver\":\"raw\",\"file\":1}^");
        assertOnly(Bind.json(m, Typing.LENIENT).diags, Code.MISSING_CHILD, "A block device must be specified for \"file\"", m.span());
    }

    @Test
    void referenceWithOptions() {
        Marked m = Marked.of("driver=raw,file=a.raw,^file.driver^=file");
        assertOnly(Bind.imageOpts(m).diags, Code.REFERENCE_WITH_OPTIONS,
                "Cannot reference an existing block device with additional options or a new filename", m.span());
    }
}
