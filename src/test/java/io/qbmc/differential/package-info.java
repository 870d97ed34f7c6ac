/**
 * The differential suite: qbmc against qemu-img 7.2 on a generated corpus.
 *
 * <p><b>Run it</b> with {@code mvn -B -q test -Dtest='io/qbmc/differential/*'}. It needs
 * qemu-img (Debian: qemu-utils; the network drivers also need qemu-block-extra). Without
 * qemu-img the test is skipped with a message, or fails when {@code QBMC_REQUIRE_QEMU=1}.
 * {@code QBMC_QEMU_IMG} names another qemu-img binary.
 *
 * <p><b>What it checks.</b> {@link io.qbmc.differential.CorpusGenerator} builds the corpus from a
 * fixed seed: hand-written edge cases, then generated configurations over every driver qemu-img
 * knows, valid and broken, half dotted and half json:. {@link io.qbmc.differential.QemuImg} runs
 * {@code qemu-img info --output=json} on each, in a scratch folder that holds every file the
 * corpus names ({@link io.qbmc.differential.Workspace}), two to four at a time.
 * {@link io.qbmc.differential.Comparison} then requires the same verdict from qbmc, and where
 * qemu-img printed a canonical name, the same graph: a plain name must be the one
 * {@link io.qbmc.differential.Canonical#plainName()} derives from qbmc's graph; a json: name is
 * read back with qbmc and must equal qbmc's graph projected to what bdrv_refresh_filename keeps
 * (driver, filename, strong options, children; values compared as qbmc types them).
 *
 * <p><b>Network drivers</b> (nbd, rbd, iscsi, ssh, http/https/ftp/ftps, nvme) are decided by
 * experiment: qemu-img runs in {@code unshare -n} (or {@code unshare -rn}), where they fail fast
 * with "Failed to connect", "address resolution failed", "error connecting", "CURL: Error
 * opening file" or a VFIO error. Those failures come after option parsing, so they count as
 * "configuration accepted" ({@link io.qbmc.differential.QemuImg#UNREACHABLE}). Unknown options
 * of nbd, iscsi, curl and nvme are only reported after a successful connection, so the corpus
 * breaks those drivers only in ways QEMU reports first (missing or mistyped options, the QAPI
 * visitors of nbd's server, ssh and rbd). Without unshare, network specs are skipped.
 *
 * <p><b>Disagreements</b> fail the test unless {@link io.qbmc.differential.KnownDivergence}
 * explains them; each entry says which QEMU source line decides and which qbmc code is wrong,
 * and an entry that explains nothing fails the test too.
 */
package io.qbmc.differential;
