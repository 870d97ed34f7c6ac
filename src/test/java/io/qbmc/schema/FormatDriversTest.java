package io.qbmc.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Compiler;
import io.qbmc.compile.Dialect;
import io.qbmc.diag.Diagnostic;
import io.qbmc.source.Source;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The drivers of qemu-img 7.2 that the differential suite cannot open here: dmg, bochs and cloop
 * (qemu-img cannot create their images), and the network and device drivers.
 */
class FormatDriversTest {
    /** `qemu-img --help | grep 'Supported formats'` of Debian's qemu-img 7.2. */
    private static final List<String> QEMU_IMG_72 = List.of("blkdebug", "blklogwrites", "blkverify", "bochs", "cloop",
            "compress", "copy-before-write", "copy-on-read", "dmg", "file", "ftp", "ftps", "gluster", "host_cdrom",
            "host_device", "http", "https", "iscsi", "iser", "luks", "nbd", "nfs", "null-aio", "null-co", "nvme",
            "parallels", "preallocate", "qcow", "qcow2", "qed", "quorum", "raw", "rbd", "replication",
            "snapshot-access", "ssh", "throttle", "vdi", "vhdx", "vmdk", "vpc", "vvfat");

    private static CompileResult compile(String text) {
        return new Compiler(Dialect.IMAGE_OPTS).compile(Source.of(text));
    }

    private static List<String> errors(CompileResult r) {
        return r.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::message).toList();
    }

    @Test
    void everyDriverOfQemuImgIsDeclaredAsQemus() {
        for (String d : QEMU_IMG_72) {
            DriverSchema s = Drivers.get(d);
            assertNotNull(s, d);
            assertTrue(s.qemuKnows(), d);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dmg", "bochs", "cloop"})
    void readOnlyFormatsTakeOnlyTheirFileAndCommonOptions(String driver) {
        String base = "driver=" + driver + ",file.driver=file,file.filename=img";
        assertEquals(List.of(), errors(compile(base)));
        assertEquals(List.of(), errors(compile(base + ",read-only=on,node-name=n0,cache.no-flush=on")));
        assertEquals(List.of("Block format '" + driver + "' does not support the option 'bogus'"),
                errors(compile(base + ",bogus=1")));
        // none of them opens a backing file
        assertEquals(1, errors(compile(base + ",backing.driver=raw")).size());
        assertEquals(1, errors(compile("driver=" + driver)).size());
    }

    @Test
    void vmdkExtentsTakeTheirFilenameFromTheDescriptor() {
        // qemu-img 7.2 on a monolithicFlat descriptor: the extent's options apply to the file it names
        String vmdk = "driver=vmdk,file.driver=file,file.filename=ext.vmdk,";
        assertEquals(List.of(), errors(compile(vmdk + "extents.0.driver=file")));
        assertEquals(List.of(), errors(compile("json:{\"driver\":\"vmdk\",\"file\":{\"driver\":\"file\","
                + "\"filename\":\"ext.vmdk\"},\"extents\":[{\"driver\":\"file\",\"locking\":\"off\"}]}")));
        assertEquals(List.of("Can't specify 'file' and 'filename' options at the same time"),
                errors(compile(vmdk + "extents.0.driver=file,extents.0.filename=ext-flat.vmdk")));
        assertEquals(List.of("Can't specify 'file' and 'filename' options at the same time"),
                errors(compile(vmdk + "extents.0.filename=ext-flat.vmdk")));
    }

    @Test
    void networkDriversWithoutADifferentialRunAreKnown() {
        assertEquals(List.of(), errors(compile("driver=nfs,server.type=inet,server.host=h,path=/x,user=1")));
        assertEquals(List.of("Block protocol 'nfs' doesn't support the option 'bogus'"),
                errors(compile("driver=nfs,server.type=inet,server.host=h,path=/x,bogus=1")));
        // qemu-img 7.2: nfs reads server with QAPI's NFSServer, whose type is mandatory
        assertEquals(List.of("Parameter 'server.type' is missing"),
                errors(compile("driver=nfs,server.host=h,path=/x")));
        assertEquals(List.of(), errors(compile("driver=gluster,volume=v,path=p,server.0.type=inet,server.0.host=h,"
                + "server.0.port=24007")));
    }
}
