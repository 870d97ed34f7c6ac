package io.qbmc.compile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * QEMU 7.2's URI parser (util/uri.c, derived from libxml2), as nbd:// and ssh:// filenames go
 * through it: RFC 3986 first, then a relative reference. Its quirks are kept, because they decide
 * what QEMU accepts: a port above 65535 fails the whole parse, the query is kept escaped while
 * the other parts are unescaped, and an empty user ("ssh://@host/p") is unescaped with length
 * 0, which uri_string_unescape reads as "up to the end of the string".
 */
final class Uri {
    String scheme;
    String user;
    String server;
    int port;
    String path;
    String query;
    String fragment;

    private final String s;

    private Uri(String s) {
        this.s = s;
    }

    /** uri_parse: the parsed URI, or null where QEMU's parser fails. */
    static Uri parse(String text) {
        Uri absolute = new Uri(text);
        if (absolute.absolute()) {
            return absolute;
        }
        Uri relative = new Uri(text);
        return relative.relative() ? relative : null;
    }

    /** One query_params_parse entry; value is null for a bare "name". */
    record Param(String name, String value) {
    }

    /** query_params_parse: '&' separates entries, or ';' when the query has no '&' at all. */
    static List<Param> queryParams(String query) {
        List<Param> out = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        int at = 0;
        while (at < query.length()) {
            int end = query.indexOf('&', at);
            if (end < 0) {
                end = query.indexOf(';', at);
                if (end < 0) {
                    end = query.length();
                }
            }
            int eq = query.indexOf('=', at);
            if (eq >= end) {
                eq = -1;
            }
            if (end != at) {
                if (eq < 0) {
                    out.add(new Param(unescape(query, at, end), null));
                } else if (eq + 1 == end) {
                    out.add(new Param(unescape(query, at, eq), ""));
                } else if (eq != at) {
                    out.add(new Param(unescape(query, at, eq), unescape(query, eq + 1, end)));
                }
            }
            at = end < query.length() ? end + 1 : end;
        }
        return out;
    }

    // ---- rfc3986_parse: scheme ":" hier-part [ "?" query ] [ "#" fragment ] ----

    private boolean absolute() {
        int cur = 0;
        if (!alpha(cur)) {
            return false;
        }
        cur++;
        while (alpha(cur) || digit(cur) || at(cur) == '+' || at(cur) == '-' || at(cur) == '.') {
            cur++;
        }
        scheme = s.substring(0, cur);
        if (at(cur) != ':') {
            return false;
        }
        cur = hierPart(cur + 1);
        return cur >= 0 && tail(cur);
    }

    private int hierPart(int cur) {
        if (at(cur) == '/' && at(cur + 1) == '/') {
            cur = authority(cur + 2);
            return cur < 0 ? -1 : pathAbEmpty(cur);
        }
        if (at(cur) == '/') {
            return pathAbsolute(cur);
        }
        if (pchar(cur)) {
            return pathRootless(cur);
        }
        path = null;
        return cur;
    }

    // ---- rfc3986_parse_relative_ref ----

    private boolean relative() {
        int cur = 0;
        if (at(cur) == '/' && at(cur + 1) == '/') {
            cur = authority(cur + 2);
            cur = cur < 0 ? -1 : pathAbEmpty(cur);
        } else if (at(cur) == '/') {
            cur = pathAbsolute(cur);
        } else if (pchar(cur)) {
            cur = pathNoScheme(cur);
        } else {
            path = null;
        }
        return cur >= 0 && tail(cur);
    }

    /** [ "?" query ] [ "#" fragment ] and then the end. */
    private boolean tail(int cur) {
        if (at(cur) == '?') {
            int start = ++cur;
            while (pchar(cur) || at(cur) == '/' || at(cur) == '?') {
                cur = next(cur);
            }
            query = s.substring(start, Math.min(cur, s.length()));
        }
        if (at(cur) == '#') {
            int start = ++cur;
            while (pchar(cur) || at(cur) == '/' || at(cur) == '?' || at(cur) == '[' || at(cur) == ']') {
                cur = next(cur);
            }
            fragment = unescapeQuirk(start, cur);
        }
        return cur >= s.length();
    }

    // ---- authority = [ userinfo "@" ] host [ ":" port ] ----

