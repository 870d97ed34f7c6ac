package io.qbmc.compile;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.options.FlatOption;
import io.qbmc.options.Scalar;
import io.qbmc.source.Source;
import io.qbmc.source.Span;
import io.qbmc.source.Text;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HOCON files (typesafe-config): the same option tree as the dotted form, nested the way HOCON
 * users write it, with includes, substitutions and ${?ENV}. Every option keeps its file and line
 * from typesafe-config's origins; HOCON has no columns.
 */
final class Hocon {
    /** Deeper HOCON would overflow typesafe-config's recursive parser; no real configuration comes near. */
    static final int MAX_NESTING = 256;

    private Hocon() {
    }

    /** The deepest bracket nesting, counted outside quoted strings and comments. */
    static int nesting(String text) {
        int depth = 0;
        int max = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!quoted && (c == '#' || (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/'))) {
                while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                    i++;
                }
            } else if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '{' || c == '[') {
                max = Math.max(max, ++depth);
            } else if (c == '}' || c == ']') {
                depth = Math.max(0, depth - 1);
            }
        }
        return max;
    }

    static boolean is(Source source) {
        return source.file() != null && source.file().getFileName().toString().endsWith(".conf");
    }

    static void read(Source source, FrontEndResult into, Diagnostics diags, long maxChars) {
        int depth = nesting(source.text());
        if (depth > MAX_NESTING) {
            diags.report(Code.INPUT_LIMIT, Span.line(source, 1), "HOCON nested " + depth + " levels deep; the limit is "
                    + MAX_NESTING, "flatten the configuration");
            return;
        }
        Config config;
        ConfigParseOptions parse = ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false)
                .setOriginDescription(source.name()).setIncluder(new HoconIncluder());
        List<FlatOption> flat = new ArrayList<>();
        try {
            // an absolute path: typesafe-config finds included files beside the file's parent,
            // and "main.conf" has none
            Config parsed = source.file() != null && Files.isRegularFile(source.file())
                    ? ConfigFactory.parseFile(source.file().toAbsolutePath().toFile(), parse)
                    : ConfigFactory.parseString(source.text(), parse);
            HoconBudget.Overrun over = HoconBudget.check(parsed.root(), maxChars);
            if (over != null) {
                diags.report(Code.INPUT_LIMIT, span(over.origin(), source, new HashMap<>()), "'" + over.path() + "' "
                        + over.why(), "write the value out, or use fewer substitutions");
                return;
            }
            config = parsed.resolve(ConfigResolveOptions.defaults());
            Map<String, Source> sources = new HashMap<>();
            sources.put(source.name(), source);
            if (source.file() != null) {
                sources.put(source.file().toString(), source);
                sources.put(source.file().toAbsolutePath().toString(), source);
            }
            walk(config.root(), "", 0, flat, source, sources);
        } catch (ConfigException e) {
            diags.report(Code.DESCRIPTOR_SYNTAX, span(e.origin(), source, new HashMap<>()), strip(e), hint(e));
            return;
        } catch (TooDeep | StackOverflowError e) {
            // the text check above cannot see nesting made by included files, long dotted keys or
            // chains of substitutions; typesafe-config recurses on all of them
            diags.report(Code.INPUT_LIMIT, Span.line(source, 1), "HOCON nested more than " + MAX_NESTING
                    + " levels deep (through brackets, dotted keys, includes or substitutions)",
                    "flatten the configuration");
            return;
        }
        ImageOpts.add(flat, Text.of(source), into, diags);
    }

    /** Thrown by the walk past MAX_NESTING levels. */
    private static final class TooDeep extends RuntimeException {
        TooDeep() {
            super(null, null, false, false);
        }
    }

    private static void walk(ConfigValue v, String key, int depth, List<FlatOption> out, Source main,
            Map<String, Source> sources) {
        if (depth > MAX_NESTING) {
            throw new TooDeep();
        }
        if (v instanceof ConfigObject o) {
            if (o.isEmpty() && !key.isEmpty()) {
                out.add(leaf(key, new Scalar.EmptyObject(), v.origin(), main, sources));
            }
            for (Map.Entry<String, ConfigValue> e : o.entrySet()) {
                walk(e.getValue(), key.isEmpty() ? e.getKey() : key + "." + e.getKey(), depth + 1, out, main, sources);
            }
        } else if (v instanceof ConfigList l) {
            if (l.isEmpty()) {
                out.add(leaf(key, new Scalar.EmptyList(), v.origin(), main, sources));
            }
            for (int i = 0; i < l.size(); i++) {
                walk(l.get(i), key + "." + i, depth + 1, out, main, sources);
            }
        } else {
            Object raw = v.unwrapped();
            Scalar s;
            if (raw == null) {
                s = new Scalar.Null();
            } else if (raw instanceof Boolean b) {
                s = new Scalar.Bool(b);
            } else if (raw instanceof Double d && !Double.isFinite(d)) {
                // typesafe-config reads "1e999" as Infinity, which is no number an option takes
                s = new Scalar.Str(d.toString());
            } else if (raw instanceof Number n) {
                s = new Scalar.Num(n.toString());
            } else {
                s = new Scalar.Str(raw.toString());
            }
            out.add(leaf(key, s, v.origin(), main, sources));
        }
    }

    private static FlatOption leaf(String key, Scalar value, ConfigOrigin origin, Source main,
            Map<String, Source> sources) {
        Span line = span(origin, main, sources);
        Span at = Span.line(line.source(), line.knownLine(), key);
        Span[] frags = new Span[key.split("\\.", -1).length];
        java.util.Arrays.fill(frags, at);
        return new FlatOption(key, at, value, at, frags, null);
    }

    /** A line span in the file the value came from (an included file gets its own source). */
    private static Span span(ConfigOrigin origin, Source main, Map<String, Source> sources) {
        if (origin == null || origin.lineNumber() < 0) {
            return Span.line(main, 1);
        }
        String file = origin.filename();
        Source s = main;
        if (file != null && !file.equals(main.name()) && (main.file() == null
                || !Path.of(file).toAbsolutePath().equals(main.file().toAbsolutePath()))) {
            s = sources.computeIfAbsent(file, f -> {
                Path p = Path.of(f);
                String shown = shown(p);
                try {
                    return new Source(shown, Files.readString(p, StandardCharsets.UTF_8), p);
                } catch (IOException e) {
                    return new Source(shown, "", p);
                }
            });
        }
        return Span.line(s, origin.lineNumber());
    }

    /** An included file's name as the user would write it: relative to the working folder when inside it. */
    private static String shown(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : p.toString();
    }

    /** typesafe-config prefixes messages with the origin; our renderer prints the position itself. */
    private static String strip(ConfigException e) {
        String m = e.getMessage();
        if (e.origin() != null) {
            String prefix = e.origin().description() + ": ";
            if (m.startsWith(prefix)) {
                m = m.substring(prefix.length());
            }
        }
        return m;
    }

    private static String hint(ConfigException e) {
        if (e instanceof ConfigException.UnresolvedSubstitution) {
            return "define the value, or write ${?NAME} to make it optional";
        }
        return null;
    }
}
