package io.qbmc.docs;

import io.qbmc.schema.DriverSchema;
import io.qbmc.schema.Drivers;
import io.qbmc.schema.OptionSpec;
import io.qbmc.schema.OptionType;
import java.util.List;

/**
 * docs/options.md, generated from the driver schemas the binder and the checks use, so the
 * reference cannot drift from the code. A test fails when the committed file differs.
 */
public final class OptionsReference {
    private OptionsReference() {
    }

    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Drivers and options\n\n");
        out.append("Generated from the driver schemas in `io.qbmc.schema` (the same declarations the\n");
        out.append("compiler checks against); do not edit by hand. Regenerate with\n");
        out.append("`mvn -B -q test -Dtest=DocsTest -Dqbmc.updateDocs=true`.\n\n");
        out.append("Types: *bool* is on/off (also yes/no, true/false, y/n); *number* is a 64-bit integer in\n");
        out.append("decimal, 0x hex or 0 octal; *size* is bytes with an optional suffix k, M, G, T, P, E\n");
        out.append("(powers of 1024); *node* is a child given as nested options (`file.driver=...`) or as\n");
        out.append("the node-name of another node. **Strong** options are the ones QEMU keeps in its\n");
        out.append("canonical `json:` filename.\n\n");
        out.append("| driver | kind | known to qemu-img | summary |\n|---|---|---|---|\n");
        for (DriverSchema d : Drivers.all()) {
            out.append("| [`").append(d.name()).append("`](#").append(anchor(d.name())).append(") | ")
                    .append(d.kind().name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                    .append(d.qemuKnows() ? "yes" : "no (qbmc only)").append(" | ").append(d.doc()).append(" |\n");
        }
        out.append("\n## Options of every node\n\n");
        out.append("The block layer reads these for every driver (QEMU's `bdrv_runtime_opts`).\n\n");
        out.append("| option | type | required | default | strong | description |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (OptionSpec o : Drivers.common()) {
            row(o, "", out);
        }
        for (DriverSchema d : Drivers.all()) {
            out.append("\n## ").append(d.name()).append("\n\n").append(d.doc()).append("\n\n");
            if (d.supportsBacking()) {
                out.append("Accepts a backing file.\n\n");
            }
            out.append("Besides the [options of every node](#options-of-every-node):\n\n");
            out.append("| option | type | required | default | strong | description |\n");
            out.append("|---|---|---|---|---|---|\n");
            for (OptionSpec o : d.options()) {
                if (!Drivers.common().contains(o)) {
                    row(o, "", out);
                }
            }
        }
        return out.toString();
    }

    private static void row(OptionSpec o, String prefix, StringBuilder out) {
        String name = prefix + o.name();
        out.append("| `").append(name).append("` | ").append(type(o.type())).append(" | ")
                .append(o.required() ? "yes" : "").append(" | ")
                .append(o.defaultValue() == null ? "" : "`" + o.defaultValue() + "`").append(" | ")
                .append(o.strong() ? "yes" : "").append(" | ").append(o.doc().replace("|", "\\|"))
                .append(o.inputOnly() ? " *Read when compiling; not kept in the graph.*" : "").append(" |\n");
        List<OptionSpec> members = OptionType.membersOf(o.type());
        String inner = o.type() instanceof OptionType.ListOf ? name + ".N." : name + ".";
        for (OptionSpec m : members) {
            row(m, inner, out);
        }
    }

    private static String type(OptionType t) {
        if (t instanceof OptionType.Enum e) {
            return String.join(" \\| ", e.values().stream().map(v -> "`" + v + "`").toList());
        }
        if (t instanceof OptionType.ListOf l) {
            return l.element() instanceof OptionType.Group ? "list of groups" : "list of " + type(l.element());
        }
        if (t instanceof OptionType.Alternate a) {
            return type(a.scalar()) + " or group";
        }
        return t.describe();
    }

    private static String anchor(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replace("_", "_");
    }
}
