package io.qbmc.compile;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.graph.QemuObject;
import io.qbmc.graph.Value;
import io.qbmc.options.DottedReader;
import io.qbmc.options.FlatOption;
import io.qbmc.options.JsonFlattener;
import io.qbmc.source.Text;
import io.qbmc.syntax.JsonNode;
import io.qbmc.syntax.JsonSyntax;
import io.qbmc.syntax.ShellWords;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A whole QEMU command line, pasted from a shell or a libvirt log: -drive, -blockdev and the
 * -object definitions they use are compiled; every other flag is skipped with a note.
 */
final class CommandLine {
    private static final Set<String> BLOCK_FLAGS = Set.of("-drive", "--drive", "-blockdev", "--blockdev", "-object",
            "--object", "--image-opts");

    /**
     * qemu-img flags that take no argument, so the word after them is not theirs (qemu-img.c's
     * getopt strings: "U" of --force-share, "q", "p", "n", ...).
     */
    private static final Set<String> NO_ARGUMENT = Set.of("-U", "--force-share", "-q", "-p", "-n", "-c", "-C", "-u",
            "-W", "--backing-chain", "--salvage", "--shallow", "--bitmaps", "--skip-broken-bitmaps", "--add",
            "--remove", "--clear", "--enable", "--disable", "--merge-only", "--strict", "--no-drain", "--help", "-h");

    private CommandLine() {
    }

    /**
     * Whether the text is a command line rather than one option string: it starts with a program
     * whose name contains "qemu", or with one of the block flags. libvirt's logs put the
     * environment first ("LC_ALL=C PATH=/usr/bin /usr/bin/qemu-system-x86_64 ..."), so leading
     * NAME=value words are passed over when a qemu program follows them. Anything later in the
     * text may be inside a value ("filename= -drive ,..."), so only the first word after them
     * decides: "driver=raw,file.filename=x" is never a command line.
     */
    static boolean looksLike(String s) {
        int start = 0;
        boolean afterEnvironment = false;
        while (true) {
            // each word as s.split("\\s+") gives it, without a regex over the whole input
            int end = start;
            while (end < s.length() && !isRegexSpace(s.charAt(end))) {
                end++;
            }
            String word = s.substring(start, end);
            if (isAssignment(word)) {
                start = end;
                while (start < s.length() && isRegexSpace(s.charAt(start))) {
                    start++;
                }
                if (start >= s.length()) {
                    return false;
                }
                afterEnvironment = true;
                continue;
            }
            if (word.contains("=") || word.contains(",")) {
                return false;
            }
            return isQemuProgram(word) || !afterEnvironment && BLOCK_FLAGS.contains(word);
        }
    }

    private static boolean isQemuProgram(String word) {
        return word.substring(word.lastIndexOf('/') + 1).startsWith("qemu");
    }

