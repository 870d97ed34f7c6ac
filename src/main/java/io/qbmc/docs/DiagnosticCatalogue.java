package io.qbmc.docs;

import static io.qbmc.docs.Example.file;
import static io.qbmc.docs.Example.validate;

import io.qbmc.compile.Dialect;
import io.qbmc.diag.Code;
import java.util.EnumMap;
import java.util.Map;

/**
 * For every diagnostic code: an input that produces it and how to fix it. docs/diagnostics.md and
 * qbmc explain are generated from here; a test runs every example and fails when a code has none
 * or its example no longer produces it.
 */
public final class DiagnosticCatalogue {
    private static final String FILE = "driver=raw,file.driver=file,file.filename=disk.img";
    private static final String QUORUM = "driver=quorum,vote-threshold=%s,children.0.driver=raw,"
            + "children.0.file.driver=file,children.0.file.filename=a.img,children.%s.driver=raw,"
            + "children.%s.file.driver=file,children.%s.file.filename=b.img%s";
    private static final String QBM = "driver=qbm,image.driver=raw,image.file.driver=file,image.file.filename=disk.img,"
            + "bitmaps.0.name=%s,bitmaps.0.granularity=%s,bitmaps.0.file.driver=file,bitmaps.0.file.filename=%s%s";
    private static final String DESCRIPTOR = "{\"QBM\": {\"version\": %s, \"image\": {\"file\": \"disk.img\","
            + " \"format\": \"raw\"%s}, \"bitmaps\": [{\"name\": \"daily\", \"file\": \"daily.bitmap\","
            + " \"granularity\": 65536%s}]}}\n";

    private static final Map<Code, Example> EXAMPLES = new EnumMap<>(Code.class);

