package io.qbmc.syntax;

import io.qbmc.source.Span;
import io.qbmc.source.Text;

/**
 * One item of a dotted option string as written: a key with its value, a bare key (QemuOpts'
 * short-form boolean), or an empty item between two commas. Values are already unescaped
 * (",," is one comma); spans point at the user's text.
 *
 * @param key      the key text, "" for an empty key or item; never null
 * @param value    the unescaped value, or null for a bare key
 * @param implied  true when the key was not written (the first item's implied key)
 * @param valueText the value with its mapping to the source, for values parsed again (json:)
 */
public record DottedItem(String key, Span keySpan, String value, Span valueSpan, Span span, boolean implied,
        Text valueText) {

    public boolean isBare() {
        return value == null;
    }

    /** An empty item: nothing between two commas, or a lone leading comma. */
    public boolean isEmpty() {
        return key.isEmpty() && value == null && !implied;
    }
}
