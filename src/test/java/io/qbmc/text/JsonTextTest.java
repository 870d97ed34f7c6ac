package io.qbmc.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** JSON strings as qobject/json-writer.c writes them. */
class JsonTextTest {

    @Test
    void plainAscii() {
        assertEquals("\"a.raw\"", JsonText.quote("a.raw"));
    }

    @Test
    void shortEscapes() {
        assertEquals("\"\\\"\\\\\\b\\f\\n\\r\\t\"", JsonText.quote("\"\\\b\f\n\r\t"));
    }

    @Test
    void slashIsNotEscaped() {
        assertEquals("\"/dev/sda\"", JsonText.quote("/dev/sda"));
    }

    @Test
    void otherControlCharactersAsUpperCaseUnicodeEscapes() {
        assertEquals("\"\\u0001\\u001F\\u007F\"", JsonText.quote("\u0001\u001f\u007f"));
    }

    @Test
    void nonAsciiAsUpperCaseEscapesAndSurrogatePairs() {
        // qemu-img prints "filename": "\u00E9\uD83D\uDE00\"q\\.raw" for the file é😀"q\.raw
        assertEquals("\"\\u00E9\\uD83D\\uDE00\\\"q\\\\.raw\"", JsonText.quote("é\uD83D\uDE00\"q\\.raw"));
    }
}
