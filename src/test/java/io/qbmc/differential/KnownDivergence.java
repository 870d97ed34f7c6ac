package io.qbmc.differential;

import java.util.List;
import java.util.function.Predicate;

/**
 * Disagreements between qbmc and qemu-img that are understood and wait for a fix in qbmc outside
 * the driver tables. Each entry names the QEMU source that decides the case and the qbmc code
 * believed wrong. The suite fails when an entry no longer explains any divergence, so fixed
 * entries must be removed.
 *
 * @param name    short identifier
 * @param applies which specs the entry explains; kept narrow on purpose
 * @param reason  who is right and why
 */
record KnownDivergence(String name, Predicate<Divergence> applies, String reason) {

    static final List<KnownDivergence> ALL = List.of();
}
