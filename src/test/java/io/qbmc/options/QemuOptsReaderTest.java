package io.qbmc.options;

import static io.qbmc.testing.Diags.assertNone;
import static io.qbmc.testing.Diags.assertOnly;
import static io.qbmc.testing.Diags.assertSpan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.diag.Diagnostics;
import io.qbmc.source.Text;
import io.qbmc.testing.Diags;
import io.qbmc.testing.Marked;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * QemuOpts as qemu-img --image-opts reads a string (util/qemu-option.c opts_do_parse and
 * get_opt_name_value, implied key "file"). Every expectation was checked with
 * {@code qemu-img info --image-opts} 7.2.
 */
class QemuOptsReaderTest {
    private final Diagnostics diags = new Diagnostics();

    private List<FlatOption> read(Marked m) {
        return DottedReader.qemuOpts(Text.of(m.source()), "file", diags);
    }

    private List<FlatOption> readNoImplied(Marked m) {
        return DottedReader.qemuOpts(Text.of(m.source()), null, diags);
    }

    static List<String> pairs(List<FlatOption> options) {
        List<String> out = new ArrayList<>();
        for (FlatOption o : options) {
            out.add(o.key() + "=" + ((Scalar.Str) o.value()).value());
        }
        return out;
    }

    @Test
    void plainKeyValues() {
        Marked m = Marked.of("driver=raw,file.driver=file,file.filename=^a.raw^");
        List<FlatOption> o = read(m);
        assertEquals(List.of("driver=raw", "file.driver=file", "file.filename=a.raw"), pairs(o));
        assertSpan(m.span(), o.get(2).valueSpan());
        assertNone(diags);
    }

    @Test
    void bareFlagIsOnWithTheDeprecationWarning() {
        // qemu-img: "warning: short-form boolean option 'read-only' deprecated" / "Please use read-only=on instead"
        Marked m = Marked.of("driver=raw,^read-only^");
        List<FlatOption> o = read(m);
        assertEquals(List.of("driver=raw", "read-only=on"), pairs(o));
        Diagnostic d = Diags.only(diags);
        Diags.assertDiag(d, Code.SHORT_BOOLEAN, "short-form boolean option 'read-only' deprecated", m.span());
        assertEquals("Please use read-only=on instead", d.hint());
    }

    @Test
    void noPrefixMeansOffAndTheWarningNamesTheWordAsWritten() {
        // qemu-img: "short-form boolean option 'noread-only' deprecated" / "Please use read-only=off instead"
        Marked m = Marked.of("driver=raw,^noread-only^");
        List<FlatOption> o = read(m);
        assertEquals(List.of("driver=raw", "read-only=off"), pairs(o));
        Diagnostic d = Diags.only(diags);
        Diags.assertDiag(d, Code.SHORT_BOOLEAN, "short-form boolean option 'noread-only' deprecated", m.span());
        assertEquals("Please use read-only=off instead", d.hint());
    }

    @Test
    void keyOfANoFlagPointsAfterTheNo() {
        Marked m = Marked.of("driver=raw,no^bogus^");
        List<FlatOption> o = read(m);
        assertSpan(m.span(), o.get(1).keySpan());
    }

    @Test
    void bareHelpIsAFlagWithoutWarning() {
        // the source list accepts any key, so help is just help=on; is_help_option suppresses the warning
        List<FlatOption> o = read(Marked.of("driver=raw,help,?"));
        assertEquals(List.of("driver=raw", "help=on", "?=on"), pairs(o));
        assertNone(diags);
    }

    @Test
    void noHelpIsWarnedAbout() {
        // qemu-img: "short-form boolean option 'nohelp' deprecated" / "Please use help=off instead"
        Marked m = Marked.of("driver=raw,^nohelp^");
        assertEquals(List.of("driver=raw", "help=off"), pairs(read(m)));
        assertOnly(diags, Code.SHORT_BOOLEAN, "short-form boolean option 'nohelp' deprecated", m.span());
    }

    @Test
    void impliedFirstValueIsFile() {
        Marked m = Marked.of("^a.raw^,driver=raw");
        List<FlatOption> o = read(m);
        assertEquals(List.of("file=a.raw", "driver=raw"), pairs(o));
        assertSpan(m.span(), o.get(0).valueSpan());
        assertNone(diags);
    }

    @Test
    void impliedValueTakesCommaEscapes() {
        // qemu-img: Cannot find device='x,y.img' nor node-name='x,y.img'
        List<FlatOption> o = read(Marked.of("x,,y.img,driver=raw"));
        assertEquals(List.of("file=x,y.img", "driver=raw"), pairs(o));
    }

    @Test
    void leadingCommaIsAnEmptyImpliedValue() {
        // qemu-img: file="" with file.* options gives "Cannot reference an existing block device ..."
        List<FlatOption> o = read(Marked.of(",driver=raw"));
        assertEquals(List.of("file=", "driver=raw"), pairs(o));
        assertNone(diags);
    }

