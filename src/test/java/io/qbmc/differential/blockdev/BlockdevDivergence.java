package io.qbmc.differential.blockdev;

/**
 * One set on which qbmc and qemu-storage-daemon disagree.
 *
 * @param form how qbmc read the set: "command line" (the pasted qemu-storage-daemon command) or
 *             "lines" (the -blockdev nodes one per line)
 * @param qemu what qemu-storage-daemon said
 * @param qbmc what qbmc said
 */
record BlockdevDivergence(BlockdevSet set, String form, String qemu, String qbmc) {

    String describe() {
        return set.id() + " [" + form + "]\n    set:  " + set.commandLine() + "\n    qemu: " + qemu + "\n    qbmc: "
                + qbmc;
    }
}
