package io.qbmc.check;

import static io.qbmc.testing.Diags.assertNone;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qbmc.compile.CompileResult;
import io.qbmc.compile.Compiler;
import io.qbmc.compile.Dialect;
import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.testing.Diags;
import io.qbmc.testing.Marked;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Options naming an -object, checked only when the input is a whole command line. Messages are
 * QEMU's: crypto/secret_common.c, block/throttle.c, block/nbd.c, scsi/pr-manager.c.
 */
class ObjectReferenceRuleTest {

    private static List<Diagnostic> objectDiagnostics(Marked m) {
        CompileResult r = new Compiler(Dialect.IMAGE_OPTS).compile(m.source());
        return Diags.withCode(r.diagnostics(), Code.UNKNOWN_OBJECT);
    }

    @Test
    void definedSecret() {
        assertNone(objectDiagnostics(Marked.of("qemu-system-x86_64 -object secret,id=s0,data=pw "
                + "-blockdev driver=luks,node-name=l,key-secret=s0,file.driver=file,file.filename=d.luks")));
    }

    @Test
    void missingSecret() {
        Marked m = Marked.of("qemu-system-x86_64 -object secret,id=s0,data=pw "
                + "-blockdev driver=luks,node-name=l,key-secret=^s1^,file.driver=file,file.filename=d.luks");
        Diagnostic d = Diags.only(objectDiagnostics(m));
        Diags.assertDiag(d, Code.UNKNOWN_OBJECT, "No secret with id 's1'", m.span());
        assertEquals("define it with -object secret,id=s1,...", d.hint());
    }

    @Test
    void objectOfTheWrongType() {
        Marked m = Marked.of("qemu-system-x86_64 -object throttle-group,id=tg0 "
                + "-blockdev driver=luks,node-name=l,key-secret=^tg0^,file.driver=file,file.filename=d.luks");
        Diagnostic d = Diags.only(objectDiagnostics(m));
        Diags.assertDiag(d, Code.UNKNOWN_OBJECT, "Object with id 'tg0' is not a secret", m.span());
        assertEquals("'tg0' is a throttle-group; 'key-secret' needs a secret or secret_keyring", d.hint());
    }

    @Test
    void missingThrottleGroup() {
        // qemu-img --image-opts 'driver=throttle,throttle-group=tg,...': Throttle group 'tg' does not exist
        Marked m = Marked.of("qemu-system-x86_64 -blockdev driver=file,node-name=f,filename=a.raw "
                + "-blockdev driver=throttle,node-name=t,throttle-group=^tg^,file=f");
        Diags.assertOnly(objectDiagnostics(m), Code.UNKNOWN_OBJECT, "Throttle group 'tg' does not exist", m.span());
    }

    @Test
    void nestedOptionIsFound() {
        Marked m = Marked.of("qemu-system-x86_64 -blockdev driver=qcow2,node-name=q,encrypt.format=luks,"
                + "encrypt.key-secret=^sec^,file.driver=file,file.filename=d.qcow2");
        Diags.assertOnly(objectDiagnostics(m), Code.UNKNOWN_OBJECT, "No secret with id 'sec'", m.span());
    }

    @Test
    void secretKeyringCounts() {
        assertNone(objectDiagnostics(Marked.of("qemu-system-x86_64 -object secret_keyring,id=k,serial=1 "
                + "-blockdev driver=luks,node-name=l,key-secret=k,file.driver=file,file.filename=d.luks")));
    }

    @Test
    void jsonObjectDefinition() {
        assertNone(objectDiagnostics(Marked.of("qemu-system-x86_64 -object '{\"qom-type\":\"secret\",\"id\":\"s0\",\"data\":\"x\"}' "
                + "-blockdev driver=luks,node-name=l,key-secret=s0,file.driver=file,file.filename=d.luks")));
    }

    @Test
    void notCheckedForALoneOptionString() {
        // the objects of a lone string are defined elsewhere on its command line
        assertNone(objectDiagnostics(Marked.of("driver=luks,key-secret=s1,file.driver=file,file.filename=d.luks")));
    }
}
