package io.qbmc.options;

import io.qbmc.source.Span;
import io.qbmc.source.Text;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options after crumpling: nested groups and lists with a scalar at every leaf, each
 * remembering where its key was written. Immutable.
 */
public sealed interface OptionTree {

    /** Span of the key (fragment) that names this node in its parent; NONE for the root. */
    Span keySpan();

    /** Span covering everything written for this node. */
    Span span();

    /** @param valueText the value with its source mapping, when it may be parsed again; or null */
    record Leaf(Scalar value, Span keySpan, Span valueSpan, Text valueText) implements OptionTree {
        @Override
        public Span span() {
            return keySpan.to(valueSpan);
        }
    }

    /**
     * @param shadow a scalar written for the same key as the group's members ("file=x" beside
     *               "file.driver=..."). QEMU's block layer keeps both in its flat dictionary and
     *               decides by the key's meaning what is wrong; null when there is none
     */
    record Group(Map<String, OptionTree> members, Span keySpan, Span span, Leaf shadow) implements OptionTree {
        public Group {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }

        public Group(Map<String, OptionTree> members, Span keySpan, Span span) {
            this(members, keySpan, span, null);
        }

        public OptionTree get(String name) {
            return members.get(name);
        }
    }

    record Items(List<OptionTree> items, Span keySpan, Span span) implements OptionTree {
        public Items {
            items = List.copyOf(items);
        }
    }
}
