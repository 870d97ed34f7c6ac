package io.qbmc.compile;

import io.qbmc.bind.Binder;
import io.qbmc.bind.Typing;
import io.qbmc.options.OptionTree;
import io.qbmc.source.Span;

/**
 * One top-level node's options as a front end read them, with how to bind them.
 *
 * @param blockdev whether it came as a -blockdev node, which must have a node-name
 * @param refused  whether QEMU refuses the text before it looks at the options (keyval_parse
 *                 failed): what binding would find then is not reported, as QEMU never gets there
 */
record Unit(OptionTree.Group tree, Binder.Role role, Typing typing, Span span, boolean blockdev, boolean refused) {
    Unit(OptionTree.Group tree, Binder.Role role, Typing typing, Span span, boolean blockdev) {
        this(tree, role, typing, span, blockdev, false);
    }
}
