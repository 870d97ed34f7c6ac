package io.qbmc.diag;

/**
 * The diagnostic catalogue. Codes are a contract with users' CI filters and SARIF rule ids:
 * never renumber, never reuse a retired number.
 */
public enum Code {
    // ---- syntax ----
    INVALID_KEY("QBMC-E001", Severity.ERROR, "invalid option name",
            "keyval (-blockdev) keys are QAPI names joined by dots, with decimal list indices; "
                    + "an empty key or fragment, or one with other characters, is refused as in QEMU's util/keyval.c."),
    EXPECTED_EQUALS("QBMC-E002", Severity.ERROR, "missing '=' after a key",
            "keyval has no boolean short forms: every item must be key=value."),
    KEY_TOO_LONG("QBMC-E003", Severity.ERROR, "option name fragment too long",
            "keyval limits each key fragment to 127 characters."),
    JSON_SYNTAX("QBMC-E004", Severity.ERROR, "malformed JSON",
            "The text after json: (or a -blockdev JSON node) is not valid in QEMU's JSON dialect: "
                    + "standard JSON plus single-quoted strings, no comments."),
    JSON_TOO_DEEP("QBMC-E005", Severity.ERROR, "JSON nested too deeply",
            "QEMU's JSON parser refuses nesting deeper than 1024 levels."),
    NOT_AN_OBJECT("QBMC-E006", Severity.ERROR, "JSON value is not an object",
            "A json: filename or a -blockdev node must be a JSON object."),
    DUPLICATE_JSON_KEY("QBMC-E007", Severity.ERROR, "duplicate key in a JSON object",
            "QEMU refuses a JSON object that names the same key twice."),
    SHELL_SYNTAX("QBMC-E008", Severity.ERROR, "malformed command line",
            "A pasted command line has an unterminated quote or a dangling escape."),
    MISSING_FLAG_ARGUMENT("QBMC-E009", Severity.ERROR, "command-line flag without its argument",
            "-drive, -blockdev and -object each take one argument."),

    // ---- option tree ----
    INCONSISTENT_KEY("QBMC-E010", Severity.ERROR, "key used both as a value and as a prefix",
            "An option cannot be a scalar and a group at once (a=1 with a.b=2), nor mix list indices "
                    + "and names at one level."),
    LIST_INDEX("QBMC-E011", Severity.ERROR, "list indices not contiguous from 0",
            "List elements are written key.0, key.1, ... without gaps; QEMU's block layer also "
                    + "refuses leading zeros such as key.01."),