    static {
        put(Code.INVALID_KEY, validate(Dialect.BLOCKDEV, "driver=file,node-name=disk0,filename=disk.img,7up=1",
                "Keys of -blockdev are names: a letter, then letters, digits, '-' or '_', joined by dots."));
        put(Code.EXPECTED_EQUALS, validate(Dialect.BLOCKDEV, "driver=file,node-name=disk0,filename=disk.img,read-only",
                "Write read-only=on: -blockdev has no boolean short forms."));
        put(Code.KEY_TOO_LONG, validate(Dialect.BLOCKDEV, "driver=file,node-name=disk0,filename=disk.img,"
                + "x".repeat(128) + "=1", "Shorten the key; each fragment has at most 127 characters."));
        put(Code.JSON_SYNTAX, validate("json:{\"driver\": \"raw\", \"file\": }",
                "Give every member a value; QEMU's JSON is standard JSON plus single-quoted strings."));
        put(Code.JSON_TOO_DEEP, validate("json:{\"a\": " + "[".repeat(1025) + "]".repeat(1025) + "}",
                "Flatten the structure: QEMU refuses nesting deeper than 1024."));
        put(Code.NOT_AN_OBJECT, validate("json:[\"raw\"]", "A json: filename holds one object: json:{\"driver\": ...}."));
        put(Code.DUPLICATE_JSON_KEY, validate("json:{\"driver\": \"raw\", \"driver\": \"qcow2\"}",
                "Name each key once per object."));
        put(Code.SHELL_SYNTAX, validate("qemu-system-x86_64 -drive 'file=disk.img,format=raw",
                "Close the quote."));
        put(Code.MISSING_FLAG_ARGUMENT, validate("qemu-system-x86_64 -m 1024 -drive",
                "Give -drive its option string, or remove the flag."));
        put(Code.INCONSISTENT_KEY, validate(Dialect.BLOCKDEV, "driver=raw,node-name=disk0,file=f0,file.driver=file",
                "Give the child either as a node-name (file=f0) or as options (file.driver=...), not both."));
        put(Code.REFERENCE_WITH_OPTIONS, validate("driver=raw,file=disk0,file.driver=file",
                "Give the child either as a node-name (file=disk0) or as options (file.driver=...), not both."));
        put(Code.LIST_INDEX, validate(String.format(QUORUM, "1", "2", "2", "2", ""),
                "Number list elements 0, 1, 2, ... without gaps."));
        put(Code.UNKNOWN_OPTION, validate("driver=raw,sise=1M,file.driver=file,file.filename=disk.img",
                "Use an option the driver has (the hint suggests the closest one); docs/options.md lists them."));
        put(Code.UNKNOWN_DRIVER, validate("driver=qcow3,file.driver=file,file.filename=disk.img",
                "Use a driver qbmc knows; docs/options.md lists them."));
        put(Code.MISSING_OPTION, validate("driver=raw,file.driver=file", "Add the option: here file.filename=PATH."));
        put(Code.WRONG_TYPE, validate(FILE + ",read-only=maybe", "Write a value of the option's type: read-only=on."));
        put(Code.OUT_OF_RANGE, validate(FILE + ",size=16777216T", "Sizes are below 2^64 bytes."));
        put(Code.BAD_ENUM, validate(FILE + ",discard=sometimes", "Use one of the listed words."));
        put(Code.NO_DRIVER, validate("filename=disk.img", "Add driver=FORMAT and give the file as file.filename=PATH."));
        put(Code.MISSING_CHILD, validate("driver=raw", "Add the child: file.driver=file,file.filename=disk.img."));
        put(Code.UNKNOWN_REFERENCE, validate("driver=raw,file=disk0",
                "A string child names another node; define that node, or give the child's options."));
        put(Code.DUPLICATE_NODE_NAME, validate(Dialect.BLOCKDEV,
                "driver=file,node-name=disk0,filename=a.img\ndriver=file,node-name=disk0,filename=b.img",
                "Give every node its own node-name."));
        put(Code.REFERENCE_CYCLE, validate(Dialect.BLOCKDEV,
                "driver=raw,node-name=a,file=b\ndriver=raw,node-name=b,file=a",
                "Break the cycle: a node cannot be its own child."));
        put(Code.INVALID_NODE_NAME, validate(FILE + ",node-name=1st-disk",
                "Start node-names with a letter; use letters, digits, '-', '.', '_'; at most 31 characters."));
        put(Code.VOTE_THRESHOLD, validate(String.format(QUORUM, "3", "1", "1", "1", ""),
                "Set vote-threshold between 1 and the number of children."));
        put(Code.BITMAP_GRANULARITY, validate(String.format(QBM, "daily", "1000", "daily.bitmap", ""),
                "Use a power of two from 512 to 2G, such as 64k."));
        put(Code.BITMAP_NAME, validate(String.format(QBM, "", "64k", "daily.bitmap", ""),
                "Give the bitmap a name of 1 to 1023 bytes."));
        put(Code.DUPLICATE_BITMAP, validate(String.format(QBM, "daily", "64k", "daily.bitmap",
                ",bitmaps.1.name=daily,bitmaps.1.file.driver=file,bitmaps.1.file.filename=other.bitmap"),
                "Name every bitmap of a filter differently."));
        put(Code.SHARED_FILE, validate(String.format(QBM, "daily", "64k", "disk.img", ""),
                "Give the image and every bitmap their own file."));
        put(Code.BITMAP_TOO_LARGE, validate(String.format(QBM, "daily", "512", "daily.bitmap", ",size=4T"),
                "Use a larger granularity: the image may be at most 512 MiB x granularity."));
        put(Code.QUORUM_CONSTRAINT, validate(String.format(QUORUM, "1", "1", "1", "1", ",blkverify=on"),
                "blkverify=on needs exactly two children and vote-threshold=2."));
        put(Code.QUORUM_NO_CHILDREN, validate("driver=quorum,vote-threshold=1", "Add children.0... and the others."));
        put(Code.DRIVER_CONSTRAINT, validate(FILE + ",size=1000", "Make size a multiple of 512."));
        put(Code.INPUT_LIMIT, new Example("validate --max-input-size 32", Dialect.IMAGE_OPTS,
                FILE + ",file.locking=off,read-only=on", null, Map.of(),
                "Raise the limit with --max-input-size, or split the input."));
        put(Code.INVALID_ID, validate(Dialect.DRIVE, "file=disk.img,format=raw,id=0disk",
                "Ids start with a letter."));
        put(Code.FILE_AND_FILENAME, validate(Dialect.DRIVE, "file=a.img,format=raw,file.filename=b.img",
                "-drive's file= already names the file; drop file.filename."));
        put(Code.PROTOCOL_FILENAME, validate(Dialect.DRIVE, "file=nbd:localhost,format=raw",
                "Write the whole address, nbd:localhost:10809, or nbd://localhost/EXPORT; a file whose name has a ':'"
                        + " before any '/' is written ./NAME."));
        put(Code.ALIAS_CONFLICT, validate(Dialect.DRIVE, "file=disk.img,format=raw,readonly=on,read-only=on",
                "Keep read-only=; readonly= is its legacy alias."));
        put(Code.BLOCKDEV_NODE_NAME, validate(Dialect.BLOCKDEV, "driver=file,filename=disk.img",
                "Add node-name=NAME."));
        put(Code.UNKNOWN_OBJECT, validate("qemu-system-x86_64 -blockdev driver=file,node-name=f,filename=disk.img"
                + " -blockdev driver=throttle,node-name=t,file=f,throttle-group=limits0",
                "Define the object: -object throttle-group,id=limits0,..."));
        put(Code.NO_BACKING_SUPPORT, validate(FILE + ",backing=base", "Put backing= on a qcow2 node."));
        put(Code.UNSUPPORTED_FORM, new Example("translate --to json", Dialect.BLOCKDEV,
                "driver=file,node-name=a,filename=a.img\ndriver=file,node-name=b,filename=b.img", null, Map.of(),
                "Translate a set with several top nodes with --to blockdev."));
        put(Code.EMPTY_INPUT, validate("", "Give a spec."));
        put(Code.DESCRIPTOR_SYNTAX, file("validate", "disk.qbm", "{\"QBM\": {\"version\": 1,,}}\n", Map.of(),
                "Fix the JSON: descriptors are strict RFC 8259 JSON."));
        put(Code.DESCRIPTOR_LAYOUT, file("validate", "disk.qbm", String.format(DESCRIPTOR, "1", "", ", \"colour\": 1"),
                Map.of(), "Use only the fields docs/qbm-spec.md defines."));
        put(Code.DESCRIPTOR_VERSION, file("validate", "disk.qbm", String.format(DESCRIPTOR, "2", "", ""), Map.of(),
                "Write \"version\": 1."));
        put(Code.FILE_MISMATCH, file("validate --check-files", "disk.qbm", String.format(DESCRIPTOR, "1", "", ""),
                Map.of("disk.img", "x".repeat(65536), "daily.bitmap", "\0\0"),
                "Recreate the bitmap file (qbmc compile --force) or fix the paths and sizes."));
        put(Code.BITMAP_IN_USE, file("validate --check-files", "disk.qbm",
                String.format(DESCRIPTOR, "1", "", ", \"in-use\": true"),
                Map.of("disk.img", "x".repeat(65536), "daily.bitmap", "\0"),
                "Clear the bitmap (qbmc bitmap --clear) or remove and re-add it, then take a full backup."));
        put(Code.PATH_OUTSIDE, file("compile", "stack.conf",
                "driver = qbm\nsize = 1M\nimage { driver = raw, file { driver = file, filename = \"../disk.img\" } }\n"
                        + "bitmaps = [ { name = daily, file { driver = file, filename = daily.bitmap } } ]\n",
                Map.of(), "Keep paths inside --out DIR, or pass --allow-outside."));
        put(Code.WOULD_OVERWRITE, file("compile", "stack.conf",
                "driver = qbm\nsize = 1M\nimage { driver = raw, file { driver = file, filename = disk.img } }\n"
                        + "bitmaps = [ { name = daily, file { driver = file, filename = daily.bitmap } } ]\n",
                Map.of("daily.bitmap", "keep me"), "Pass --force to replace the files, or compile into a new folder."));
        put(Code.FILE_ACCESS, validate("driver=qbm,descriptor=missing.qbm", "Fix the descriptor's path."));
        put(Code.DUPLICATE_OBJECT_ID, validate("qemu-system-x86_64 -object secret,id=sec0,data=a -object secret,id=sec0,data=b"
                + " -blockdev driver=file,node-name=f,filename=disk.img", "Give each -object its own id."));
        put(Code.DUPLICATE_KEY, validate(FILE + ",file.filename=other.img", "Give each option once."));
        put(Code.SHORT_BOOLEAN, validate(FILE + ",read-only", "Write read-only=on."));
        put(Code.JSON_OVERRIDDEN, validate(Dialect.DRIVE,
                "file=json:{\"driver\": \"raw\",, \"file\": {\"driver\": \"file\",, \"filename\": \"a.img\"}},"
                        + "format=qcow2", "Say it once: drop the option from the json: filename or the explicit one."));
        put(Code.SHARED_FILE_WARNING, validate(String.format(QUORUM, "1", "1", "1", "1", "")
                .replace("b.img", "a.img"), "Give each node its own file."));
        put(Code.PROBED_FORMAT, validate("file.driver=file,file.filename=disk.img", "Add driver=raw (or the format)."));
        put(Code.DEPRECATED, validate("driver=qcow2,file.driver=file,file.filename=disk.qcow2,backing=",
                "Write \"backing\": null in JSON; dotted options have no null."));
        put(Code.FLATTEN_OVERRIDE, validate("json:{\"driver\": \"raw\", \"file.filename\": \"a.img\","
                + " \"file\": {\"driver\": \"file\", \"filename\": \"b.img\"}}", "Give the option once."));
        put(Code.FORCE_SHARE_READ_WRITE, validate(FILE + ",force-share=on",
                "Add read-only=on: shared permissions need a read-only node."));
        put(Code.UNCHECKED_FILENAME_OPTIONS, validate(Dialect.DRIVE, "file=rbd:vms/disk0:rbd_cache=true,format=raw",
                "Move the librados settings to a Ceph configuration file and give it with conf=."));
        put(Code.SKIPPED_FLAG, validate("qemu-system-x86_64 -m 1024 -drive file=disk.img,format=raw",
                "Nothing to fix: qbmc only compiles the block devices."));
        put(Code.FRONTEND_KEY, validate(Dialect.DRIVE, "file=disk.img,format=raw,if=virtio",
                "Nothing to fix: the option is kept for the guest device."));
        runtimeExamples();
    }

