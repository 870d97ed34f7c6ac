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

    // ---- protocol prefixes in file= (block.c bdrv_find_protocol, each driver's bdrv_parse_filename);
    //      verdicts and messages from qemu-system-x86_64 7.2 inside unshare -n ----

    private static BlockNode fileOf(BlockNode n) {
        return ((Child.Inline) ((Value.Node) n.options().get("file")).child()).node();
    }

    private static Map<String, Value> members(BlockNode n, String option) {
        return ((Value.Obj) n.options().get(option)).members();
    }

    private static Value str(String s) {
        return new Value.Str(s);
    }

    @Test
    void nbdUrlIsTheProtocolNodeUnderTheFormat() {
        // qemu-system: address resolution failed for h:10809 (the configuration passed)
        CompileResult r = Compile.drive(Marked.of("file=nbd://h:10809/exp,format=raw,if=none"));
        assertNone(errorsAndWarnings(r));
        BlockNode nbd = fileOf(top(r));
        assertEquals("nbd", nbd.driver());
        assertEquals(Map.of("type", str("inet"), "host", str("h"), "port", str("10809")), members(nbd, "server"));
        assertEquals(str("exp"), nbd.options().get("export"));
        assertNull(nbd.options().get("filename"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // filename | server.type | host or socket | port | export
        "nbd://h/e                                 | inet | h               | 10809 | e",
        "nbd+tcp://h:1234                          | inet | h               | 1234  | ",
        "nbd://[::1]/e%2Fx                         | inet | ::1             | 10809 | e/x",
        "nbd+unix:///e?socket=/run/nbd.sock        | unix | /run/nbd.sock   |       | e",
        "nbd:localhost:10809                       | inet | localhost       | 10809 | ",
        "nbd:h:10809:exportname=a:b                | inet | h               | 10809 | a:b",
        "nbd:[::1]:10809                           | inet | ::1             | 10809 | ",
        "nbd:unix:/run/nbd.sock:exportname=e       | unix | /run/nbd.sock   |       | e",
    })
    void nbdFilenames(String filename, String type, String where, String port, String export) {
        CompileResult r = Compile.drive(Marked.of("file=" + filename + ",format=raw,if=none"));
        assertNone(errorsAndWarnings(r));
        Map<String, Value> server = members(fileOf(top(r)), "server");
        assertEquals(str(type), server.get("type"));
        assertEquals(str(where), server.get(type.equals("unix") ? "path" : "host"));
        assertEquals(port == null ? null : str(port), server.get("port"));
        assertEquals(export == null ? null : str(export), fileOf(top(r)).options().get("export"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "file=^nbd:localhost^,format=raw,if=none            | error parsing address 'localhost'",
        "file=^nbd:[::1]^,format=raw,if=none                | error parsing IPv6 address '[::1]'",
        "file=^nbd:h:1,,ipv4=x^,format=raw,if=none          | error parsing 'ipv4' flag '=x'",
        "file=^nbd://h:99999/e^,format=raw,if=none          | No valid URL specified",
        "file=^nbd+unix:///e^,format=raw,if=none            | No valid URL specified",
        "file=^nbd://h/e^,format=raw,if=none,file.export=x  | Option 'export' cannot be used with a file name",
        "file=^a.raw^,format=nbd,if=none                    | File name string for NBD must start with 'nbd:'",
        "file=^bogus:a.raw^,format=raw,if=none              | Unknown protocol 'bogus'",
        "file=^co:lon.raw^,format=raw,if=none               | Unknown protocol 'co'",
        "file=^null-co://x^,format=raw,if=none              | The only allowed filename for this driver is 'null-co://'",
        "file=^ssh://h^,format=raw,if=none                  | missing remote path in URI",
        "file=^ssh:///p^,format=raw,if=none                 | missing hostname in URI",
        "file=^ssh://h/p^,format=raw,if=none,file.user=u    | Option 'user' cannot be used with a file name",
        "file=^iscsi://h/iqn.x/y^,format=raw,if=none        | Failed to parse URL : iscsi://h/iqn.x/y",
        "file=^rbd:pool^,format=raw,if=none                 | Pool name is required",
        "file=^rbd:pool/img:conf^,format=raw,if=none        | conf option conf has no value",
        "file=^a.raw^,format=rbd,if=none                    | File name must start with 'rbd:'",
        "file=^blkdebug:a.raw^,format=raw,if=none           | blkdebug requires both config file and image path",
        "file=^blkverify:a.raw^,format=raw,if=none          | blkverify requires raw copy and original image path",
        "file=^nvme://0000:00:04.0/x^,format=raw,if=none    | Invalid namespace 'x', positive number expected",
    })
    void protocolFilenamesQemuRefuses(String marked, String message) {
        Marked m = Marked.of(marked);
        assertOnly(errorsAndWarnings(Compile.drive(m)), Code.PROTOCOL_FILENAME, message, m.span());
    }

    @Test
    void fileProtocolPrefixIsStripped() {
        CompileResult r = Compile.drive(Marked.of("file=file:a.raw,format=raw,if=none"));
        assertNone(errorsAndWarnings(r));
        assertEquals("a.raw", ((FileNode) fileOf(top(r))).filename());
    }

    @Test
    void aColonLeftAfterTheFilePrefixIsKeptFromReadingAsAProtocol() {
        // bdrv_parse_filename_strip_prefix: "file:co:lon.raw" opens ./co:lon.raw
        CompileResult r = Compile.drive(Marked.of("file=file:co:lon.raw,format=raw,if=none"));
        assertNone(errorsAndWarnings(r));
        assertEquals("./co:lon.raw", ((FileNode) fileOf(top(r))).filename());
    }

    @Test
    void aSlashBeforeTheColonMakesAPlainPath() {
        CompileResult r = Compile.drive(Marked.of("file=./co:lon.raw,format=raw,if=none"));
        assertNone(errorsAndWarnings(r));
        assertEquals("./co:lon.raw", ((FileNode) fileOf(top(r))).filename());
    }

    @Test
    void protocolOfTheTopNodeParsesTheFilenameItself() {
        // format=nbd: the top node is the protocol node (bdrv_fill_options with BDRV_O_PROTOCOL)
        CompileResult r = Compile.drive(Marked.of("file=nbd:h:10809,format=nbd,if=none"));
        assertNone(errorsAndWarnings(r));
        assertEquals("nbd", top(r).driver());
        assertEquals(str("h"), members(top(r), "server").get("host"));
    }

    @Test
    void withoutFormatTheProtocolNodeIsUnderAProbedFormat() {
        Marked m = Marked.of("^file=null-co://,if=none^");
        CompileResult r = Compile.drive(m);
        assertOnly(errorsAndWarnings(r), Code.PROBED_FORMAT, "No driver given: QEMU will probe the image format", m.span());
        assertEquals("", top(r).driver());
        assertEquals("null-co", fileOf(top(r)).driver());
    }

    @Test
    void curlTakesTheWholeFilenameAsItsUrl() {
        CompileResult r = Compile.drive(Marked.of("file=https://h/a.raw?x=1,format=raw,if=none,file.sslverify=off"));
        assertNone(errorsAndWarnings(r));
        BlockNode https = fileOf(top(r));
        assertEquals("https", https.driver());
        assertEquals(str("https://h/a.raw?x=1"), https.options().get("url"));
        assertEquals(new Value.Bool(false), https.options().get("sslverify"));
    }

    @Test
    void sshUrl() {
        CompileResult r = Compile.drive(Marked.of("file=ssh://u@h:2222/p/x.raw?host_key_check=no,format=raw,if=none"));
        assertNone(errorsAndWarnings(r));
        BlockNode ssh = fileOf(top(r));
        assertEquals(Map.of("host", str("h"), "port", str("2222")), members(ssh, "server"));
        assertEquals(str("u"), ssh.options().get("user"));
        assertEquals(str("/p/x.raw"), ssh.options().get("path"));
        assertEquals(str("no"), ssh.options().get("host_key_check"));
    }

    @Test
    void iscsiUrlGivesDefaultsThatExplicitOptionsOverride() {
        // iscsi_parse_filename sets every option with qdict_set_default_str
        CompileResult r = Compile.drive(Marked.of("file=iscsi://u%p@h:3261/iqn.x/1,format=raw,if=none,file.lun=3"));
        assertNone(errorsAndWarnings(r));
        BlockNode iscsi = fileOf(top(r));
        assertEquals(str("h:3261"), iscsi.options().get("portal"));
        assertEquals(str("iqn.x"), iscsi.options().get("target"));
        assertEquals(str("tcp"), iscsi.options().get("transport"));
        assertEquals(str("u"), iscsi.options().get("user"));
        assertEquals(str("p"), iscsi.options().get("password"));
        assertEquals(new Value.Int(3), iscsi.options().get("lun"));
    }

    @Test
    void rbdFilenameOverridesExplicitOptions() {
        // qemu_rbd_parse_filename sets pool, image, ... with qdict_put: they win over file.image=
        CompileResult r = Compile.drive(Marked.of("file=rbd:pool/ns/img@snap:id=admin:conf=ceph.conf,format=raw,"
                + "if=none,file.image=other"));
        assertNone(errorsAndWarnings(r));
        BlockNode rbd = fileOf(top(r));
        assertEquals(str("pool"), rbd.options().get("pool"));
        assertEquals(str("ns"), rbd.options().get("namespace"));
        assertEquals(str("img"), rbd.options().get("image"));
        assertEquals(str("snap"), rbd.options().get("snapshot"));
        assertEquals(str("admin"), rbd.options().get("user"));
        assertEquals(str("ceph.conf"), rbd.options().get("conf"));
    }

    @Test
    void rbdKeyValuePairsForLibradosAreAWarning() {
        Marked m = Marked.of("file=^rbd:pool/img:rbd_cache=true^,format=raw,if=none");
        assertOnly(errorsAndWarnings(Compile.drive(m)), Code.UNCHECKED_FILENAME_OPTIONS,
                "rbd: filename options [rbd_cache=true] go to librados unchecked and are not kept in the graph", m.span());
    }

    @Test
    void blkdebugFilenameNamesItsConfigAndItsImage() {
        CompileResult r = Compile.drive(Marked.of("file=blkdebug:rules.cfg:file:a.raw,format=raw,if=none"));
        assertNone(errorsAndWarnings(r));
        BlockNode blkdebug = fileOf(top(r));
        assertEquals("blkdebug", blkdebug.driver());
        assertEquals(str("rules.cfg"), blkdebug.options().get("config"));
        BlockNode image = ((Child.Inline) ((Value.Node) blkdebug.options().get("image")).child()).node();
        assertEquals("a.raw", ((FileNode) image).filename());
    }

    @Test
    void aioIsAFlagOnlyFilePosixReads() {
        // extract_common_blockdev_options: aio= sets BDRV_O_NATIVE_AIO; nbd ignores it
        CompileResult r = Compile.drive(Marked.of("file=nbd://h/e,format=raw,if=none,aio=native"));
        assertNone(errorsAndWarnings(r));
        assertNull(fileOf(top(r)).options().get("aio"));
    }

    @Test
    void badAioMode() {
        Marked m = Marked.of("file=a.raw,format=raw,if=none,aio=^bogus^");
        assertOnly(errorsAndWarnings(Compile.drive(m)), Code.BAD_ENUM, "invalid aio option", m.span());
    }

    // ---- the drive's own options (blockdev.c drive_new, blockdev_init) ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "file=a.raw,format=raw,if=^bogus^                    | unsupported bus type 'bogus'",
        "file=a.raw,format=raw,if=none,media=^bogus^         | 'bogus' invalid media",
        "file=a.raw,format=raw,if=none,werror=^bogus^        | 'bogus' invalid write error action",
        "file=a.raw,format=raw,if=none,rerror=^enospc^       | 'enospc' invalid read error action",
        "file=a.raw,format=raw,if=none,bus=^x^               | Parameter 'bus' expects a number",
        "file=a.raw,format=raw,if=none,snapshot=^maybe^      | Parameter 'snapshot' expects 'on' or 'off'",
        "file=a.raw,format=raw,if=none,detect-zeroes=^bogus^ | invalid parameter value: bogus",
    })
    void driveOptionsQemuRefuses(String marked, String message) {
        Marked m = Marked.of(marked);
        List<Diagnostic> ds = errorsAndWarnings(Compile.drive(m));
        assertEquals(1, ds.size(), ds::toString);
        Diags.assertDiag(ds.get(0), ds.get(0).code(), message, m.span());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "iops=100,iops_max=50          | bps_max/iops_max cannot be lower than bps/iops",
        "iops_max=100                  | bps_max/iops_max require corresponding bps/iops values",
        "bps=1048576,bps_rd=1024       | bps/iops/max total values and read/write values cannot be used at the same time",
        "iops_size=4096                | iops size requires an iops value to be set",
        "iops=-1                       | bps/iops/max values must be within [0, 1000000000000000]",
        "throttling.iops-total-max-length=2 | burst length set without burst rate",
    })
    void throttlingQemuRefuses(String options, String message) {
        // util/throttle.c throttle_is_valid
        List<Diagnostic> ds = errorsAndWarnings(Compile.drive(Marked.of("file=a.raw,format=raw,if=none," + options)));
        assertEquals(1, ds.size(), ds::toString);
        assertEquals(message, ds.get(0).message());
    }

    @Test
    void indexWithBus() {
        Marked m = Marked.of("file=a.raw,format=raw,if=none,^index^=1,bus=1");
        assertOnly(errorsAndWarnings(Compile.drive(m)), Code.DRIVER_CONSTRAINT, "index cannot be used with bus and unit",
                m.span());
    }

    @Test
    void aCdromIsReadOnly() {
        CompileResult r = Compile.drive(Marked.of("file=a.raw,format=raw,if=none,media=cdrom,read-only=off"));
        assertNone(errorsAndWarnings(r));
        assertEquals(new Value.Bool(true), top(r).options().get("read-only"));
    }

    @Test
    void detectZeroesUnmapNeedsNoDiscardOnADrive() {
        // extract_common_blockdev_options sets bs->detect_zeroes itself, past bdrv_open_common's rule
        assertNone(errorsAndWarnings(Compile.drive(Marked.of("file=a.raw,format=raw,if=none,detect-zeroes=unmap"))));
    }

    @Test
    void cacheTwiceLeavesOneForTheNode() {
        // drive_new: qemu_opt_unset(all_opts, "cache") removes the last cache= only
        Marked m = Marked.of("file=a.raw,format=raw,if=none,^cache^=none,cache=writeback");
        assertOnly(errorsAndWarnings(Compile.drive(m)), Code.UNKNOWN_OPTION,
                "Block format 'raw' does not support the option 'cache'", m.span());
    }

    @Test
    void forceShareOnADriveOpenedReadWrite() {
        // blockdev_init gives the top node read-only=off
        Marked m = Marked.of("file=a.raw,format=raw,if=none,force-share=^on^");
        assertOnly(errorsAndWarnings(Compile.drive(m)), Code.DRIVER_CONSTRAINT,
                "force-share=on can only be used with read-only images", m.span());
    }

    @Test
    void theFirstOfRepeatedLegacyNamesWins() {
        // qemu_opt_rename moves repeated items from the last one, so the first ends up last
        Marked m = Marked.of("file=a.raw,format=raw,if=none,readonly=on,^readonly^=off");
        CompileResult r = Compile.drive(m);
        assertOnly(errorsAndWarnings(r), Code.DUPLICATE_KEY,
                "Option 'readonly' is given more than once; of a legacy name the first value wins", m.span());
        assertEquals(new Value.Bool(true), top(r).options().get("read-only"));
    }
}
