/**
 * The -blockdev differential suite: qbmc against qemu-storage-daemon 7.2 on -blockdev sets.
 *
 * <p><b>Run it</b> with {@code mvn -B -q test -Dtest='io.qbmc.differential.blockdev.**'}. It needs
 * qemu-storage-daemon (Debian: qemu-system-common) and qemu-img (qemu-utils, to create the
 * images). Without them the test is skipped with a message, or fails when
 * {@code QBMC_REQUIRE_QEMU=1}. {@code QBMC_QEMU_STORAGE_DAEMON} and {@code QBMC_QEMU_IMG} name
 * other binaries. It takes about 10 s.
 *
 * <p><b>What it checks.</b> {@link io.qbmc.differential.blockdev.BlockdevCorpus} builds the corpus
 * from a fixed seed: hand-written sets, keyval number edge cases, then generated sets of several
 * nodes as libvirt writes them (file under raw/qcow2/luks, maybe a throttle filter with its
 * -object throttle-group, maybe a quorum over them, luks with its -object secret; JSON and
 * keyval nodes), each valid or broken in one way: duplicate node-names, unknown, forward and
 * cyclic references, a missing node-name, QAPI typing errors in JSON, keyval scalars, unknown
 * options, inline children, references combined with options, objects missing, misplaced,
 * duplicated or of the wrong type, bad enums and node-names, read-only files, broken JSON.
 * {@link io.qbmc.differential.blockdev.StorageDaemon} runs {@code qemu-storage-daemon --object ...
 * --blockdev ... --chardev stdio,id=m --monitor m} with qmp_capabilities and quit on stdin, two at
 * a time, each worker in its own folder of images
 * ({@link io.qbmc.differential.blockdev.BlockdevWorkspace}). qbmc reads every set as the pasted
 * command line and, when it defines no object, as the nodes one per line
 * ({@code new Compiler(Dialect.BLOCKDEV)}); every reading must give the daemon's verdict. The
 * summary also counts how often QEMU's own message is among qbmc's errors.
 *
 * <p><b>Disagreements</b> fail the test unless
 * {@link io.qbmc.differential.blockdev.KnownBlockdevDivergence} explains them, with the QEMU
 * source that decides and the qbmc class believed wrong; an entry that explains nothing fails the
 * test too.
 */
package io.qbmc.differential.blockdev;
