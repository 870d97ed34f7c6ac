package io.qbmc.options;

import static io.qbmc.testing.Diags.assertNone;
import static io.qbmc.testing.Diags.assertOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.diag.Diagnostics;
import io.qbmc.source.Text;
import io.qbmc.testing.Diags;
import io.qbmc.testing.Marked;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Flat dotted keys to a tree. The keyval rules follow util/keyval.c keyval_parse_put and
 * keyval_listify (tests/unit/test-keyval.c test_keyval_parse_list), checked with
 * {@code qemu-img info --object}; the block-layer rule for indices follows
 * qobject/block-qdict.c qdict_array_entries, checked with quorum's children.
 */
class CrumplerTest {
    private final Diagnostics diags = new Diagnostics();

    private OptionTree.Group keyval(Marked m) {
        List<FlatOption> flat = DottedReader.keyval(Text.of(m.source()), null, diags);
        return new Crumpler(ListIndexRule.KEYVAL, Code.DUPLICATE_KEY, diags).crumple(flat);
    }

    private OptionTree.Group blockLayer(Marked m) {
        List<FlatOption> flat = DottedReader.qemuOpts(Text.of(m.source()), null, diags);
        return new Crumpler(ListIndexRule.BLOCK_LAYER, Code.DUPLICATE_KEY, diags).crumple(flat);
    }

    @Test
    void dotsMakeGroups() {
        assertEquals("{driver:raw,file:{driver:file,filename:a.raw}}",
                Trees.show(keyval(Marked.of("driver=raw,file.driver=file,file.filename=a.raw"))));
        assertNone(diags);
    }

    @Test
    void listElementsNeedNotBeInOrder() {
        assertEquals("{list:[null,eins,zwei]}", Trees.show(keyval(Marked.of("list.0=null,list.2=zwei,list.1=eins"))));
        assertNone(diags);
    }

    @Test
    void keyvalLeadingZerosNameTheSameIndexAndTheLastWins() {
        // test-keyval.c: "list.1=goner,list.0=null,list.01=eins,list.2=zwei" gives [null, eins, zwei]
        assertEquals("{list:[null,eins,zwei]}",
                Trees.show(keyval(Marked.of("list.1=goner,list.0=null,list.01=eins,list.2=zwei"))));
        assertNone(diags);
    }

    @Test
    void listAtDeeperNesting() {
        assertEquals("{a:{list:[null,eins,zwei]}}",
                Trees.show(keyval(Marked.of("a.list.1=eins,a.list.00=null,a.list.2=zwei"))));
        assertNone(diags);
    }

    @Test
    void missingFirstIndex() {
        // qemu-img --object: "Parameter 'list.0' missing"
        Marked m = Marked.of("^list.1=lonely^");
        keyval(m);
        assertOnly(diags, Code.LIST_INDEX, "Parameter 'list.0' missing", m.span());
    }

    @Test
    void missingMiddleIndexDespiteALeadingZeroDuplicate() {
        // qemu-img --object: "list.0=a,list.2=b,list.02=c" gives "Parameter 'list.1' missing"
        Marked m = Marked.of("^list.0=a,list.2=b,list.02=c^");
        keyval(m);
        assertOnly(diags, Code.LIST_INDEX, "Parameter 'list.1' missing", m.span());
    }

    @Test
    void hugeIndexIsCappedAndLeavesAGap() {
        // key_to_index caps at INT_MAX; qemu-img --object: "Parameter 'list.0' missing"
        Marked m = Marked.of("^list.99999999999999999999=1^");
        keyval(m);
        assertOnly(diags, Code.LIST_INDEX, "Parameter 'list.0' missing", m.span());
    }

    @Test
    void groupThenScalar() {
        // qemu-img --object: "a.b=1,a=2" gives "Parameters 'a.*' used inconsistently"
        Marked m = Marked.of("a.b=1,^a^=2");
        keyval(m);
        assertOnly(diags, Code.INCONSISTENT_KEY, "Parameters 'a.*' used inconsistently", m.span());
    }

    @Test
    void scalarThenGroup() {
        // qemu-img --object: "a=2,a.b=1" gives "Parameters 'a.*' used inconsistently"
        Marked m = Marked.of("a=2,^a.b^=1");
        keyval(m);
        assertOnly(diags, Code.INCONSISTENT_KEY, "Parameters 'a.*' used inconsistently", m.span());
    }

    @Test
    void deeperScalarThenGroup() {
        // test-keyval.c: "a.b=1,a.b.c=2" is rejected; the prefix is 'a.b'
        Marked m = Marked.of("a.b=1,^a.b.c^=2");
        keyval(m);
        assertOnly(diags, Code.INCONSISTENT_KEY, "Parameters 'a.b.*' used inconsistently", m.span());
    }

