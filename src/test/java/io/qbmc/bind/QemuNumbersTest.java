package io.qbmc.bind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.bind.QemuNumbers.Failure;
import io.qbmc.bind.QemuNumbers.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * qemu_strtou64 (QEMU_OPT_NUMBER) and qemu_strtosz (QEMU_OPT_SIZE), util/cutils.c. Values were
 * read back from qemu-img 7.2: numbers through file's aio-max-batch (accepted or "expects a number"
 * / "is too large"), sizes through raw's offset, whose error "Offset (N) cannot be greater than
 * size of the containing file" prints the parsed value; small ones from tests/unit/test-keyval.c.
 */
class QemuNumbersTest {

    private static void assertBits(String expectedUnsigned, Result r) {
        assertTrue(r.ok(), () -> "expected a value, got " + r.failure());
        assertEquals(expectedUnsigned, Long.toUnsignedString(r.bits()));
    }

    @ParameterizedTest(name = "number ''{0}'' = {1}")
    @CsvSource(delimiter = '|', value = {
        "0|0",
        "42|42",
        "0x2a|42",
        "0X10|16",
        "052|42",
        "00|0",
        "-1|18446744073709551615",
        "-0x1|18446744073709551615",
        "18446744073709551615|18446744073709551615",
        "+5|5",
        "' 5'|5",
    })
    void numbers(String text, String value) {
        assertBits(value, QemuNumbers.number(text));
    }

    @ParameterizedTest(name = "number ''{0}'' is not a number")
    @CsvSource(delimiter = '|', value = {"08", "3.14", "''", "0x", "1e3", "'5 '", "1k", "abc"})
    void notNumbers(String text) {
        Result r = QemuNumbers.number(text);
        assertEquals(Failure.INVALID, r.failure());
    }

    @ParameterizedTest(name = "number ''{0}'' is too large")
    @CsvSource({"18446744073709551616", "-18446744073709551616", "0x10000000000000000", "99999999999999999999999"})
    void numbersTooLarge(String text) {
        assertEquals(Failure.RANGE, QemuNumbers.number(text).failure());
    }

    @ParameterizedTest(name = "size ''{0}'' = {1}")
    @CsvSource(delimiter = '|', value = {
        "0|0",
        "4096|4096",
        "8b|8",
        "1K|1024",
        "1.5k|1536",
        "2M|2097152",
        "1.5M|1572864",
        "0.1G|107374182",
        "0.7G|751619277",
        "0.123456789G|132560718",
        "12.345G|13255342817",
        "0.3333333333333333333T|366503875925",
        "16777215T|18446742974197923840",
        "3.9999999999999999P|4503599627370496",
        "1.1E|1268213655067531680",
        "7.77777777777777777E|8967167258053254272",
        "15.5E|17870283321406128128",
        "15.99E|18435214858663483136",
        "0.0000000001E|115292150",
        "2.5000000000000000001M|2621440",
        "1.0000000000000000001E|1152921504606846976",
        "18446744073709551615|18446744073709551615",
        "12345678901234567890|12345678901234567890",
        "0xffffffffffffffff|18446744073709551615",
        "0x100000|1048576",
        "052|52",
        "08|8",
        "' 5M'|5242880",
        "1.|1",
        "1.k|1024",
        "1.0b|1",
    })
    void sizes(String text, String value) {
        assertBits(value, QemuNumbers.size(text));
    }

    @ParameterizedTest(name = "size ''{0}'' keeps 64-bit precision")
    @CsvSource({
        // test-keyval.c test_keyval_visit_size: 2^53-1, 2^53+1 and values next to 2^63 are exact
        "9007199254740991", "9007199254740993", "9223372036854774784", "9223372036854775807",
        "9223372036854775808", "9223372036854775809", "18446744073709550591", "18446744073709550592",
    })
    void sizesKeepFullPrecision(String text) {
        assertBits(text, QemuNumbers.size(text));
        assertBits(text, QemuNumbers.number(text));
    }

    @Test
    void fractionIsReadAsADoubleLikeQemu() {
        // ".9999999999999999999999999" is 1.0 as a double; QEMU 7.2 on x86-64 then adds nothing:
        // qemu-img accepts size=1.9999999999999999999999999M on a 1 MiB file (it is 1M, not 2M)
        assertBits("1048576", QemuNumbers.size("1.9999999999999999999999999M"));
        assertBits("17293822569102704640", QemuNumbers.size("15.9999999999999999999E"));
    }

    @ParameterizedTest(name = "size ''{0}'' is invalid")
    @CsvSource(delimiter = '|', value = {
        "0Z", "16Gi", "1.5", "1.5b", "0.5", "-1", "-0", "1e3", "1.5e3k", "1kb", ".5k", "5M+", "0x", "0x1.5k", "''", "k",
    })
    void invalidSizes(String text) {
        assertEquals(Failure.INVALID, QemuNumbers.size(text).failure());
    }

    @ParameterizedTest(name = "size ''{0}'' is out of range")
    @CsvSource({"16777216T", "16E", "18446744073709551616", "0x20000000000000000", "0x10000000000000000"})
    void sizesOutOfRange(String text) {
        assertEquals(Failure.RANGE, QemuNumbers.size(text).failure());
    }

    @Test
    void hexWithASuffixWorksButIsFlagged() {
        // qemu-img: "warning: Using a multiplier suffix on hex numbers is deprecated: 0x10k"
        Result r = QemuNumbers.size("0x10k");
        assertBits("16384", r);
        assertTrue(r.hexWithSuffix());
        assertFalse(QemuNumbers.size("0x100000").hexWithSuffix());
        assertFalse(QemuNumbers.size("16k").hexWithSuffix());
    }
}