    // ---- schema ----
    UNKNOWN_OPTION("QBMC-E012", Severity.ERROR, "unknown option for the driver",
            "The driver does not declare this option; QEMU refuses it with \"does not support the option\"."),
    UNKNOWN_DRIVER("QBMC-E013", Severity.ERROR, "unknown driver", "No block driver has this name."),
    MISSING_OPTION("QBMC-E014", Severity.ERROR, "required option missing",
            "The driver cannot open without this option."),
    WRONG_TYPE("QBMC-E015", Severity.ERROR, "value has the wrong type",
            "Booleans are on/off (also yes/no, true/false, y/n); numbers are decimal, 0x hex or 0 octal; "
                    + "sizes take the suffixes k, M, G, T, P, E."),
    OUT_OF_RANGE("QBMC-E016", Severity.ERROR, "value out of range", "The value is outside what the option allows."),
    BAD_ENUM("QBMC-E017", Severity.ERROR, "value not among the allowed ones",
            "The option takes one of a fixed set of words."),
    NO_DRIVER("QBMC-E018", Severity.ERROR, "no driver and nothing to probe",
            "A node needs driver=..., or a file child whose format QEMU can probe."),
    MISSING_CHILD("QBMC-E019", Severity.ERROR, "child node missing",
            "The driver needs this child (for example file= of a format driver)."),
    REFERENCE_WITH_OPTIONS("QBMC-E020", Severity.ERROR, "node reference with additional options",
            "A child given as a node-name string (file=NAME) cannot also have options of its own (file.driver=...)."),
    UNKNOWN_REFERENCE("QBMC-E021", Severity.ERROR, "reference to an unknown node",
            "A child given as a string names an existing node by node-name; no node has this name."),
    DUPLICATE_NODE_NAME("QBMC-E022", Severity.ERROR, "node-name used twice",
            "Node names identify nodes across the whole set and must be unique."),
    REFERENCE_CYCLE("QBMC-E023", Severity.ERROR, "nodes reference each other in a cycle",
            "A block graph is acyclic: a node cannot be its own (indirect) child."),
    INVALID_NODE_NAME("QBMC-E024", Severity.ERROR, "invalid node-name",
            "A node-name starts with a letter, continues with letters, digits, '-', '.' or '_', "
                    + "and has at most 31 characters."),
    VOTE_THRESHOLD("QBMC-E025", Severity.ERROR, "quorum vote-threshold out of range",
            "vote-threshold must be between 1 and the number of children."),
    BITMAP_GRANULARITY("QBMC-E026", Severity.ERROR, "invalid bitmap granularity",
            "A dirty-bitmap granularity is a power of two from 512 bytes to 2 GiB (2^31)."),
    BITMAP_NAME("QBMC-E027", Severity.ERROR, "invalid bitmap name",
            "A bitmap name is non-empty and at most 1023 bytes of UTF-8."),
    DUPLICATE_BITMAP("QBMC-E028", Severity.ERROR, "bitmap name used twice in one filter",
            "Bitmap names are unique within one qbm filter."),
    SHARED_FILE("QBMC-E029", Severity.ERROR, "one file used twice in a qbm stack",
            "The image, every bitmap file and the descriptor of a qbm stack must be different files."),
    BITMAP_TOO_LARGE("QBMC-E030", Severity.ERROR, "image too large for the bitmap granularity",
            "A bitmap covers at most 2^29 clusters: an image of at most 512 MiB x granularity (256 GiB at 512 "
                    + "bytes, 32 TiB at 64 KiB); use a larger granularity."),
    QUORUM_CONSTRAINT("QBMC-E031", Severity.ERROR, "quorum options conflict",
            "blkverify=on needs exactly two children and vote-threshold=2 and excludes rewrite-corrupted=on."),
    QUORUM_NO_CHILDREN("QBMC-E032", Severity.ERROR, "quorum without children",
            "A quorum needs 1 or more children."),
    DRIVER_CONSTRAINT("QBMC-E033", Severity.ERROR, "options conflict for the driver",
            "A combination of option values that the driver refuses."),
    INPUT_LIMIT("QBMC-E034", Severity.ERROR, "input exceeds a limit",
            "The input is larger or deeper than qbmc accepts."),
    INVALID_ID("QBMC-E035", Severity.ERROR, "invalid identifier",
            "QemuOpts ids start with a letter and continue with letters, digits, '-', '.' or '_'."),
    FILE_AND_FILENAME("QBMC-E036", Severity.ERROR, "'file' and 'filename' given together",
            "-drive's file= is the protocol node's filename; giving filename= as well is refused."),
    ALIAS_CONFLICT("QBMC-E037", Severity.ERROR, "an option and its legacy alias given together",
            "-drive accepts legacy spellings of some options; using both spellings is refused."),
    BLOCKDEV_NODE_NAME("QBMC-E038", Severity.ERROR, "-blockdev node without node-name",
            "Every top-level -blockdev node needs a node-name."),
    UNKNOWN_OBJECT("QBMC-E039", Severity.ERROR, "reference to an undefined object",
            "An option names a secret, throttle group or other -object that the input does not define."),
    NO_BACKING_SUPPORT("QBMC-E040", Severity.ERROR, "driver has no backing file",
            "Only drivers with backing files (qcow2, qed, vmdk, ...) accept backing=."),
    UNSUPPORTED_FORM("QBMC-E041", Severity.ERROR, "cannot express the graph in that form",
            "The requested output form cannot hold this graph (for example two top nodes in one json: name)."),
    EMPTY_INPUT("QBMC-E042", Severity.ERROR, "nothing to compile",
            "The input holds no block-device options."),
    DESCRIPTOR_SYNTAX("QBMC-E043", Severity.ERROR, "malformed descriptor or HOCON file",
            "A QBM descriptor is RFC 8259 JSON; a .conf file is HOCON. The text does not parse."),
    DESCRIPTOR_LAYOUT("QBMC-E044", Severity.ERROR, "descriptor does not follow QBM v1",
            "A descriptor is exactly {\"QBM\": {\"version\": 1, \"image\": {...}, \"bitmaps\": [...]}}; "
                    + "see docs/qbm-spec.md."),
    DESCRIPTOR_VERSION("QBMC-E045", Severity.ERROR, "unsupported descriptor version",
            "This qbmc reads QBM version 1; version must be that integer."),
    FILE_MISMATCH("QBMC-E046", Severity.ERROR, "file does not match the configuration",
            "--check-files (or compile) found a missing image, an image of unknown size or of another size than "
                    + "the configuration states, or a bitmap file of the wrong size or with bits set past the end "
                    + "of the image."),
    BITMAP_IN_USE("QBMC-E047", Severity.ERROR, "bitmap is inconsistent (in use)",
            "The descriptor marks the bitmap in-use: it was open for writing when its process stopped, so it "
                    + "may miss writes. Clear it (qbmc bitmap --clear) or remove and recreate it; start a new "
                    + "backup chain with a full backup."),
    PATH_OUTSIDE("QBMC-E048", Severity.ERROR, "path escapes the output folder",
            "qbmc compile writes only inside --out DIR; absolute paths and '..' need --allow-outside."),
    WOULD_OVERWRITE("QBMC-E049", Severity.ERROR, "file exists",
            "qbmc compile never replaces an existing descriptor or bitmap file without --force."),
    FILE_ACCESS("QBMC-E050", Severity.ERROR, "file cannot be read or written",
            "A file the configuration names could not be read, or an output could not be written."),
    DUPLICATE_OBJECT_ID("QBMC-E051", Severity.ERROR, "-object id used twice",
            "Every -object needs its own id: QEMU refuses to create a second object with an id in use."),
    PROTOCOL_FILENAME("QBMC-E062", Severity.ERROR, "filename refused by its protocol",
            "In a filename argument (-drive file=, a qemu-img image name, blkdebug/blkverify x-image) a ':' "
                    + "before any '/' makes the start a protocol name (nbd:, rbd:, ...), whose driver parses the "
                    + "rest; the protocol is unknown, or the rest does not follow its syntax."),

