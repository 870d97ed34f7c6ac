package io.qbmc.compile;

import static io.qbmc.testing.Diags.assertNone;
import static io.qbmc.testing.Diags.assertOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.graph.BlockNode;
import io.qbmc.graph.Child;
import io.qbmc.graph.FileNode;
import io.qbmc.graph.RawNode;
import io.qbmc.graph.Value;
import io.qbmc.testing.Diags;
import io.qbmc.testing.Marked;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * -drive's legacy handling (blockdev.c drive_new, blockdev_init). Verdicts and messages from
 * qemu-system-x86_64 7.2 {@code -M none -nodefaults -S -drive '<case>'}.
 */
class DriveTest {

    private static BlockNode top(CompileResult r) {
        return r.graph().nodes().get(0);
    }

    private static List<Diagnostic> errorsAndWarnings(CompileResult r) {
        return r.diagnostics().stream().filter(d -> d.code() != Code.FRONTEND_KEY).toList();
    }

    private static Map<String, Value> cache(BlockNode node) {
        return ((Value.Obj) node.options().get("cache")).members();
    }

    @Test
    void formatAndFileBecomeDriverAndFileFilename() {
        CompileResult r = Compile.drive(Marked.of("file=a.raw,format=raw,if=none"));
        assertNone(errorsAndWarnings(r));
        RawNode raw = (RawNode) top(r);
        assertEquals("a.raw", ((FileNode) ((Child.Inline) raw.file()).node()).filename());
    }

    @Test
    void fileOfAProtocolDriverIsItsFilename() {
        // qemu-system accepts -drive file=a.raw,format=file,if=none
        CompileResult r = Compile.drive(Marked.of("file=a.raw,format=file,if=none"));
        assertNone(errorsAndWarnings(r));
        assertEquals("a.raw", ((FileNode) top(r)).filename());
    }

    @Test
    void noFormatIsProbed() {
        // qemu-system: "WARNING: Image format was not specified for 'a.raw' and probing guessed raw."
        Marked m = Marked.of("^file=a.raw,if=none^");
        assertOnly(errorsAndWarnings(Compile.drive(m)), Code.PROBED_FORMAT, "No driver given: QEMU will probe the image format", m.span());
    }

    @ParameterizedTest(name = "cache={0}")
    @CsvSource({
        // mode, cache.direct, cache.no-flush, cache.writeback (bdrv_parse_cache_mode)
        "none, true, false, on",
        "off, true, false, on",
        "directsync, true, false, off",
        "writeback, false, false, on",
        "unsafe, false, true, on",
        "writethrough, false, false, off",
    })
    void cacheModes(String mode, boolean direct, boolean noFlush, String writeback) {
        CompileResult r = Compile.drive(Marked.of("file=a.raw,format=raw,if=none,cache=" + mode));
        assertNone(errorsAndWarnings(r));
        assertEquals(new Value.Bool(direct), cache(top(r)).get("direct"));
        assertEquals(new Value.Bool(noFlush), cache(top(r)).get("no-flush"));
        assertEquals(writeback, r.graph().drives().get(0).options().get("cache.writeback"));
    }

    @Test
    void specificCacheOptionsWinOverTheMode() {
        // drive_new: "Specific options take precedence"
        CompileResult r = Compile.drive(Marked.of("file=a.raw,format=raw,if=none,cache=directsync,cache.direct=off"));
        assertNone(errorsAndWarnings(r));
        assertEquals(new Value.Bool(false), cache(top(r)).get("direct"));
        assertEquals("off", r.graph().drives().get(0).options().get("cache.writeback"));
    }

    @Test
    void badCacheMode() {
        // qemu-system: invalid cache option
        Marked m = Marked.of("file=a.raw,format=raw,if=none,cache=^bogus^");
        assertOnly(errorsAndWarnings(Compile.drive(m)), Code.BAD_ENUM, "invalid cache option", m.span());
    }

    @Test
    void aioGoesToTheProtocolNode() {
        // qemu-system accepts aio=native with cache=none and refuses it alone
        CompileResult r = Compile.drive(Marked.of("file=a.raw,format=raw,if=none,cache=none,aio=native"));
        assertNone(errorsAndWarnings(r));
        BlockNode file = ((Child.Inline) ((RawNode) top(r)).file()).node();
        assertEquals(new Value.Str("native"), file.options().get("aio"));
        assertNull(top(r).options().get("aio"));
    }

