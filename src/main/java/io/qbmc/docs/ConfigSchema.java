package io.qbmc.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qbmc.schema.DriverSchema;
import io.qbmc.schema.Drivers;
import io.qbmc.schema.OptionSpec;
import io.qbmc.schema.OptionType;
import java.util.List;

/**
 * docs/schema/qbmc-config.schema.json: a JSON Schema (2020-12) for the nested JSON and HOCON
 * form of a configuration, generated from the driver schemas the compiler checks against, so
 * editors validate while typing by the same rules. It describes the nested form people write;
 * QEMU's flat "a.b" keys inside JSON are valid input too: a key "X.rest" is allowed (and stands
 * for a required X) wherever X is a child, group or list, without its value being checked. A qbm
 * node that names a descriptor needs no image and bitmaps beside it.
 */
public final class ConfigSchema {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String BOOL_WORDS = "^(on|off|yes|no|true|false|y|n)$";
    private static final String NUMBER = "^-?(0[xX][0-9a-fA-F]+|[0-9]+)$";
    private static final String SIZE = "^([0-9]+(\\.[0-9]*)?[bBkKmMgGtTpPeE]?|0[xX][0-9a-fA-F]+[bBkKmMgGtTpPeE]?)$";

    private ConfigSchema() {
    }

    public static String json() {
        ObjectNode root = F.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "https://qbmc.io/schema/qbmc-config.schema.json");
        root.put("title", "qbmc configuration: a QEMU block node tree in nested JSON or HOCON");
        root.put("description", "Generated from qbmc's driver schemas (docs/options.md); do not edit by hand.");
        root.put("$ref", "#/$defs/node");
        ObjectNode defs = root.putObject("$defs");
        defs.set("node", node());
        defs.set("child", child(false));
        defs.set("child-or-null", child(true));
        defs.set("bool", F.objectNode().set("anyOf", F.arrayNode()
                .add(F.objectNode().put("type", "boolean"))
                .add(F.objectNode().put("type", "string").put("pattern", BOOL_WORDS))));
        defs.set("number", F.objectNode().set("anyOf", F.arrayNode()
                .add(F.objectNode().put("type", "integer"))
                .add(F.objectNode().put("type", "string").put("pattern", NUMBER))));
        defs.set("size", F.objectNode().set("anyOf", F.arrayNode()
                .add(F.objectNode().put("type", "integer").put("minimum", 0))
                .add(F.objectNode().put("type", "string").put("pattern", SIZE))));
        defs.set("driver-probed", driver(Drivers.probe(), false));
        for (DriverSchema d : Drivers.all()) {
            defs.set("driver-" + d.name(), driver(d, true));
        }
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A node: dispatch on driver; without one, the probed format's options. */
    private static ObjectNode node() {
        ObjectNode n = F.objectNode();
        n.put("type", "object");
        ArrayNode names = F.arrayNode();
        Drivers.all().forEach(d -> names.add(d.name()));
        n.putObject("properties").putObject("driver").set("enum", names);
        ArrayNode all = n.putArray("allOf");
        for (DriverSchema d : Drivers.all()) {
            ObjectNode rule = all.addObject();
            ObjectNode condition = rule.putObject("if");
            condition.set("required", F.arrayNode().add("driver"));
            condition.putObject("properties").putObject("driver").put("const", d.name());
            rule.putObject("then").put("$ref", "#/$defs/driver-" + d.name());
        }
        ObjectNode probed = all.addObject();
        probed.putObject("if").putObject("not").set("required", F.arrayNode().add("driver"));
        probed.putObject("then").put("$ref", "#/$defs/driver-probed");
        return n;
    }

    private static ObjectNode child(boolean nullable) {
        ArrayNode any = F.arrayNode()
                .add(F.objectNode().put("$ref", "#/$defs/node"))
                .add(F.objectNode().put("type", "string").put("description", "the node-name of another node"));
        if (nullable) {
            any.add(F.objectNode().put("type", "null"));
        }
        return (ObjectNode) F.objectNode().set("anyOf", any);
    }

    private static ObjectNode driver(DriverSchema d, boolean named) {
        ObjectNode s = F.objectNode();
        s.put("type", "object");
        if (!d.doc().isEmpty()) {
            s.put("description", d.doc());
        }
        ObjectNode props = s.putObject("properties");
        if (named) {
            props.putObject("driver").put("const", d.name());
        }
        members(d.options(), props, s);
        s.put("additionalProperties", false);
        return s;
    }

    /** The granularities qbmc accepts as numbers: the powers of two from 512 to 2^31. */
    private static ObjectNode granularity() {
        ArrayNode powers = F.arrayNode();
        for (int k = 9; k <= 31; k++) {
            powers.add(1L << k);
        }
        ObjectNode number = F.objectNode().put("type", "integer");
        number.set("enum", powers);
        return (ObjectNode) F.objectNode().set("anyOf", F.arrayNode().add(number)
                .add(F.objectNode().put("type", "string").put("pattern", SIZE)));
    }

