package io.qbmc.emit;

import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Value;
import io.qbmc.schema.DriverSchema;
import io.qbmc.schema.Drivers;
import io.qbmc.schema.OptionSpec;
import io.qbmc.schema.OptionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The order emitters write a node's options in: its schema's declaration order. */
final class Layout {
    private Layout() {
    }

    static DriverSchema schema(BlockNode node) {
        return node.driver().isEmpty() ? Drivers.probe() : Drivers.get(node.driver());
    }

    /** node-name first, then the driver's options as declared, then anything undeclared. */
    static Map<String, Value> ordered(BlockNode node) {
        return ordered(node.options(), specs(schema(node)));
    }

    static Map<String, Value> ordered(Map<String, Value> options, List<OptionSpec> specs) {
        Map<String, Value> out = new LinkedHashMap<>();
        if (options.containsKey("node-name")) {
            out.put("node-name", options.get("node-name"));
        }
        for (OptionSpec s : specs) {
            Value v = options.get(s.name());
            if (v != null) {
                out.put(s.name(), v);
            }
        }
        for (Map.Entry<String, Value> e : options.entrySet()) {
            out.putIfAbsent(e.getKey(), e.getValue());
        }
        return out;
    }

    static List<OptionSpec> specs(DriverSchema schema) {
        List<OptionSpec> out = new ArrayList<>();
        if (schema != null) {
            schema.options().forEach(out::add);
        }
        return out;
    }

    /** The members declared for a group option, to order its members too. */
    static List<OptionSpec> members(DriverSchema schema, String path) {
        OptionType t = typeAt(schema, path);
        return t == null ? List.of() : OptionType.membersOf(t);
    }

    private static OptionType typeAt(DriverSchema schema, String path) {
        if (schema == null) {
            return null;
        }
        OptionType t = null;
        List<OptionSpec> level = specs(schema);
        for (String part : path.split("\\.")) {
            if (part.chars().allMatch(Character::isDigit) && t instanceof OptionType.ListOf l) {
                t = l.element();
                level = t instanceof OptionType.Group g ? g.members() : List.of();
                continue;
            }
            t = null;
            for (OptionSpec s : level) {
                if (s.name().equals(part)) {
                    t = s.type();
                }
            }
            if (t instanceof OptionType.Alternate a) {
                t = a.group();
            }
            if (t instanceof OptionType.Union u) {
                t = u.all();
            }
            level = t instanceof OptionType.Group g ? g.members() : List.of();
        }
        return t;
    }
}