    @Test
    void aioNativeWithoutCacheDirect() {
        Marked m = Marked.of("file=a.raw,format=raw,if=none,aio=^native^");
        assertOnly(errorsAndWarnings(Compile.drive(m)), Code.DRIVER_CONSTRAINT,
                "aio=native was specified, but it requires cache.direct=on, which was not specified.", m.span());
    }

    @Test
    void aioNativeWithCacheNoneButDirectOff() {
        Marked m = Marked.of("file=a.raw,format=raw,if=none,cache=none,cache.direct=off,aio=^native^");
        assertOnly(errorsAndWarnings(Compile.drive(m)), Code.DRIVER_CONSTRAINT,
                "aio=native was specified, but it requires cache.direct=on, which was not specified.", m.span());
    }

    @Test
    void readonlyIsAnAlias() {
        CompileResult r = Compile.drive(Marked.of("file=a.raw,format=raw,if=none,readonly=on"));
        assertNone(errorsAndWarnings(r));
        assertEquals(new Value.Bool(true), top(r).options().get("read-only"));
    }

    @Test
    void readonlyWithReadOnly() {
        Marked m = Marked.of("file=a.raw,format=raw,if=none,read-only=on,^readonly^=on");
        assertOnly(errorsAndWarnings(Compile.drive(m)), Code.ALIAS_CONFLICT,
                "'read-only' and its alias 'readonly' can't be used at the same time", m.span());
    }

    @Test
    void throttlingAliasWithItsNewName() {
        Marked m = Marked.of("file=a.raw,format=raw,if=none,^iops^=10,throttling.iops-total=20");
        assertOnly(errorsAndWarnings(Compile.drive(m)), Code.ALIAS_CONFLICT,
                "'throttling.iops-total' and its alias 'iops' can't be used at the same time", m.span());
    }

    @Test
    void formatWithDriver() {
        Marked m = Marked.of("file=a.raw,^format^=raw,driver=raw,if=none");
        assertOnly(errorsAndWarnings(Compile.drive(m)), Code.ALIAS_CONFLICT, "Cannot specify both 'driver' and 'format'", m.span());
    }

    @Test
    void fileWithFileFilename() {
        Marked m = Marked.of("^file^=a.raw,format=raw,if=none,file.filename=b.raw");
        assertOnly(errorsAndWarnings(Compile.drive(m)), Code.FILE_AND_FILENAME,
                "Can't specify 'file' and 'filename' options at the same time", m.span());
    }

    @Test
    void filenameOnAFormatIsUnknown() {
        Marked m = Marked.of("file=a.raw,format=raw,if=none,^filename^=b.raw");
        assertOnly(errorsAndWarnings(Compile.drive(m)), Code.UNKNOWN_OPTION,
                "Block format 'raw' does not support the option 'filename'", m.span());
    }

    @Test
    void emptyFileIsNoFile() {
        // qemu-system: -drive file=,if=none,format=raw gives 'A block device must be specified for "file"'
        Marked m = Marked.of("^file=,if=none,format=raw^");
        assertOnly(errorsAndWarnings(Compile.drive(m)), Code.MISSING_CHILD, "A block device must be specified for \"file\"", m.span());
    }

    @Test
    void frontEndKeysAreKeptAsideWithANote() {
        Marked m = Marked.of("file=a.raw,format=raw,^if^=none,^id^=d0,^werror^=stop,^iops^=100");
        CompileResult r = Compile.drive(m);
        List<Diagnostic> notes = Diags.withCode(r.diagnostics(), Code.FRONTEND_KEY);
        assertEquals(4, notes.size());
        Diags.assertDiag(notes.get(0), Code.FRONTEND_KEY,
                "'if' configures the drive or guest device; kept aside, not part of the block graph", m.span(0));
        Diags.assertDiag(notes.get(1), Code.FRONTEND_KEY,
                "'id' configures the drive or guest device; kept aside, not part of the block graph", m.span(1));
        Diags.assertDiag(notes.get(2), Code.FRONTEND_KEY,
                "'werror' configures the drive or guest device; kept aside, not part of the block graph", m.span(2));
        Diags.assertDiag(notes.get(3), Code.FRONTEND_KEY,
                "'iops' configures the drive or guest device; kept aside, not part of the block graph", m.span(3));
        assertEquals(Map.of("if", "none", "id", "d0", "werror", "stop", "iops", "100"), r.graph().drives().get(0).options());
        assertFalse(top(r).options().containsKey("if"));
        assertNone(errorsAndWarnings(r));
    }

