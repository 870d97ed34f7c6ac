package io.qbmc.bind;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Origins;
import io.qbmc.options.Crumpler;
import io.qbmc.options.DottedReader;
import io.qbmc.options.FlatOption;
import io.qbmc.options.JsonFlattener;
import io.qbmc.options.ListIndexRule;
import io.qbmc.options.OptionTree;
import io.qbmc.source.Text;
import io.qbmc.syntax.JsonNode;
import io.qbmc.syntax.JsonSyntax;
import io.qbmc.testing.Marked;
import java.util.List;

/** Runs the binder alone on a marked input: no checks, so each test sees only binding. */
final class Bind {
    final Diagnostics diags = new Diagnostics();
    final Origins origins = new Origins();
    BlockNode node;

    private Bind() {
    }

    /** A dotted string as qemu-img --image-opts reads it. */
    static Bind imageOpts(Marked m) {
        Bind b = new Bind();
        Text text = Text.of(m.source());
        List<FlatOption> flat = DottedReader.qemuOpts(text, "file", b.diags);
        OptionTree.Group tree = new Crumpler(ListIndexRule.BLOCK_LAYER, Code.DUPLICATE_KEY, b.diags).crumple(flat);
        b.node = new Binder(Typing.LENIENT, b.diags, b.origins).bind(tree, Binder.Role.IMAGE, text.span(0, text.length()));
        return b;
    }

    /** A JSON object (the text of a json: filename after the prefix, or a -blockdev node). */
    static Bind json(Marked m, Typing typing) {
        Bind b = new Bind();
        Text text = Text.of(m.source());
        JsonNode.JObject o = (JsonNode.JObject) JsonSyntax.parse(text, "", b.diags);
        List<FlatOption> flat = JsonFlattener.flatten(o, b.diags);
        OptionTree.Group tree = new Crumpler(ListIndexRule.BLOCK_LAYER, null, b.diags).crumple(flat);
        b.node = new Binder(typing, b.diags, b.origins).bind(tree, Binder.Role.IMAGE, o.span());
        return b;
    }

    /** A -blockdev keyval string. */
    static Bind keyval(Marked m) {
        Bind b = new Bind();
        Text text = Text.of(m.source());
        List<FlatOption> flat = DottedReader.keyval(text, "driver", b.diags);
        OptionTree.Group tree = new Crumpler(ListIndexRule.KEYVAL, Code.DUPLICATE_KEY, b.diags).crumple(flat);
        b.node = new Binder(Typing.LENIENT, b.diags, b.origins).bind(tree, Binder.Role.IMAGE, text.span(0, text.length()));
        return b;
    }
}
