package io.qbmc.differential;

import java.util.List;
import java.util.function.Predicate;

/**
 * Disagreements between qbmc and qemu-img that are understood and wait for a fix in qbmc outside
 * the driver tables (OtherDrivers). Each entry says who is right, names the QEMU 7.2 source that
 * decides, and the qbmc code believed wrong. An entry matches on QEMU's own message and qbmc's,
 * so it cannot hide another disagreement on the same spec. The suite fails when an entry no
 * longer explains any divergence: remove entries as qbmc gets fixed.
 *
 * @param name    short identifier
 * @param applies which divergences the entry explains; kept narrow on purpose
 * @param reason  who is right and why
 */
record KnownDivergence(String name, Predicate<Divergence> applies, String reason)
        implements Explanation<Divergence> {

    private static Predicate<Divergence> qemuSays(String... fragments) {
        return d -> List.of(fragments).stream().anyMatch(f -> d.qemu().contains(f));
    }

    private static Predicate<Divergence> qbmcSays(String fragment) {
        return d -> d.qbmc().contains(fragment);
    }

    private static final Predicate<Divergence> QBMC_VALID = d -> d.qbmc().equals("valid");
    private static final Predicate<Divergence> QEMU_ACCEPTED = d -> d.qemu().startsWith("accepted");

    /** Empty: every disagreement found so far is fixed. Add entries here, narrowly, as new ones are found. */
    static final List<KnownDivergence> ALL = List.of();
}
