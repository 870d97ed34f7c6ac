package io.qbmc.options;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.source.Span;
import io.qbmc.source.Text;
import io.qbmc.syntax.DottedItem;
import io.qbmc.syntax.DottedSyntax;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a dotted option string with the rules of one of QEMU's two parsers and gives the flat
 * options. QemuOpts (--image-opts, -drive) is lenient about keys and turns bare words into
 * booleans; keyval (-blockdev) checks every key fragment.
 */
public final class DottedReader {

    private DottedReader() {
    }

    /** QemuOpts, as qemu_opts_parse_noisily reads --image-opts or -drive. */
    public static List<FlatOption> qemuOpts(Text text, String impliedKey, Diagnostics diags) {
        List<DottedItem> items = DottedSyntax.parse(text,
                impliedKey == null ? null : DottedSyntax.ImpliedValue.QEMU_OPTS_VALUE);
        List<FlatOption> out = new ArrayList<>(items.size());
        for (DottedItem item : items) {
            if (item.implied()) {
                out.add(new FlatOption(impliedKey, item.keySpan(), new Scalar.Str(item.value()),
                        item.valueSpan(), new Span[] {item.keySpan()}, item.valueText()));
                continue;
            }
            String key = item.key();
            String value = item.value();
            if (item.isBare()) {
                // QemuOpts' short-form boolean: "foo" is foo=on, "nofoo" is foo=off
                boolean off = key.startsWith("no");
                String name = off ? key.substring(2) : key;
                value = off ? "off" : "on";
                // get_opt_name_value: a bare "help" or "?" is not warned about (is_help_option)
                if (off || !(name.equals("help") || name.equals("?"))) {
                    diags.report(Code.SHORT_BOOLEAN, item.span(),
                            "short-form boolean option '" + key + "' deprecated",
                            "Please use " + name + "=" + value + " instead");
                }
                key = name;
                Span nameSpan = off ? Span.of(item.keySpan().source(), item.keySpan().start() + 2,
                        item.keySpan().end()) : item.keySpan();
                out.add(new FlatOption(key, nameSpan, new Scalar.Str(value), Span.NONE,
                        fragmentSpans(key, nameSpan), null));
                continue;
            }
            if (key.equals("id")) {
                checkId(value, item.valueSpan(), diags);
            }
            out.add(new FlatOption(key, item.keySpan(), new Scalar.Str(value), item.valueSpan(),
                    fragmentSpans(key, item.keySpan()), item.valueText()));
        }
        return out;
    }

    /** QemuOpts' id_wellformed: a letter, then letters, digits, '-', '.', '_'. */
    public static void checkId(String id, Span at, Diagnostics diags) {
        boolean ok = !id.isEmpty() && isAsciiLetter(id.charAt(0));
        for (int i = 1; ok && i < id.length(); i++) {
            char c = id.charAt(i);
            ok = isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
        }
        if (!ok) {
            diags.report(Code.INVALID_ID, at, "Parameter 'id' expects an identifier",
                    "Identifiers consist of letters, digits, '-', '.', '_', starting with a letter.");
        }
    }