    @Test
    void indicesAndNamesAtOneLevel() {
        // qemu-img --object: "a.b.c=1,a.b.0=2" gives "Parameters 'a.b.*' used inconsistently"
        Marked m = Marked.of("^a.b.c=1,a.b.0=2^");
        keyval(m);
        assertOnly(diags, Code.INCONSISTENT_KEY, "Parameters 'a.b.*' used inconsistently", m.span());
    }

    @Test
    void indexAndNameUnderOneGroup() {
        // qemu-img --object: "a.0.c=1,a.b.c=2" gives "Parameters 'a.*' used inconsistently"
        Marked m = Marked.of("^a.0.c=1,a.b.c=2^");
        keyval(m);
        assertOnly(diags, Code.INCONSISTENT_KEY, "Parameters 'a.*' used inconsistently", m.span());
    }

    @Test
    void repeatedKeyLastWinsWithAWarningAtTheLaterKey() {
        // test-keyval.c: "id=foo,id=bar" gives id=bar (no error in QEMU)
        Marked m = Marked.of("id=foo,^id^=bar");
        OptionTree.Group t = keyval(m);
        assertEquals("{id:bar}", Trees.show(t));
        Diagnostic d = Diags.only(diags);
        Diags.assertDiag(d, Code.DUPLICATE_KEY, "Option 'id' is given more than once; the last value wins", m.span());
    }

    @Test
    void repeatedDeepKeyLastWins() {
        // test-keyval.c: "a.b.c=1,a.b.c=2,d=3"
        assertEquals("{a:{b:{c:2}},d:3}", Trees.show(keyval(Marked.of("a.b.c=1,a.b.c=2,d=3"))));
        assertEquals(1, Diags.withCode(diags.sorted(), Code.DUPLICATE_KEY).size());
    }

    @Test
    void withoutADuplicateCodeRepetitionIsSilent() {
        List<FlatOption> flat = DottedReader.keyval(Text.of(Marked.of("a=1,a=2").source()), null, diags);
        OptionTree.Group t = new Crumpler(ListIndexRule.KEYVAL, null, diags).crumple(flat);
        assertEquals("{a:2}", Trees.show(t));
        assertNone(diags);
    }

    @Test
    void blockLayerListsFromIndexZero() {
        assertEquals("{driver:quorum,children:[{driver:file},{driver:file}]}",
                Trees.show(blockLayer(Marked.of("driver=quorum,children.0.driver=file,children.1.driver=file"))));
        assertNone(diags);
    }

    @Test
    void blockLayerRefusesALeadingZeroIndex() {
        // qdict_array_entries does not read "01" as 1: qemu-img reports
        // "Option children is not a valid array" for quorum; the wording here is qbmc's own
        Marked m = Marked.of("children.0.driver=file,children.^01^.driver=file");
        blockLayer(m);
        assertOnly(diags, Code.LIST_INDEX, "List index '01' of 'children' has a leading zero", m.span());
    }

    @Test
    void blockLayerRefusesZeroZero() {
        Marked m = Marked.of("children.^00^.driver=file");
        blockLayer(m);
        Diagnostic d = Diags.one(diags, Code.LIST_INDEX);
        Diags.assertDiag(d, Code.LIST_INDEX, "List index '00' of 'children' has a leading zero", m.span());
    }

    @Test
    void blockLayerKeepsKeysWithEmptyFragmentsWhole() {
        // QemuOpts keys are opaque; an empty fragment keeps the rest of the key as one name
        assertEquals("{a:{.b:1}}", Trees.show(blockLayer(Marked.of("a..b=1"))));
        assertEquals(List.of("a", ".b"), Crumpler.fragments("a..b"));
        assertEquals(List.of(""), Crumpler.fragments(""));
        assertEquals(List.of(".x"), Crumpler.fragments(".x"));
    }

    @Test
    void groupSpanCoversItsOptions() {
        Marked m = Marked.of("driver=raw,^file.driver=file,file.filename=a.raw^");
        OptionTree.Group t = keyval(m);
        Diags.assertSpan(m.span(), t.get("file").span());
    }

    @Test
    void leafKeepsItsFragmentSpan() {
        Marked m = Marked.of("file.^filename^=^a.raw^");
        OptionTree.Group t = keyval(m);
        OptionTree.Leaf leaf = (OptionTree.Leaf) ((OptionTree.Group) t.get("file")).get("filename");
        Diags.assertSpan(m.span(0), leaf.keySpan());
        Diags.assertSpan(m.span(1), leaf.valueSpan());
    }
}
