package io.qbmc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qbmc.diag.Code;
import java.util.List;
import org.junit.jupiter.api.Test;

class GithubReportTest {
    private static Finding finding(Code code, String message, String hint, int line, int column, int length) {
        return new Finding(code, message, hint, line, column, length, line, column + length, null);
    }

    @Test
    void oneCommandPerDiagnosticWithPositionAndRange() {
        FileResult r = new FileResult("cfg/a.opts", "cfg/a.opts", false, List.of(
                finding(Code.UNKNOWN_OPTION, "Block format 'raw' does not support the option 'bogus'", null, 2, 12, 5)),
                null);
        assertEquals("::error file=cfg/a.opts,line=2,col=12,endColumn=16,title=QBMC-E012::"
                + "Block format 'raw' does not support the option 'bogus'\n", GithubReport.render(List.of(r)));
    }

    /** Workflow commands end at a newline and split properties at ',' and '::'; all are escaped. */
    @Test
    void specialCharactersAreEscaped() {
        FileResult r = new FileResult("we,ird:name.opts", "we,ird:name.opts", false, List.of(
                finding(Code.DUPLICATE_KEY, "100% given\ntwice, it:s", "keep\r one", 1, 1, 1)), null);
        assertEquals("::warning file=we%2Cird%3Aname.opts,line=1,col=1,endColumn=1,title=QBMC-W001::"
                + "100%25 given%0Atwice, it:s (hint: keep%0D one)\n", GithubReport.render(List.of(r)));
    }

    @Test
    void aFileOutsideTheWorkingFolderIsNamedByItsPathNotAUri() {
        FileResult r = new FileResult("/tmp/cfg/z.json", "file:///tmp/cfg/z.json", false, List.of(
                finding(Code.JSON_SYNTAX, "Expected a value", null, 1, 1, 1)), null);
        assertEquals("::error file=/tmp/cfg/z.json,line=1,col=1,endColumn=1,title=QBMC-E004::Expected a value\n",
                GithubReport.render(List.of(r)));
    }

    @Test
    void controlCharactersAreShownEscaped() {
        FileResult r = new FileResult("a.opts", "a.opts", false, List.of(
                finding(Code.UNKNOWN_DRIVER, "Unknown driver '\u001b[2Jx\u0007'", null, 1, 1, 1)), null);
        assertEquals("::error file=a.opts,line=1,col=1,endColumn=1,title=QBMC-E013::Unknown driver '\\x1b[2Jx\\x07'\n",
                GithubReport.render(List.of(r)));
    }
}
