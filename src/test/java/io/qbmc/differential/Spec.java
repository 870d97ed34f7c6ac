package io.qbmc.differential;

/**
 * One input of the differential corpus, exactly as it is handed to qemu-img and to qbmc.
 *
 * @param id       stable name: category, driver and a sequence number
 * @param category what the spec exercises (valid, unknown-option, bad-size, json-syntax, ...)
 * @param driver   the top driver the spec is about, for per-driver counts
 * @param text     the spec: a dotted --image-opts string, or a json: filename
 * @param network  whether qemu-img would try to reach a server or device to open it; such specs
 *                 run without network, and a failure to connect means the configuration passed
 */
record Spec(String id, String category, String driver, String text, boolean network) {

    boolean json() {
        return text.startsWith("json:");
    }
}
