package io.qbmc.compile;

import io.qbmc.bind.Binder;
import io.qbmc.bind.Typing;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.options.Crumpler;
import io.qbmc.options.DottedReader;
import io.qbmc.options.FlatOption;
import io.qbmc.options.ListIndexRule;
import io.qbmc.options.OptionTree;
import io.qbmc.options.Scalar;
import io.qbmc.source.Span;
import io.qbmc.source.Text;
import java.util.ArrayList;
import java.util.List;

/** qemu-img --image-opts: QemuOpts with the implied key "file", then the block layer. */
final class ImageOpts {
    private ImageOpts() {
    }

    static void read(Text text, FrontEndResult into, Diagnostics diags) {
        List<FlatOption> flat = DottedReader.qemuOpts(text, "file", diags);
        add(flat, text, into, diags);
    }

    /** Crumples flat options with the block layer's rules and adds the node. */
    static void add(List<FlatOption> flat, Text text, FrontEndResult into, Diagnostics diags) {
        List<FlatOption> legacy = LegacyFilenames.expand(flat, diags);
        if (legacy == null) {
            return;
        }
        List<FlatOption> expanded = DescriptorInput.expand(legacy, DescriptorInput.folder(text.source()),
                into.descriptors, diags);
        OptionTree.Group tree = new Crumpler(ListIndexRule.BLOCK_LAYER, Code.DUPLICATE_KEY, diags).crumple(expanded);
        into.units.add(new Unit(tree, Binder.Role.IMAGE, Typing.LENIENT, text.span(0, text.length()), false));
    }

    /**
     * A filename argument on its own, as qemu-img takes an image name and QEMU a backing file name
     * (bdrv_open with a filename and no options): json:, a protocol prefix, or a plain path whose
     * format is probed.
     *
     * @param format the format given beside it (qemu-img -f), or null
     */
    static void readFilename(Text text, Text format, FrontEndResult into, Diagnostics diags) {
        List<FlatOption> options = new ArrayList<>();
        if (format != null) {
            Span at = format.span(0, format.length());
            options.add(new FlatOption("driver", at, new Scalar.Str(format.value()), at, new Span[] {at}, null));
        }
        if (JsonFilename.is(text.value())) {
            List<FlatOption> json = JsonFilename.read(text, diags);
            if (json != null) {
                addJson(Merge.explicitWins(json, options, diags), text, into, diags);
            }
            return;
        }
        Span all = text.span(0, text.length());
        FlatOption arg = new FlatOption("file", all, new Scalar.Str(text.value()), all, new Span[] {all}, text);
        List<FlatOption> placed = ProtocolFilename.place(arg, "", false, options, diags);
        if (placed != null) {
            add(placed, text, into, diags);
        }
    }

    /** A json: filename on its own, as qemu-img info 'json:{...}' takes it. */
    static void readJson(Text text, FrontEndResult into, Diagnostics diags) {
        addJson(JsonFilename.read(text, diags), text, into, diags);
    }

    /** A .json config file: the object a json: filename holds, without the prefix. */
    static void readJsonConfig(Text text, FrontEndResult into, Diagnostics diags) {
        addJson(JsonFilename.readObject(text, "", diags), text, into, diags);
    }

    private static void addJson(List<FlatOption> flat, Text text, FrontEndResult into, Diagnostics diags) {
        if (flat == null) {
            return;
        }
        List<FlatOption> legacy = LegacyFilenames.expand(flat, diags);
        if (legacy == null) {
            return;
        }
        List<FlatOption> expanded = DescriptorInput.expand(legacy, DescriptorInput.folder(text.source()),
                into.descriptors, diags);
        OptionTree.Group tree = new Crumpler(ListIndexRule.BLOCK_LAYER, null, diags).crumple(expanded);
        into.units.add(new Unit(tree, Binder.Role.IMAGE, Typing.LENIENT, text.span(0, text.length()), false));
    }
}
