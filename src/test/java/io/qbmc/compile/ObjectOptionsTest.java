package io.qbmc.compile;

import static io.qbmc.testing.Diags.assertOnly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import io.qbmc.testing.Diags;
import io.qbmc.testing.Marked;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * -object properties in a pasted command line. Every message is qemu-storage-daemon 7.2's for
 * the same --object (the blockdev differential suite's object-properties sets check them all).
 */
class ObjectOptionsTest {
    private static final String NODE = " -blockdev driver=file,node-name=f,filename=a.raw";

    private static List<Diagnostic> errors(Marked m) {
        return new Compiler(Dialect.IMAGE_OPTS).compile(m.source()).diagnostics().stream().filter(Diagnostic::isError)
                .toList();
    }

    private static Marked line(String object) {
        return Marked.of("qemu-storage-daemon --object " + object + NODE);
    }

    @Test
    void unknownPropertyWithSuggestion() {
        Marked m = line("throttle-group,id=tg0,^limits.bps-totl^=5");
        Diagnostic d = Diags.only(errors(m));
        Diags.assertDiag(d, Code.UNKNOWN_OPTION, "Parameter 'limits.bps-totl' is unexpected", m.span());
        assertEquals("did you mean 'limits.bps-total'?", d.hint());
        Marked bogus = line("throttle-group,id=tg0,^bogus^=1");
        assertOnly(errors(bogus), Code.UNKNOWN_OPTION, "Parameter 'bogus' is unexpected", bogus.span());
    }

    @Test
    void secretNeedsDataOrFile() {
        Marked m = line("^secret,id=s0^");
        assertOnly(errors(m), Code.MISSING_OPTION, "Either 'file' or 'data' must be provided", m.span());
        Marked both = line("secret,id=s0,data=pw,^file^=pw.txt");
        assertOnly(errors(both), Code.DRIVER_CONSTRAINT, "'file' and 'data' are mutually exclusive", both.span());
    }

    @Test
    void enumsAndIntegers() {
        Marked hex = line("secret,id=s0,data=pw,format=^hex^");
        assertOnly(errors(hex), Code.BAD_ENUM, "Parameter 'format' does not accept value 'hex'", hex.span());
        Marked abc = line("throttle-group,id=tg0,limits.bps-total=^abc^");
        assertOnly(errors(abc), Code.WRONG_TYPE, "Parameter 'limits.bps-total' expects integer", abc.span());
        Marked json = line("'{\"qom-type\":\"throttle-group\",\"id\":\"tg0\",\"limits\":{\"bps-total\":^5.5^}}'");
        assertOnly(errors(json), Code.WRONG_TYPE, "Invalid parameter type for 'limits.bps-total', expected: integer",
                json.span());
    }

    @Test
    void unknownTypeWithSuggestion() {
        Marked m = line("^secrte^,id=x");
        Diagnostic d = Diags.only(errors(m));
        Diags.assertDiag(d, Code.BAD_ENUM, "Parameter 'qom-type' does not accept value 'secrte'", m.span());
        assertEquals("did you mean 'secret'?", d.hint());
    }

    @Test
    void throttleLimitsAreValidatedAsThrottleIsValidDoes() {
        Marked mixed = line("^throttle-group,id=tg0,limits.bps-total=100,limits.bps-read=10^");
        assertOnly(errors(mixed), Code.DRIVER_CONSTRAINT,
                "bps/iops/max total values and read/write values cannot be used at the same time", mixed.span());
        Marked negative = line("throttle-group,id=tg0,x-bps-total=^-1^");
        assertOnly(errors(negative), Code.OUT_OF_RANGE, "Property values cannot be negative", negative.span());
        Marked lower = line("throttle-group,id=tg0,limits.bps-total=100,^limits.bps-total-max=10^");
        assertOnly(errors(lower), Code.DRIVER_CONSTRAINT, "bps_max/iops_max cannot be lower than bps/iops", lower.span());
    }

    @Test
    void objectTypesQbmcDoesNotModelPassUnchecked() {
        // a VM's command line: memory backends and RNGs are QEMU's business, not qbmc's
        Marked m = Marked.of("qemu-system-x86_64 -object memory-backend-ram,id=mem0,size=1G,whatever=1"
                + " -object rng-random,id=rng0,filename=/dev/urandom -drive file=a.raw,format=raw,if=none");
        assertTrue(errors(m).isEmpty(), Diags.render(errors(m)));
    }

    @Test
    void aKeyIdNamesAnEarlierSecret() {
        Marked m = line("secret,id=s0,data=pw,keyid=^nokey^");
        assertOnly(errors(m), Code.UNKNOWN_OBJECT, "No secret with id 'nokey'", m.span());
    }

    @Test
    void qemuSystemReadsKeyvalObjectsFlat() {
        // qemu-system-x86_64 7.2 -object throttle-group,id=t,limits.bps-total=100 -machine none:
        // "Invalid parameter 'limits.bps-total'" (vl.c: QemuOpts and the opts visitor), though
        // qemu-storage-daemon and qemu-img accept it; the legacy x- names and JSON work in both
        String drive = " -drive file=a.raw,format=raw,if=none";
        Marked nested = Marked.of("qemu-system-x86_64 -object throttle-group,id=t,^limits.bps-total^=100" + drive);
        assertOnly(errors(nested), Code.UNKNOWN_OPTION, "Invalid parameter 'limits.bps-total'", nested.span());
        Marked number = Marked.of("qemu-system-x86_64 -object iothread,id=i,poll-max-ns=^x^" + drive);
        assertOnly(errors(number), Code.WRONG_TYPE, "Parameter 'poll-max-ns' expects an int64 value", number.span());
        assertTrue(errors(Marked.of("qemu-system-x86_64 -object throttle-group,id=t,x-bps-total=100" + drive)).isEmpty());
        assertTrue(errors(Marked.of("qemu-system-x86_64 -object '{\"qom-type\":\"throttle-group\",\"id\":\"t\","
                + "\"limits\":{\"bps-total\":100}}'" + drive)).isEmpty());
    }
}