    /** keyval, as -blockdev and -object read dotted strings (util/keyval.c). */
    public static List<FlatOption> keyval(Text text, String impliedKey, Diagnostics diags) {
        List<DottedItem> items = DottedSyntax.parse(text,
                impliedKey == null ? null : DottedSyntax.ImpliedValue.KEYVAL_WORD);
        List<FlatOption> out = new ArrayList<>(items.size());
        boolean first = true;
        for (DottedItem item : items) {
            boolean wasFirst = first;
            first = false;
            if (item.implied()) {
                if (item.value().equals("help") || item.value().equals("?")) {
                    diags.report(Code.EXPECTED_EQUALS, item.span(), "Help is not available for this option",
                            "qbmc explain and docs/options.md list every driver's options");
                    continue;
                }
                if (item.value().isEmpty()) {
                    diags.report(Code.INVALID_KEY, item.span(), "Invalid parameter ''",
                            "the first item is empty");
                    continue;
                }
                out.add(new FlatOption(impliedKey, item.keySpan(), new Scalar.Str(item.value()),
                        item.valueSpan(), new Span[] {item.keySpan()}, item.valueText()));
                continue;
            }
            String key = item.key();
            if (item.isEmpty()) {
                diags.report(Code.INVALID_KEY, item.span(), "Invalid parameter ''",
                        "two commas in a row end an item; inside a value write ',,' for a comma");
                continue;
            }
            if (item.isBare() && (key.equals("help") || key.equals("?"))) {
                diags.report(Code.EXPECTED_EQUALS, item.span(), "Help is not available for this option",
                        "docs/options.md lists every driver's options");
                continue;
            }
            if (!checkKeyvalKey(key, item.keySpan(), diags)) {
                continue;
            }
            if (item.isBare()) {
                diags.report(Code.EXPECTED_EQUALS, item.span(), "Expected '=' after parameter '" + key + "'",
                        wasFirst && impliedKey == null ? "keyval has no boolean short forms; write " + key + "=on"
                                : "write " + key + "=on, or " + key + "=VALUE");
                continue;
            }
            out.add(new FlatOption(key, item.keySpan(), new Scalar.Str(item.value()), item.valueSpan(),
                    fragmentSpans(key, item.keySpan()), item.valueText()));
        }
        return out;
    }

    /** keyval_parse_one's key loop: QAPI names, decimal indices after the first fragment, < 128 chars. */
    private static boolean checkKeyvalKey(String key, Span keySpan, Diagnostics diags) {
        String[] frags = key.split("\\.", -1);
        int offset = 0;
        for (int k = 0; k < frags.length; k++) {
            String f = frags[k];
            boolean ok = (k > 0 && isDigits(f)) || isQapiName(f);
            if (!ok) {
                diags.report(Code.INVALID_KEY, keySpan, "Invalid parameter '" + key + "'",
                        f.isEmpty() ? "the key has an empty fragment" + (k == 0 && frags.length == 1 ? "" : " (two dots, or a dot at an end)")
                                : k == 0 && isDigits(f) ? "a key cannot start with a list index"
                                : "'" + f + "' is not a name: a letter, then letters, digits, '-' or '_'");
                return false;
            }
            if (f.length() >= 128) {
                Span fs = Span.of(keySpan.source(), keySpan.start() + offset, keySpan.start() + offset + f.length());
                diags.report(Code.KEY_TOO_LONG, keySpan.hasOffsets() ? fs : keySpan,
                        frags.length == 1 ? "Parameter '" + f + "' is too long"
                                : "Parameter fragment '" + f + "' is too long",
                        "key fragments have at most 127 characters");
                return false;
            }
            offset += f.length() + 1;
        }
        return true;
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** parse_qapi_name(s, true), including the downstream "__RFQDN_name" form. */
    static boolean isQapiName(String s) {
        int p = 0;
        if (s.startsWith("_")) {
            if (!s.startsWith("__")) {
                return false;
            }
            p = 2;
            while (p < s.length() && (isAsciiLetterOrDigit(s.charAt(p)) || s.charAt(p) == '-')) {
                p++;
            }
            if (p >= s.length() || s.charAt(p) != '_') {
                return false;
            }
            p++;
        }
        if (p >= s.length() || !isAsciiLetter(s.charAt(p))) {
            return false;
        }
        for (p++; p < s.length(); p++) {
            char c = s.charAt(p);
            if (!isAsciiLetterOrDigit(c) && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9');
    }

    /** Spans of each dot-separated fragment; keys are written verbatim, so offsets line up. */
    static Span[] fragmentSpans(String key, Span keySpan) {
        String[] frags = key.split("\\.", -1);
        Span[] out = new Span[frags.length];
        if (!keySpan.hasOffsets() || keySpan.length() != key.length()) {
            java.util.Arrays.fill(out, keySpan);
            return out;
        }
        int at = keySpan.start();
        for (int k = 0; k < frags.length; k++) {
            out[k] = Span.of(keySpan.source(), at, at + frags[k].length());
            at += frags[k].length() + 1;
        }
        return out;
    }
}
