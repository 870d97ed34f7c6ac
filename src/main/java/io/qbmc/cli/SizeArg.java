package io.qbmc.cli;

import java.math.BigInteger;

/**
 * Sizes on the command line of the runtime commands, as qemu-io and qemu-img write them: a decimal
 * number of bytes with an optional binary suffix (b, k, M, G, T, P, E, in any case), or a 0x
 * hexadecimal number of bytes.
 */
final class SizeArg {
    private static final String SUFFIXES = "bkmgtpe";

    private SizeArg() {
    }

    /** The number of bytes, or -1 when the text is not a size below 2^63. */
    static long parse(String s) {
        BigInteger v;
        if (s.matches("0[xX][0-9a-fA-F]{1,16}")) {
            v = new BigInteger(s.substring(2), 16);
        } else if (s.matches("[0-9]{1,19}[bBkKmMgGtTpPeE]?")) {
            char last = Character.toLowerCase(s.charAt(s.length() - 1));
            int shift = Character.isDigit(last) ? 0 : 10 * SUFFIXES.indexOf(last);
            v = new BigInteger(Character.isDigit(last) ? s : s.substring(0, s.length() - 1)).shiftLeft(shift);
        } else {
            return -1;
        }
        return v.bitLength() > 63 ? -1 : v.longValue();
    }
}
