package io.qbmc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.diag.Code;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class JunitReportTest {
    private static Element testcase(String xml) throws Exception {
        return (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getElementsByTagName("testcase").item(0);
    }

    /** A file name with a line break is one line in the testcase name, escaped as the human output does. */
    @Test
    void aNameWithALineBreakStaysOneLine() throws Exception {
        FileResult r = new FileResult("cfg/a\nb.opts", "cfg/a%0Ab.opts", false, List.of(new Finding(Code.UNKNOWN_OPTION,
                "bad 'x\ny'", null, 1, 1, 1, 1, 2, null)), null);
        String xml = JunitReport.render(List.of(r), new Summary(1, 1, 1, 0, 0, 5), false);
        assertFalse(xml.contains("a\nb.opts"), xml);
        Element tc = testcase(xml);
        assertEquals("cfg/a\\nb.opts", tc.getAttribute("name"));
        assertEquals("QBMC-E012: bad 'x\\ny'", ((Element) tc.getElementsByTagName("failure").item(0)).getAttribute("message"));
    }

    @Test
    void theFailureTextNamesTheFileAndKeyOfTheFinding() throws Exception {
        FileResult r = new FileResult("main.conf", "main.conf", false, List.of(new Finding(Code.BITMAP_GRANULARITY,
                "Granularity must be power of 2 and at least 512", null, 4, -1, 0, 4, -1, null, "inc/b.conf", "inc/b.conf",
                "file.bitmaps.0.granularity")), null);
        String text = testcase(JunitReport.render(List.of(r), new Summary(1, 1, 1, 0, 0, 5), false))
                .getElementsByTagName("failure").item(0).getTextContent();
        assertTrue(text.startsWith("inc/b.conf:4 (at key: file.bitmaps.0.granularity): error[QBMC-E026]"), text);
    }
}