    // ---- warnings: QEMU accepts these, but they are probably not what was meant ----
    DUPLICATE_KEY("QBMC-W001", Severity.WARNING, "option given twice; the last one wins",
            "QemuOpts and keyval keep the last of repeated keys; the earlier value is ignored."),
    SHORT_BOOLEAN("QBMC-W002", Severity.WARNING, "deprecated short-form boolean",
            "QemuOpts reads a bare 'foo' as foo=on and 'nofoo' as foo=off; QEMU deprecates this."),
    JSON_OVERRIDDEN("QBMC-W003", Severity.WARNING, "json: filename option overridden",
            "Options given explicitly beside a json: filename win over the same options inside it."),
    SHARED_FILE_WARNING("QBMC-W004", Severity.WARNING, "one file used twice in a stack",
            "Two nodes open the same file; QEMU's locking will usually refuse this at run time."),
    PROBED_FORMAT("QBMC-W005", Severity.WARNING, "image format will be probed",
            "Without driver=, QEMU guesses the format from the file's content; probing raw images is unsafe."),
    DEPRECATED("QBMC-W006", Severity.WARNING, "deprecated syntax",
            "QEMU accepts this spelling but deprecates it."),
    FLATTEN_OVERRIDE("QBMC-W007", Severity.WARNING, "flat and nested key collide",
            "In JSON, a nested object's member wins over a flat dotted key naming the same option."),
    FORCE_SHARE_READ_WRITE("QBMC-W008", Severity.WARNING, "force-share on a node that may open read-write",
            "force-share=on needs a read-only node. Tools that open read-only (qemu-img info) accept it; a VM "
                    + "opening the node read-write refuses it. Say read-only=on."),
    UNCHECKED_FILENAME_OPTIONS("QBMC-W009", Severity.WARNING, "filename options passed on unchecked",
            "An rbd: filename's key=value pairs other than id and conf go to librados when QEMU connects; "
                    + "qbmc can neither check them nor keep them in the graph."),