    /**
     * A shell environment assignment as libvirt logs them: NAME=value with an upper-case name
     * (LC_ALL, PATH, QEMU_AUDIO_DRV) and no ",". QEMU's option names are lower case, so a dotted
     * string with a blank in a value ("filename=a qemu.img") is not taken for one.
     */
    static boolean isAssignment(String word) {
        int eq = word.indexOf('=');
        if (eq <= 0 || word.indexOf(',') >= 0) {
            return false;
        }
        for (int i = 0; i < eq; i++) {
            char c = word.charAt(i);
            boolean letter = c >= 'A' && c <= 'Z' || c == '_';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** java.util.regex's \\s: space, tab, newline, vertical tab, form feed, carriage return. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    static void read(Text text, FrontEndResult into, Diagnostics diags) {
        List<Text> words = ShellWords.split(text, diags);
        into.objectsKnown = true;
        boolean imageOpts = false;
        Text format = null;
        boolean programSeen = false;
        boolean qemuSystem = false;
        for (int i = 0; i < words.size(); i++) {
            Text w = words.get(i);
            String flag = w.value();
            if (!programSeen && isAssignment(flag)) {
                // libvirt logs the environment it starts QEMU with; it sets no block device
                diags.report(Code.SKIPPED_FLAG, w.span(0, w.length()),
                        "Environment variable '" + flag.substring(0, flag.indexOf('=')) + "' skipped",
                        "it does not concern block devices");
                continue;
            }
            boolean first = !programSeen;
            programSeen = true;
            if (first && !flag.startsWith("-")) {
                // the program; qemu-storage-daemon handles its options one by one, in order
                // (storage-daemon/qemu-storage-daemon.c process_options), while qemu-system
                // creates every -object before the first node and qemu-img before opening
                String program = flag.substring(flag.lastIndexOf('/') + 1);
                qemuSystem = program.startsWith("qemu-system");
                if (program.startsWith("qemu-storage-daemon")) {
                    into.objectsInOrder = new java.util.HashMap<>();
                }
                continue;
            }
            if (flag.equals("--image-opts")) {
                imageOpts = true;
                continue;
            }
            boolean takesArg = flag.equals("-drive") || flag.equals("--drive") || flag.equals("-blockdev")
                    || flag.equals("--blockdev") || flag.equals("-object") || flag.equals("--object");
            if (takesArg) {
                if (i + 1 >= words.size()) {
                    diags.report(Code.MISSING_FLAG_ARGUMENT, w.span(0, w.length()), "Flag '" + flag + "' needs an argument",
                            null);
                    break;
                }
                Text arg = words.get(++i);
                switch (flag.replaceFirst("^--", "-")) {
                    case "-drive":
                        Drive.read(arg, into, diags);
                        break;
                    case "-blockdev":
                        Blockdev.readOne(arg, into, diags);
                        break;
                    default:
                        object(arg, qemuSystem, into, diags);
                }
                continue;
            }
            if (flag.equals("-f") && i + 1 < words.size()) {
                format = words.get(++i); // qemu-img's format of the image names
                continue;
            }
            if (!flag.startsWith("-")) {
                // a positional: qemu-img's image name, a filename argument when it is a json: name or
                // has a protocol prefix (a plain word may be a subcommand or a size as well)
                if (JsonFilename.is(flag)) {
                    ImageOpts.readFilename(w, format, into, diags);
                } else if (imageOpts) {
                    ImageOpts.read(w, into, diags);
                } else if (ProtocolFilename.hasProtocol(flag)) {
                    ImageOpts.readFilename(w, format, into, diags);
                } else {
                    diags.report(Code.SKIPPED_FLAG, w.span(0, w.length()), "Argument '" + abbreviate(flag) + "' skipped",
                            "it is not a block-device option");
                }
                continue;
            }
            boolean hasArg = i + 1 < words.size() && !words.get(i + 1).value().startsWith("-")
                    && !NO_ARGUMENT.contains(flag) && !flag.contains("=");
            diags.report(Code.SKIPPED_FLAG, hasArg ? w.span(0, w.length()).to(words.get(i + 1).span(0,
                    words.get(i + 1).length())) : w.span(0, w.length()),
                    "Flag '" + flag + "' skipped: it does not concern block devices", null);
            if (hasArg) {
                i++;
            }
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    /**
     * -object: keyval with the implied key qom-type, or JSON.
     *
     * @param qemuSystem whether qemu-system reads it, whose vl.c takes the keyval form through
     *                   QemuOpts and the opts visitor (flat keys only) rather than QAPI's keyval
     */
    private static void object(Text arg, boolean qemuSystem, FrontEndResult into, Diagnostics diags) {
        List<FlatOption> flat;
        boolean json = arg.value().startsWith("{");
        if (json) {
            JsonNode node = JsonSyntax.parse(arg, "", diags);
            if (!(node instanceof JsonNode.JObject o)) {
                if (node != null) {
                    diags.report(Code.NOT_AN_OBJECT, node.span(), "Invalid JSON object given", null);
                }
                return;
            }
            flat = JsonFlattener.flatten((JsonNode.JObject) Blockdev.withoutDottedKeys(o, "", diags), diags);
        } else {
            flat = DottedReader.keyval(arg, "qom-type", diags);
        }
        Map<String, Value> props = new LinkedHashMap<>();
        List<FlatOption> properties = new java.util.ArrayList<>();
        FlatOption type = null;
        FlatOption idOption = null;
        for (FlatOption o : flat) {
            if (o.key().equals("qom-type")) {
                type = o;
            } else if (o.key().equals("id")) {
                idOption = o;
            } else {
                props.put(o.key(), new Value.Str(o.value().display()));
                properties.add(o);
            }
        }
        if (type == null || idOption == null) {
            diags.report(Code.MISSING_OPTION, arg.span(0, arg.length()),
                    "Parameter '" + (type == null ? "qom-type" : "id") + "' is missing", "-object TYPE,id=ID,...");
            return;
        }
        String id = idOption.value().display();
        // qom/object_interfaces.c user_creatable_add_type: id_wellformed, as QemuOpts ids
        int before = diags.size();
        io.qbmc.options.DottedReader.checkId(id, idOption.valueSpan(), diags);
        if (diags.size() > before) {
            return;
        }
        ObjectOptions.check(type, properties, json, qemuSystem && !json, arg.span(0, arg.length()), into.objects, diags);
        for (QemuObject earlier : into.objects) {
            if (earlier.id().equals(id)) {
                // qom/object.c object_property_try_add_child under /objects (qom/object_interfaces.c)
                diags.report(Code.DUPLICATE_OBJECT_ID, arg.span(0, arg.length()),
                        "attempt to add duplicate property '" + id + "' to object (type 'container')",
                        "an -object with id '" + id + "' is already defined; give each -object its own id");
                return;
            }
        }
        into.objects.add(new QemuObject(type.value().display(), id, props));
        if (into.objectsInOrder != null) {
            into.objectsInOrder.put(id, arg.span(0, arg.length()));
        }
    }
}
