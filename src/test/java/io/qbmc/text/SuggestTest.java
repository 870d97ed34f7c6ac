package io.qbmc.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestTest {
    private static final List<String> DRIVERS = List.of("raw", "qcow2", "quorum", "file", "null-co", "null-aio");

    @Test
    void oneTypo() {
        assertEquals("quorum", Suggest.closest("qourum", DRIVERS));
        assertEquals("qcow2", Suggest.closest("qcow", DRIVERS));
    }

    @Test
    void transpositionCountsOnce() {
        assertEquals(1, Suggest.distance("rwa", "raw"));
        assertEquals("raw", Suggest.closest("rwa", DRIVERS));
    }

    @Test
    void caseIsIgnoredForTheGuess() {
        assertEquals("raw", Suggest.closest("RAW", DRIVERS));
    }

    @Test
    void farWordsGetNoGuess() {
        assertNull(Suggest.closest("vmdk", DRIVERS));
        assertNull(Suggest.closest("xyzzy", List.of()));
    }

    @Test
    void tiesGoToTheAlphabeticallyFirst() {
        assertEquals("null-aio", Suggest.closest("null-ao", List.of("null-co", "null-aio")));
    }

    @Test
    void distance() {
        assertEquals(0, Suggest.distance("a", "a"));
        assertEquals(3, Suggest.distance("", "abc"));
        assertEquals(1, Suggest.distance("drect", "direct"));
    }
}