    // ---- notes ----
    SKIPPED_FLAG("QBMC-N001", Severity.NOTE, "command-line flag skipped",
            "The flag does not concern block devices."),
    FRONTEND_KEY("QBMC-N002", Severity.NOTE, "-drive front-end option kept aside",
            "The key configures the guest device, not the block graph; it is kept but not compiled."),

    // ---- runtime: block device, bitmaps, backups (appended: SARIF rule indices are ordinals) ----
    STACK_NOT_RUNNABLE("QBMC-E052", Severity.ERROR, "stack cannot be opened as a block device",
            "The runtime opens a qbm filter (or raw over one) whose image is raw over a file or host device, "
                    + "with every bitmap in a plain file, and writes only when nothing says read-only=on."),
    STACK_LOCKED("QBMC-E053", Severity.ERROR, "stack is locked by another opener",
            "One writer at a time, as QEMU's image locking does: a writer holds an exclusive lock on the image's and "
                    + "the descriptor's write byte; readers open alongside it. Replacing files (compile --force, restore "
                    + "--force) waits until nobody has them open. -U (--force-share) reads without locks."),
    NEEDS_DESCRIPTOR("QBMC-E054", Severity.ERROR, "operation needs a QBM descriptor",
            "Persistent bitmap state (the in-use flag, the list of bitmaps) lives in the descriptor. A stack given "
                    + "as options has none, so it cannot be written in deferred mode nor have bitmaps added or removed; and since it has no bitmap "
                    + "generation, it cannot be backed up incrementally."),
    UNKNOWN_BITMAP("QBMC-E055", Severity.ERROR, "no bitmap of that name",
            "The stack has no bitmap with this name; names are case-sensitive."),
    BITMAP_EXISTS("QBMC-E056", Severity.ERROR, "bitmap name already taken",
            "qbmc bitmap --add creates a new bitmap; the stack already has one with this name."),
    GRANULARITY_MISMATCH("QBMC-E057", Severity.ERROR, "bitmaps or chain of different granularity",
            "Merging bitmaps, or adding an incremental link to a backup chain, needs the same granularity."),
    CHAIN_INVALID("QBMC-E058", Severity.ERROR, "backup chain cannot be used",
            "The backup folder is missing, holds no chain (or already holds one), or its links do not follow "
                    + "each other: a chain is a full link 0000 and incremental links 0001, 0002, ... of one chain id. "
                    + "A bitmap whose generation is not the last link's cannot continue the chain, and neither a "
                    + "restore nor a new chain may be written inside a chain."),
    CHECKSUM_MISMATCH("QBMC-E059", Severity.ERROR, "backup data does not match its checksum",
            "An extent of a backup link hashes to another SHA-256 than its manifest records: the link is damaged. "
                    + "Nothing is restored."),
    PATTERN_MISMATCH("QBMC-E060", Severity.ERROR, "data differs from the expected pattern",
            "qbmc io read -P checks that every byte read equals the pattern, as qemu-io does."),
    OUT_OF_BOUNDS("QBMC-E061", Severity.ERROR, "request beyond the end of the image",
            "A read or write must lie within the image's virtual size.");

    private final String id;
    private final Severity severity;
    private final String title;
    private final String explanation;

    Code(String id, Severity severity, String title, String explanation) {
        this.id = id;
        this.severity = severity;
        this.title = title;
        this.explanation = explanation;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }

    public String explanation() {
        return explanation;
    }

    public static Code byId(String id) {
        for (Code c : values()) {
            if (c.id.equalsIgnoreCase(id)) {
                return c;
            }
        }
        return null;
    }
}
