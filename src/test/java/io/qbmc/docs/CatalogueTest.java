package io.qbmc.docs;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostic;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every code is documented with an example, and the example still produces that code. */
class CatalogueTest {
    static Stream<Code> codes() {
        return Stream.of(Code.values());
    }

    @ParameterizedTest
    @MethodSource("codes")
    void everyCodeHasAnExampleThatProducesIt(Code code) {
        Example e = DiagnosticCatalogue.example(code);
        assertNotNull(e, code.id() + " has no example in DiagnosticCatalogue");
        ExampleRunner.Outcome o = ExampleRunner.run(e);
        assertTrue(o.diagnostics().stream().map(Diagnostic::code).anyMatch(c -> c == code),
                code.id() + "'s example produced " + o.diagnostics());
    }
}
