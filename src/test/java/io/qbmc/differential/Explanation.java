package io.qbmc.differential;

import java.util.function.Predicate;

/** A known divergence of one of the differential suites, as {@link DivergenceTally} counts it. */
public interface Explanation<D> {
    String name();

    /** Which divergences it explains; kept narrow, so that it cannot hide another. */
    Predicate<D> applies();
}
