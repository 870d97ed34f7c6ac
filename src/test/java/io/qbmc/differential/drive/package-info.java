/**
 * The -drive differential suite: qbmc's {@code Dialect.DRIVE} against qemu-system-x86_64 7.2.
 *
 * <p><b>Run it</b> with {@code mvn -B -q test -Dtest='io/qbmc/differential/drive/*'}. It needs
 * qemu-system-x86_64 (Debian: qemu-system-x86; the network protocols also need qemu-block-extra)
 * and qemu-img (qemu-utils), which makes the workspace's qcow2 images. Without them the test is
 * skipped with a message, or fails when {@code QBMC_REQUIRE_QEMU=1}. {@code QBMC_QEMU_SYSTEM} and
 * {@code QBMC_QEMU_IMG} name other binaries.
 *
 * <p><b>What it checks.</b> {@link io.qbmc.differential.drive.DriveCorpus} builds the corpus from
 * a fixed seed: hand-written strings for every part of -drive (paths with ",,", blanks and
 * non-ASCII names; protocol prefixes that open, that QEMU refuses and that reach for the network;
 * format=/driver=; cache= and aio= modes; readonly= against read-only=; throttling under both
 * names; front-end keys; an empty or missing file=; file=json: with explicit options winning;
 * unknown options), then seeded combinations of them.
 * {@link io.qbmc.differential.drive.QemuSystem} runs
 * {@code qemu-system-x86_64 -M none -nodefaults -display none -S -qmp stdio -drive STRING}, with
 * QMP asking query-block and quitting, two processes at a time, each in its own copy of the
 * workspace ({@link io.qbmc.differential.drive.DriveWorkspace}) so that image locks never
 * decide a verdict. {@link io.qbmc.differential.drive.DriveComparison} then requires from
 * qbmc the same verdict; where both refuse, QEMU's error (the first it met) among qbmc's; where
 * QEMU created the drive, query-block's top driver, the chain of drivers and filenames its
 * canonical filename names, read-only and the cache flags must be qbmc's graph.
 *
 * <p><b>Machine-dependent strings</b> are decided by experiment before the run: network drivers
 * run inside {@code unshare -n}, where they fail fast with "Failed to connect", "address
 * resolution failed", "error connecting", "iSCSI: Failed to connect to LUN" or "CURL: Error
 * opening file"; those failures come after option parsing, so they count as "configuration
 * accepted". Without unshare, network strings are skipped; so are strings asking for O_DIRECT
 * (cache=none, directsync) or io_uring when this machine cannot give them.
 *
 * <p><b>Disagreements</b> fail the test unless
 * {@link io.qbmc.differential.drive.DriveKnownDivergence} explains them, narrowly; an entry that
 * explains nothing fails the test too.
 */
package io.qbmc.differential.drive;