    @Test
    void implicitValueRunsOverAnEqualsAfterAnEscapedComma() {
        // get_opt_value reads "a,,b=c" as the value "a,b=c"
        assertEquals(List.of("file=a,b=c"), pairs(read(Marked.of("a,,b=c"))));
    }

    @Test
    void withoutImpliedKeyDoubledCommaInKeyPositionIsAnEmptyFlag() {
        // "a,,b=c" is flag a, flag "", then b=c (qemu-img warns for both flags)
        Marked m = Marked.of("^a^,\u2038,b=c");
        List<FlatOption> o = readNoImplied(m);
        assertEquals(List.of("a=on", "=on", "b=c"), pairs(o));
        List<Diagnostic> ds = diags.sorted();
        assertEquals(2, ds.size());
        Diags.assertDiag(ds.get(0), Code.SHORT_BOOLEAN, "short-form boolean option 'a' deprecated", m.span(0));
        Diags.assertDiag(ds.get(1), Code.SHORT_BOOLEAN, "short-form boolean option '' deprecated", m.span(1));
        assertEquals("Please use =on instead", ds.get(1).hint());
    }

    @Test
    void emptyItemAfterAFlag() {
        // qemu-img: read-only,,x=1 warns for 'read-only' and for ''
        List<FlatOption> o = read(Marked.of("driver=raw,read-only,,x=1"));
        assertEquals(List.of("driver=raw", "read-only=on", "=on", "x=1"), pairs(o));
        assertEquals(2, Diags.withCode(diags.sorted(), Code.SHORT_BOOLEAN).size());
    }

    @Test
    void trailingCommaIsIgnored() {
        assertEquals(List.of("driver=raw", "file.filename=a.raw"), pairs(read(Marked.of("driver=raw,file.filename=a.raw,"))));
        assertNone(diags);
    }

    @Test
    void doubledTrailingCommaBelongsToTheValue() {
        // qemu-img: file.filename=a.raw,, opens 'a.raw,'
        assertEquals(List.of("driver=raw", "file.filename=a.raw,"), pairs(read(Marked.of("driver=raw,file.filename=a.raw,,"))));
    }

    @Test
    void doubledCommaInAValueSwallowsTheNextKey() {
        // qemu-img: driver=raw,,file.driver=file,... gives Unknown driver 'raw,file.driver=file'
        assertEquals(List.of("driver=raw,file.driver=file", "file.filename=a.raw"),
                pairs(read(Marked.of("driver=raw,,file.driver=file,file.filename=a.raw"))));
    }

    @Test
    void emptyKeyIsAccepted() {
        // qemu-img: "=x" reaches the block layer: Block format 'raw' does not support the option ''
        Marked m = Marked.of("driver=raw,\u2038=x");
        List<FlatOption> o = read(m);
        assertEquals(List.of("driver=raw", "=x"), pairs(o));
        assertSpan(m.span(), o.get(1).keySpan());
        assertNone(diags);
    }

    @Test
    void keysAreNotChecked() {
        List<FlatOption> o = read(Marked.of("driver=raw,7up=1,key[0]=2,.=3"));
        assertEquals(List.of("driver=raw", "7up=1", "key[0]=2", ".=3"), pairs(o));
        assertNone(diags);
    }

    @Test
    void everyRepetitionIsKept() {
        // the crumpler decides that the last one wins
        assertEquals(List.of("driver=qcow2", "driver=raw"), pairs(read(Marked.of("driver=qcow2,driver=raw"))));
        assertNone(diags);
    }

    @Test
    void wellFormedIdIsKept() {
        // the block layer refuses it later: does not support the option 'id'
        assertEquals(List.of("driver=raw", "id=x1"), pairs(read(Marked.of("driver=raw,id=x1"))));
        assertNone(diags);
    }

    @Test
    void malformedIdIsRefused() {
        // qemu-img: "Parameter 'id' expects an identifier" /
        // "Identifiers consist of letters, digits, '-', '.', '_', starting with a letter."
        Marked m = Marked.of("driver=raw,id=^1x^");
        read(m);
        Diagnostic d = Diags.only(diags);
        Diags.assertDiag(d, Code.INVALID_ID, "Parameter 'id' expects an identifier", m.span());
        assertEquals("Identifiers consist of letters, digits, '-', '.', '_', starting with a letter.", d.hint());
    }

    @Test
    void emptyIdIsRefused() {
        Marked m = Marked.of("driver=raw,id=\u2038");
        read(m);
        assertOnly(diags, Code.INVALID_ID, "Parameter 'id' expects an identifier", m.span());
    }

    @Test
    void valuesAreAlwaysStrings() {
        for (FlatOption o : read(Marked.of("size=1024,read-only=on"))) {
            assertEquals(Scalar.Str.class, o.value().getClass());
        }
    }
}
