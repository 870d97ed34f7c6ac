package io.qbmc.differential.drive;

import io.qbmc.differential.Explanation;
import java.util.List;
import java.util.function.Predicate;

/**
 * Disagreements between qbmc and qemu-system-x86_64 on -drive that are understood. Each entry
 * says who is right and names the QEMU 7.2 source that decides; it matches on the string and on
 * both sides' words, so it cannot hide another disagreement. The suite fails when an entry no
 * longer explains any divergence: remove entries as qbmc gets fixed.
 *
 * @param name    short identifier
 * @param applies which divergences the entry explains; kept narrow on purpose
 * @param reason  who is right and why
 */
record DriveKnownDivergence(String name, Predicate<DriveComparison.Divergence> applies, String reason)
        implements Explanation<DriveComparison.Divergence> {

    /** Every entry, narrow on purpose. */
    static final List<DriveKnownDivergence> ALL = List.of(
            new DriveKnownDivergence("probed-format-name",
                    d -> d.kind() == DriveComparison.Kind.MESSAGE && d.qemu().startsWith("Block format '")
                            && d.qbmc().contains(d.qemu().replaceFirst("^Block format '[^']*' ", "The probed format ")),
                    "QEMU names the format it probed in an unknown-option error (block.c bdrv_open_inherit, after"
                            + " find_image_format read the file); qbmc does not read files at compile time and says"
                            + " \"The probed format\". Same option, same verdict."));
}