    @Test
    void keysRemovedFrom72AreUnknown() {
        // qemu-system 7.2: Block format 'raw' does not support the option 'serial'
        Marked m = Marked.of("file=a.raw,format=raw,if=none,^serial^=abc");
        assertOnly(errorsAndWarnings(Compile.drive(m)), Code.UNKNOWN_OPTION,
                "Block format 'raw' does not support the option 'serial'", m.span());
    }

    @Test
    void jsonFileIsMerged() {
        // commas in the json: value are doubled for QemuOpts
        CompileResult r = Compile.drive(Marked.of("file=json:{\"driver\":\"raw\",,\"file\":{\"driver\":\"file\",,"
                + "\"filename\":\"a.raw\"}},if=none"));
        assertNone(errorsAndWarnings(r));
        RawNode raw = (RawNode) top(r);
        assertEquals("a.raw", ((FileNode) ((Child.Inline) raw.file()).node()).filename());
    }

    @Test
    void explicitOptionsWinOverTheJsonFile() {
        // qemu-system opens a.raw: explicit file.filename wins over the json: one (qdict_join(..., false))
        Marked m = Marked.of("file=json:{\"driver\":\"raw\",,\"file\":{\"driver\":\"file\",,^\"filename\"^:\"nonexist.raw\"}},"
                + "file.filename=a.raw,if=none");
        CompileResult r = Compile.drive(m);
        assertOnly(errorsAndWarnings(r), Code.JSON_OVERRIDDEN,
                "Option 'file.filename' of the json: filename is overridden by the explicit file.filename=a.raw", m.span());
        RawNode raw = (RawNode) top(r);
        assertEquals("a.raw", ((FileNode) ((Child.Inline) raw.file()).node()).filename());
    }

    @Test
    void formatWinsOverTheJsonDriver() {
        // iotest 089 "option merging": the explicit format wins
        Marked m = Marked.of("file=json:{^\"driver\"^:\"qcow2\",,\"file\":{\"driver\":\"file\",,\"filename\":\"a.raw\"}},"
                + "format=raw,if=none");
        CompileResult r = Compile.drive(m);
        assertOnly(errorsAndWarnings(r), Code.JSON_OVERRIDDEN,
                "Option 'driver' of the json: filename is overridden by the explicit driver=raw", m.span());
        assertEquals("raw", top(r).driver());
    }

    @Test
    void jsonErrorInTheFileValuePointsIntoTheDrive() {
        // qemu-system: Could not parse the JSON options: JSON parse error, expected separator in dict
        Marked m = Marked.of("file=json:{\"driver\":\"raw\" ^\"x\"^},if=none");
        assertOnly(errorsAndWarnings(Compile.drive(m)), Code.JSON_SYNTAX,
                "Could not parse the JSON options: JSON parse error, expected separator in dict", m.span());
    }

    @Test
    void jsonErrorAfterAnEscapedCommaMapsBack() {
        Marked m = Marked.of("file=json:{\"driver\":\"raw\",,^}^,if=none");
        assertOnly(errorsAndWarnings(Compile.drive(m)), Code.JSON_SYNTAX,
                "Could not parse the JSON options: JSON parse error, expecting value", m.span());
    }

    @Test
    void emptyDriveIsAccepted() {
        // blockdev.c blockdev_init: no file and no options for the block layer is a drive without a medium
        CompileResult r = Compile.drive(Marked.of("if=none,id=cd0,media=cdrom"));
        assertNone(errorsAndWarnings(r));
        assertEquals(List.of(), r.graph().nodes());
        assertEquals(-1, r.graph().drives().get(0).node());
        assertEquals(Map.of("if", "none", "id", "cd0", "media", "cdrom"), r.graph().drives().get(0).options());
    }
}
