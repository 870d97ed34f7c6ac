package io.qbmc.options;

import static io.qbmc.testing.Diags.assertNone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.diag.Diagnostics;
import io.qbmc.source.Text;
import io.qbmc.syntax.JsonNode;
import io.qbmc.syntax.JsonSyntax;
import io.qbmc.testing.Diags;
import io.qbmc.testing.Marked;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** qdict_flatten (qobject/block-qdict.c), as json: filenames and -blockdev JSON go through it. */
class JsonFlattenerTest {
    private final Diagnostics diags = new Diagnostics();

    private List<FlatOption> flatten(Marked m) {
        JsonNode node = JsonSyntax.parse(Text.of(m.source()), "", diags);
        return JsonFlattener.flatten((JsonNode.JObject) node, diags);
    }

    private static List<String> show(List<FlatOption> options) {
        List<String> out = new ArrayList<>();
        for (FlatOption o : options) {
            Scalar v = o.value();
            out.add(o.key() + "=" + (v instanceof Scalar.Str s ? "'" + s.value() + "'" : v.display()));
        }
        return out;
    }

    @Test
    void nestedObjectsBecomeDottedKeys() {
        List<FlatOption> o = flatten(Marked.of("{\"driver\":\"raw\",\"file\":{\"driver\":\"file\",\"filename\":\"a.raw\"}}"));
        assertEquals(List.of("driver='raw'", "file.driver='file'", "file.filename='a.raw'"), show(o));
        assertNone(diags);
    }

    @Test
    void arraysBecomeIndexedKeys() {
        List<FlatOption> o = flatten(Marked.of("{\"children\":[{\"driver\":\"file\"},\"node1\"]}"));
        assertEquals(List.of("children.0.driver='file'", "children.1='node1'"), show(o));
    }

    @Test
    void emptyContainersStayValues() {
        // "file": {} gives 'A block device must be specified for "file"'; "children": [] gives
        // 'Number of provided children must be 1 or more': the keys survive flattening
        List<FlatOption> o = flatten(Marked.of("{\"file\":{},\"children\":[]}"));
        assertEquals(List.of("file={}", "children=[]"), show(o));
        assertInstanceOf(Scalar.EmptyObject.class, o.get(0).value());
        assertInstanceOf(Scalar.EmptyList.class, o.get(1).value());
    }

    @Test
    void scalarsKeepTheirJsonType() {
        List<FlatOption> o = flatten(Marked.of("{\"a\":2,\"b\":2.0,\"c\":true,\"d\":null,\"e\":\"2\"}"));
        assertEquals(List.of("a=2", "b=2.0", "c=true", "d=null", "e='2'"), show(o));
        assertInstanceOf(Scalar.Num.class, o.get(0).value());
        assertInstanceOf(Scalar.Bool.class, o.get(2).value());
        assertInstanceOf(Scalar.Null.class, o.get(3).value());
        assertInstanceOf(Scalar.Str.class, o.get(4).value());
    }

    @Test
    void flatAndNestedFormsMerge() {
        // qemu-img: {"file":{"driver":"file"},"file.filename":"a.raw"} opens a.raw
        List<FlatOption> o = flatten(Marked.of("{\"driver\":\"raw\",\"file\":{\"driver\":\"file\"},\"file.filename\":\"a.raw\"}"));
        assertEquals(List.of("driver='raw'", "file.filename='a.raw'", "file.driver='file'"), show(o));
        assertNone(diags);
    }

    @Test
    void nestedBeatsFlatWhenFlatComesFirst() {
        // qemu-img: {"file.filename":"a.raw","file":{...,"filename":"b.raw"}} opens b.raw
        Marked m = Marked.of("{\"driver\":\"raw\",^\"file.filename\"^:\"a.raw\",\"file\":{\"driver\":\"file\",\"filename\":\"b.raw\"}}");
        List<FlatOption> o = flatten(m);
        assertEquals(List.of("driver='raw'", "file.driver='file'", "file.filename='b.raw'"), show(o));
        Diagnostic d = Diags.only(diags);
        Diags.assertDiag(d, Code.FLATTEN_OVERRIDE,
                "Flat key 'file.filename' is overridden by the nested value at <input>:1:65", m.span());
    }

    @Test
    void nestedBeatsFlatWhenFlatComesLast() {
        // qemu-img: {"file":{...,"filename":"b.raw"},"file.filename":"a.raw"} opens b.raw too
        Marked m = Marked.of("{\"driver\":\"raw\",\"file\":{\"driver\":\"file\",\"filename\":\"b.raw\"},^\"file.filename\"^:\"a.raw\"}");
        List<FlatOption> o = flatten(m);
        assertEquals(List.of("driver='raw'", "file.driver='file'", "file.filename='b.raw'"), show(o));
        Diags.assertOne(diags.sorted(), Code.FLATTEN_OVERRIDE,
                "Flat key 'file.filename' is overridden by the nested value at <input>:1:41", m.span());
    }

    @Test
    void fragmentSpansPointIntoAFlatKey() {
        Marked m = Marked.of("{\"^file^.^filename^\":\"a\"}");
        FlatOption o = flatten(m).get(0);
        // a JSON key's span includes its quotes, so fragments of a quoted key cannot be split
        assertEquals(2, o.fragmentSpans().length);
    }

    @Test
    void arrayElementsAreNamedByTheirSpan() {
        Marked m = Marked.of("{\"children\":[^\"n0\"^]}");
        FlatOption o = flatten(m).get(0);
        assertEquals("children.0", o.key());
        Diags.assertSpan(m.span(), o.keySpan());
    }
}