    private int authority(int start) {
        int cur = start;
        while (unreserved(cur) || pctEncoded(cur) || subDelim(cur) || at(cur) == ':') {
            cur = next(cur);
        }
        if (at(cur) == '@') {
            user = unescapeQuirk(start, cur);
            cur++;
        } else {
            cur = start;
        }
        int host = cur;
        if (at(cur) == '[') {
            cur++;
            while (at(cur) != ']' && at(cur) != 0) {
                cur++;
            }
            if (at(cur) != ']') {
                return -1;
            }
            cur++;
        } else {
            // util/uri.c tries an IPv4 address first, but its dec-octet walk never reaches the third
            // octet, so every host ends up read as a reg-name, as here
            while (unreserved(cur) || pctEncoded(cur) || subDelim(cur)) {
                cur = next(cur);
            }
        }
        server = cur != host ? unescape(s, host, cur) : null;
        if (at(cur) == ':') {
            cur++;
            if (!digit(cur)) {
                return -1;
            }
            int p = 0;
            while (digit(cur)) {
                p = p * 10 + (at(cur) - '0');
                if (p > 65535) {
                    return -1;
                }
                cur++;
            }
            port = p;
        }
        return cur;
    }

    // ---- paths ----

    /** path-abempty = *( "/" segment ) */
    private int pathAbEmpty(int start) {
        int cur = start;
        while (at(cur) == '/') {
            cur = segment(cur + 1, (char) 0, true);
        }
        path = cur != start ? unescape(s, start, cur) : null;
        return cur;
    }

    /** path-absolute = "/" [ segment-nz *( "/" segment ) ] */
    private int pathAbsolute(int start) {
        int cur = start + 1;
        int after = segment(cur, (char) 0, false);
        if (after >= 0) {
            cur = after;
            while (at(cur) == '/') {
                cur = segment(cur + 1, (char) 0, true);
            }
        }
        path = unescape(s, start, cur);
        return cur;
    }

    /** path-rootless = segment-nz *( "/" segment ) */
    private int pathRootless(int start) {
        return segments(start, (char) 0);
    }

    /** path-noscheme = segment-nz-nc *( "/" segment ) */
    private int pathNoScheme(int start) {
        return segments(start, ':');
    }

    private int segments(int start, char forbid) {
        int cur = segment(start, forbid, false);
        if (cur < 0) {
            return -1;
        }
        while (at(cur) == '/') {
            cur = segment(cur + 1, (char) 0, true);
        }
        path = cur != start ? unescape(s, start, cur) : null;
        return cur;
    }

    /** segment = *pchar; -1 when an empty one is not allowed here. */
    private int segment(int cur, char forbid, boolean empty) {
        if (!pchar(cur)) {
            return empty ? cur : -1;
        }
        while (pchar(cur) && at(cur) != forbid) {
            cur = next(cur);
        }
        return cur;
    }

    // ---- character classes (ASCII only: anything else is in no class) ----

    private char at(int i) {
        return i < s.length() ? s.charAt(i) : 0;
    }

    private int next(int cur) {
        return at(cur) == '%' ? cur + 3 : cur + 1;
    }

    private boolean alpha(int i) {
        char c = at(i);
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private boolean digit(int i) {
        char c = at(i);
        return c >= '0' && c <= '9';
    }

    private boolean hex(int i) {
        char c = at(i);
        return digit(i) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private boolean unreserved(int i) {
        char c = at(i);
        return alpha(i) || digit(i) || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private boolean subDelim(int i) {
        return "!$&()*+,;='".indexOf(at(i)) >= 0 && at(i) != 0;
    }

    private boolean pctEncoded(int i) {
        return at(i) == '%' && hex(i + 1) && hex(i + 2);
    }

    private boolean pchar(int i) {
        return unreserved(i) || pctEncoded(i) || subDelim(i) || at(i) == ':' || at(i) == '@';
    }

    /** uri_string_unescape(str, len): with len 0 it unescapes everything up to the end. */
    private String unescapeQuirk(int start, int end) {
        return unescape(s, start, end > start ? end : s.length());
    }

    /** uri_string_unescape: %XX becomes the byte XX; the bytes are read as UTF-8. */
    static String unescape(String text, int start, int end) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = start;
        while (i < end) {
            char c = text.charAt(i);
            if (end - i > 2 && c == '%' && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i++;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
