package io.qbmc.bind;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * QEMU's readings of numbers in option strings, reproduced exactly: qemu_strtou64 for
 * QEMU_OPT_NUMBER and qemu_strtosz for QEMU_OPT_SIZE (util/cutils.c).
 */
public final class QemuNumbers {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private QemuNumbers() {
    }

    /** Outcome of a reading: the uint64 bits, or why there are none. */
    public record Result(long bits, Failure failure, boolean hexWithSuffix) {
        public boolean ok() {
            return failure == null;
        }
    }

    public enum Failure {
        /** Not a number of this kind. */
        INVALID,
        /** Does not fit in 64 bits. */
        RANGE
    }

    private static Result ok(long bits) {
        return new Result(bits, null, false);
    }

    private static Result fail(Failure f) {
        return new Result(0, f, false);
    }

    /** strtoull(s, base 0) that must consume the whole string; "-1" wraps to 2^64-1. */
    public static Result number(String s) {
        Parsed p = strtoull(s, 0, 0);
        if (p == null || p.end != s.length()) {
            return fail(Failure.INVALID);
        }
        return p.overflow ? fail(Failure.RANGE) : ok(p.value);
    }

    /**
     * qemu_strtoi64(s, NULL, 0): strtoll that must consume the whole string; how QAPI's keyval
     * input visitor reads an integer (qapi/qobject-input-visitor.c qobject_input_type_int64_keyval),
     * so -blockdev keyval numbers take no size suffix.
     */
    public static Result int64(String s) {
        Parsed p = strtoull(s, 0, 0);
        if (p == null || p.end != s.length()) {
            return fail(Failure.INVALID);
        }
        BigInteger limit = p.negative ? BigInteger.ONE.shiftLeft(63) : BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE);
        if (p.magnitude.compareTo(limit) > 0) {
            return fail(Failure.RANGE);
        }
        return ok(p.negative ? p.magnitude.negate().longValue() : p.magnitude.longValue());
    }

    /** qemu_strtosz: decimal or hex bytes, optional fraction with a suffix, suffixes B K M G T P E. */
    public static Result size(String s) {
        Parsed p = strtoull(s, 0, 10);
        if (p == null) {
            return fail(Failure.INVALID);
        }
        if (p.overflow) {
            return fail(Failure.RANGE);
        }
        if (s.substring(0, p.end).indexOf('-') >= 0) {
            return fail(Failure.INVALID);
        }
        long val = p.value;
        int end = p.end;
        boolean hex = false;
        BigDecimal fraction = BigDecimal.ZERO;
        if (val == 0 && end < s.length() && (s.charAt(end) == 'x' || s.charAt(end) == 'X')) {
            Parsed h = strtoull(s, 0, 16);
            if (h == null) {
                return fail(Failure.INVALID);
            }
            if (h.overflow) {
                return fail(Failure.RANGE);
            }
            if (h.end < s.length() && s.charAt(h.end) == '.') {
                return fail(Failure.INVALID);
            }
            val = h.value;
            end = h.end;
            hex = true;
        } else if (end < s.length() && s.charAt(end) == '.') {
            int f = end + 1;
            int g = f;
            while (g < s.length() && Character.isDigit(s.charAt(g))) {
                g++;
            }
            // strtod would also read an exponent; QEMU then refuses the whole input
            if (g < s.length() && (s.charAt(g) == 'e' || s.charAt(g) == 'E')) {
                int k = g + 1;
                if (k < s.length() && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
                    k++;
                }
                if (k < s.length() && Character.isDigit(s.charAt(k))) {
                    return fail(Failure.INVALID);
                }
            }
            if (g == f) {
                // "1." : strtod reads "." as nothing; QEMU skips the dot and goes on
                end = f;
            } else {
                // qemu_strtod_finite reads the fraction as a double, rounding it: ".9999999999999999999"
                // is 1.0, whose (uint64_t)(fraction * 0x1p64) overflows; x86-64 QEMU gets 0 there
                fraction = new BigDecimal(Double.parseDouble("0." + s.substring(f, g)));
                end = g;
            }
        }
        long mul = 1;
        boolean suffixed = false;
        if (end < s.length()) {
            mul = suffix(s.charAt(end));
            if (mul > 0) {
                end++;
                suffixed = true;
            } else {
                mul = 1;
            }
        }
        if (end != s.length()) {
            return fail(Failure.INVALID);
        }
        if (mul == 1) {
            if (fraction.signum() != 0) {
                return fail(Failure.INVALID);
            }
            return new Result(val, null, false);
        }
        BigInteger whole = new BigInteger(Long.toUnsignedString(val)).multiply(BigInteger.valueOf(mul));
        // QEMU keeps the fraction as 64-bit fixed point and rounds half up
        BigInteger fixed = fraction.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(64))).toBigInteger();
        if (fixed.bitLength() > 64) {
            fixed = BigInteger.ZERO;
        }
        BigInteger fracPart = fixed.multiply(BigInteger.valueOf(mul));
        BigInteger total = whole.add(fracPart.shiftRight(64));
        if (fracPart.testBit(63)) {
            total = total.add(BigInteger.ONE);
        }
        if (total.compareTo(U64_MAX) > 0) {
            return fail(Failure.RANGE);
        }
        return new Result(total.longValue(), null, hex && suffixed);
    }

    private static long suffix(char c) {
        switch (Character.toUpperCase(c)) {
            case 'B':
                return 1;
            case 'K':
                return 1L << 10;
            case 'M':
                return 1L << 20;
            case 'G':
                return 1L << 30;
            case 'T':
                return 1L << 40;
            case 'P':
                return 1L << 50;
            case 'E':
                return 1L << 60;
            default:
                return -1;
        }
    }

    private record Parsed(long value, int end, boolean overflow, BigInteger magnitude, boolean negative) {
    }

    /** C strtoull: leading space, sign, base prefix; null when nothing was converted. */
    private static Parsed strtoull(String s, int from, int base) {
        int i = from;
        while (i < s.length() && isCSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int b = base;
        if ((b == 0 || b == 16) && i + 1 < s.length() && s.charAt(i) == '0'
                && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
            i += 2;
            b = 16;
        } else if (b == 0) {
            b = i < s.length() && s.charAt(i) == '0' ? 8 : 10;
        }
        int start = i;
        BigInteger v = BigInteger.ZERO;
        BigInteger radix = BigInteger.valueOf(b);
        while (i < s.length()) {
            int d = Character.digit(s.charAt(i), b);
            if (d < 0 || s.charAt(i) > 0x7f) {
                break;
            }
            v = v.multiply(radix).add(BigInteger.valueOf(d));
            i++;
        }
        if (i == start) {
            return null;
        }
        if (v.compareTo(U64_MAX) > 0) {
            return new Parsed(-1, i, true, v, negative);
        }
        long bits = v.longValue();
        return new Parsed(negative ? -bits : bits, i, false, v, negative);
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }
}
