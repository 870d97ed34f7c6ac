package io.qbmc.differential;

/**
 * One spec on which qbmc and qemu-img disagree.
 *
 * @param kind  VERDICT (one accepts, the other refuses) or GRAPH (both accept, but qbmc's graph
 *              is not what QEMU's canonical name says)
 * @param qemu  what qemu-img said
 * @param qbmc  what qbmc said
 */
record Divergence(Spec spec, Kind kind, String qemu, String qbmc) {

    enum Kind {
        VERDICT, GRAPH
    }

    String describe() {
        return spec.id() + " [" + kind + "]\n    spec: " + spec.text() + "\n    qemu: " + qemu + "\n    qbmc: " + qbmc;
    }
}