    private static void members(Iterable<OptionSpec> specs, ObjectNode props, ObjectNode owner) {
        List<String> required = new java.util.ArrayList<>();
        List<String> nested = new java.util.ArrayList<>();
        boolean descriptor = false;
        for (OptionSpec o : specs) {
            ObjectNode p = o.name().equals("granularity") && o.type() instanceof OptionType.Size ? granularity()
                    : type(o.type());
            if (o.type() instanceof OptionType.ListOf && o.required()) {
                // an empty list is no list: QEMU and qbmc report it as missing
                p.put("minItems", 1);
            }
            p.put("description", o.doc());
            props.set(o.name(), p);
            if (o.required() && !o.blockdevOnly()) {
                required.add(o.name());
            }
            if (nests(o.type())) {
                nested.add(o.name());
            }
            descriptor |= o.name().equals("descriptor");
        }
        if (!nested.isEmpty()) {
            // QEMU's flat keys: "cache.direct": true for "cache": {"direct": true}
            ObjectNode patterns = owner.putObject("patternProperties");
            for (String n : nested) {
                patterns.putObject(dotted(n));
            }
        }
        if (required.isEmpty()) {
            return;
        }
        ArrayNode all = F.arrayNode();
        for (String r : required) {
            all.add(present(r, nested.contains(r)));
        }
        ObjectNode rules = all.size() == 1 ? (ObjectNode) all.get(0) : (ObjectNode) F.objectNode().set("allOf", all);
        if (descriptor) {
            // a qbm node that names its descriptor takes image and bitmaps from it
            rules = (ObjectNode) F.objectNode().set("anyOf", F.arrayNode()
                    .add(F.objectNode().set("required", F.arrayNode().add("descriptor"))).add(rules));
        }
        if (rules.size() == 1 && rules.has("required")) {
            owner.set("required", rules.get("required"));
        } else if (owner.has("allOf")) {
            ((ArrayNode) owner.get("allOf")).add(rules);
        } else {
            owner.set("allOf", F.arrayNode().add(rules));
        }
    }

    /** Whether an option of this type can be written as flat "name.rest" keys. */
    private static boolean nests(OptionType t) {
        return t instanceof OptionType.ChildRef || t instanceof OptionType.ListOf || t instanceof OptionType.Group
                || t instanceof OptionType.Union || t instanceof OptionType.Alternate;
    }

    /** The pattern of the flat keys under name: "^name\\.". */
    private static String dotted(String name) {
        StringBuilder out = new StringBuilder("^");
        for (char c : name.toCharArray()) {
            if (".+*?^$()[]{}|\\/".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append("\\.").toString();
    }

    /** name is present, as itself or, when it nests, as a flat "name.rest" key. */
    private static ObjectNode present(String name, boolean nests) {
        ObjectNode itself = (ObjectNode) F.objectNode().set("required", F.arrayNode().add(name));
        if (!nests) {
            return itself;
        }
        ObjectNode flat = F.objectNode();
        flat.putObject("not").putObject("propertyNames").putObject("not").put("pattern", dotted(name));
        return (ObjectNode) F.objectNode().set("anyOf", F.arrayNode().add(itself).add(flat));
    }

    private static ObjectNode type(OptionType t) {
        if (t instanceof OptionType.Str) {
            return F.objectNode().put("type", "string");
        }
        if (t instanceof OptionType.Bool) {
            return F.objectNode().put("$ref", "#/$defs/bool");
        }
        if (t instanceof OptionType.Num) {
            return F.objectNode().put("$ref", "#/$defs/number");
        }
        if (t instanceof OptionType.Size) {
            return F.objectNode().put("$ref", "#/$defs/size");
        }
        if (t instanceof OptionType.Enum e) {
            ArrayNode values = F.arrayNode();
            e.values().forEach(values::add);
            return (ObjectNode) F.objectNode().set("enum", values);
        }
        if (t instanceof OptionType.ChildRef c) {
            return F.objectNode().put("$ref", c.nullable() ? "#/$defs/child-or-null" : "#/$defs/child");
        }
        if (t instanceof OptionType.ListOf l) {
            ObjectNode a = F.objectNode().put("type", "array");
            a.set("items", type(l.element()));
            return a;
        }
        if (t instanceof OptionType.Group g) {
            return group(g.members());
        }
        if (t instanceof OptionType.Union u) {
            return group(u.all().members());
        }
        if (t instanceof OptionType.Alternate a) {
            return (ObjectNode) F.objectNode().set("anyOf", F.arrayNode().add(type(a.scalar())).add(type(a.group())));
        }
        throw new IllegalStateException("no JSON Schema for " + t);
    }

    private static ObjectNode group(List<OptionSpec> members) {
        ObjectNode g = F.objectNode().put("type", "object");
        members(members, g.putObject("properties"), g);
        g.put("additionalProperties", false);
        return g;
    }
}
