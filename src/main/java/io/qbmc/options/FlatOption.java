package io.qbmc.options;

import io.qbmc.source.Span;
import io.qbmc.source.Text;

/**
 * One option with its full dotted key, the shape QEMU's block layer works on (a flat QDict).
 *
 * @param fragmentSpans span of each dot-separated fragment of the key, for precise carets
 * @param valueText     a string value with its mapping to the source, when it may be parsed again
 *                      (a json: filename inside an option); null otherwise
 */
public record FlatOption(String key, Span keySpan, Scalar value, Span valueSpan, Span[] fragmentSpans,
        Text valueText) {

    public Span span() {
        return keySpan.to(valueSpan);
    }
}