    /** A descriptor and its files for the runtime examples: a 64 KiB image, daily at 512 bytes, weekly at 4 KiB. */
    private static final String STACK = "{\"QBM\": {\"version\": 1, \"image\": {\"file\": \"disk.img\", \"format\": \"raw\"},"
            + " \"bitmaps\": [{\"name\": \"daily\", \"file\": \"daily.bitmap\", \"granularity\": 512},"
            + " {\"name\": \"weekly\", \"file\": \"weekly.bitmap\", \"granularity\": 4096}]}}\n";

    private static Example runtime(String command, String fix) {
        // built here, not in a field: the static block that calls this runs before later fields are set
        Map<String, String> files = Map.of("disk.img", "\0".repeat(65536), "daily.bitmap", "\0".repeat(16),
                "weekly.bitmap", "\0\0");
        return file(command, "disk.qbm", STACK, files, fix);
    }

    private static void runtimeExamples() {
        put(Code.STACK_NOT_RUNNABLE, new Example("io STACK read 0 512", Dialect.IMAGE_OPTS, FILE, null,
                Map.of("disk.img", ""), "Open a qbm stack: a descriptor (qbmc compile writes one) or driver=qbm,..."));
        put(Code.STACK_LOCKED, runtime("io STACK write 0 512 " + RuntimeExamples.HELD,
                "Wait until the other writer closes the stack, or only read it; to replace files, stop every process that has them open."));
        put(Code.NEEDS_DESCRIPTOR, new Example("bitmap --add STACK weekly", Dialect.IMAGE_OPTS,
                String.format(QBM, "daily", "64k", "daily.bitmap", ""), null, Map.of(),
                "Compile a descriptor (qbmc compile INPUT --out DIR) and pass DIR/NAME.qbm as STACK."));
        put(Code.UNKNOWN_BITMAP, runtime("bitmap extents STACK --bitmap monthly",
                "Use one of the stack's bitmaps (qbmc bitmap info STACK lists them), or add it with --add."));
        put(Code.BITMAP_EXISTS, runtime("bitmap --add STACK daily", "Pick a new name, or --remove the old bitmap first."));
        put(Code.GRANULARITY_MISMATCH, runtime("bitmap --merge daily STACK weekly",
                "Merge into a bitmap of the same granularity: add one with --add -g 512 --merge daily."));
        put(Code.CHAIN_INVALID, runtime("backup STACK --bitmap daily --target ./chain",
                "Start the chain with a full backup: add --full."));
        put(Code.CHECKSUM_MISMATCH, new Example("restore ./chain --to ./restored.img", Dialect.IMAGE_OPTS, "", null,
                Map.of("chain/0000/data.raw", "x".repeat(512), "chain/0000/manifest.json", "{\"qbmc-backup\": 1,"
                        + " \"chain\": \"3b0c\", \"link\": 0, \"kind\": \"full\", \"parent\": null, \"created\":"
                        + " \"2025-01-01T00:00:00Z\", \"image\": {\"file\": \"disk.img\", \"size\": 512}, \"bitmap\":"
                        + " {\"name\": \"daily\", \"granularity\": 512}, \"data\": \"data.raw\", \"extents\":"
                        + " [{\"offset\": 0, \"length\": 512, \"sha256\": \"076a27c79e5ace2a3d47f9dd2e83e4ff6ea8872b3c2218f66c92b89b55f36560\"}]}\n"),
                "Restore an earlier link with --upto, or use an intact copy of the chain."));
        put(Code.PATTERN_MISMATCH, runtime("io STACK read -P 0xab 0 512", "Nothing to fix in qbmc: the data differs."));
        put(Code.OUT_OF_BOUNDS, runtime("io STACK write 65000 1024", "Keep OFFSET + LENGTH within the image's size."));
    }

    private DiagnosticCatalogue() {
    }

    private static void put(Code code, Example example) {
        if (EXAMPLES.put(code, example) != null) {
            throw new IllegalStateException(code + " has two examples");
        }
    }

    /** The example of a code, or null when it has none (a test keeps that from happening). */
    public static Example example(Code code) {
        return EXAMPLES.get(code);
    }
}
