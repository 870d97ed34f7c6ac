package io.qbmc.compile;

import io.qbmc.diag.Code;
import io.qbmc.diag.Diagnostics;
import io.qbmc.options.FlatOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** qdict_join(explicit, json, false): options from a json: filename fill in, explicit ones win. */
final class Merge {
    private Merge() {
    }

    static List<FlatOption> explicitWins(List<FlatOption> fromJson, List<FlatOption> explicit, Diagnostics diags) {
        Map<String, FlatOption> byKey = new LinkedHashMap<>();
        for (FlatOption o : explicit) {
            byKey.put(o.key(), o);
        }
        List<FlatOption> out = new ArrayList<>();
        for (FlatOption j : fromJson) {
            FlatOption e = byKey.get(j.key());
            if (e == null) {
                out.add(j);
            } else if (!e.value().display().equals(j.value().display())) {
                diags.report(Code.JSON_OVERRIDDEN, j.keySpan(),
                        "Option '" + j.key() + "' of the json: filename is overridden by the explicit "
                                + j.key() + "=" + e.value().display(),
                        "QEMU gives explicit options priority over the json: filename; drop one of them");
            }
        }
        out.addAll(explicit);
        return out;
    }
}
