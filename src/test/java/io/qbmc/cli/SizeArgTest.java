package io.qbmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** OFFSET, LENGTH and -g as qemu-io and qemu-img write them. */
class SizeArgTest {
    @Test
    void bytesWithBinarySuffixes() {
        assertEquals(0, SizeArg.parse("0"));
        assertEquals(512, SizeArg.parse("512"));
        assertEquals(512, SizeArg.parse("512b"));
        assertEquals(65536, SizeArg.parse("64k"));
        assertEquals(65536, SizeArg.parse("64K"));
        assertEquals(1L << 20, SizeArg.parse("1M"));
        assertEquals(20L << 30, SizeArg.parse("20G"));
        assertEquals(1L << 40, SizeArg.parse("1t"));
        assertEquals(0x10000, SizeArg.parse("0x10000"));
    }

    @Test
    void anythingElseIsRefused() {
        for (String s : new String[] {"", "-1", "1.5k", "k", "0x", "1kb", "64 k", "8E", "99999999999999999999", "0xg"}) {
            assertEquals(-1, SizeArg.parse(s), s);
        }
        assertEquals((1L << 62), SizeArg.parse("4E"));
    }
}
