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
import io.qbmc.source.Text;
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
        List<FlatOption> expanded = DescriptorInput.expand(LegacyFilenames.expand(flat, diags),
                DescriptorInput.folder(text.source()), into.descriptors, diags);
        OptionTree.Group tree = new Crumpler(ListIndexRule.BLOCK_LAYER, Code.DUPLICATE_KEY, diags).crumple(expanded);
        into.units.add(new Unit(tree, Binder.Role.IMAGE, Typing.LENIENT, text.span(0, text.length()), false));
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
        List<FlatOption> expanded = DescriptorInput.expand(LegacyFilenames.expand(flat, diags),
                DescriptorInput.folder(text.source()), into.descriptors, diags);
        OptionTree.Group tree = new Crumpler(ListIndexRule.BLOCK_LAYER, null, diags).crumple(expanded);
        into.units.add(new Unit(tree, Binder.Role.IMAGE, Typing.LENIENT, text.span(0, text.length()), false));
    }
}
