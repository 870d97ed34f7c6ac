package io.qbmc.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A run's divergences, each given to the first known divergence that explains it. An entry that
 * explains nothing is reported, not ignored: the code it excused has changed, and an entry left
 * behind would excuse the next disagreement that happens to match it.
 */
public final class DivergenceTally<D> {
    private final List<D> unexplained = new ArrayList<>();
    private final Map<String, Integer> explainedBy = new TreeMap<>();

    public DivergenceTally(List<D> divergences, List<? extends Explanation<D>> known) {
        for (Explanation<D> k : known) {
            explainedBy.put(k.name(), 0);
        }
        for (D d : divergences) {
            Optional<? extends Explanation<D>> entry = known.stream().filter(k -> k.applies().test(d)).findFirst();
            if (entry.isPresent()) {
                explainedBy.merge(entry.get().name(), 1, Integer::sum);
            } else {
                unexplained.add(d);
            }
        }
    }

    public List<D> unexplained() {
        return unexplained;
    }

    public int explained() {
        return explainedBy.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** One line per entry, "  known divergence NAME: N UNIT". */
    public void print(String unit) {
        explainedBy.forEach((name, n) -> System.out.println("  known divergence " + name + ": " + n + " " + unit));
    }

    /** One problem line per entry that explained nothing, ending with what to do about it. */
    public void reportStale(StringBuilder problems, String remedy) {
        explainedBy.forEach((name, n) -> {
            if (n == 0) {
                problems.append("known divergence ").append(name).append(" explains nothing any more: ").append(remedy)
                        .append('\n');
            }
        });
    }
}
