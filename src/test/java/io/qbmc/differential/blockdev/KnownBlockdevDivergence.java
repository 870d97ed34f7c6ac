package io.qbmc.differential.blockdev;

import io.qbmc.differential.Explanation;
import java.util.List;
import java.util.function.Predicate;

/**
 * Disagreements between qbmc and qemu-storage-daemon that are understood and wait for a fix.
 * Each entry names the QEMU 7.2 source that decides and the qbmc class believed wrong, and
 * matches on QEMU's message and qbmc's, so it cannot hide another disagreement on the same set.
 * The suite fails when an entry no longer explains any divergence: remove entries as qbmc gets
 * fixed.
 *
 * @param name        short identifier
 * @param applies     which divergences the entry explains; kept narrow on purpose
 * @param qemuSource  the QEMU 7.2 source line that decides
 * @param qbmcClass   the qbmc class believed wrong
 * @param reason      who is right and why
 */
record KnownBlockdevDivergence(String name, Predicate<BlockdevDivergence> applies, String qemuSource,
        String qbmcClass, String reason) implements Explanation<BlockdevDivergence> {

    private static Predicate<BlockdevDivergence> qemuSays(String fragment) {
        return d -> d.qemu().contains(fragment);
    }

    private static final Predicate<BlockdevDivergence> QBMC_VALID = d -> d.qbmc().equals("valid");

    /** Empty: every disagreement found so far is fixed. Add entries narrowly as new ones appear. */
    static final List<KnownBlockdevDivergence> ALL = List.of();
}
