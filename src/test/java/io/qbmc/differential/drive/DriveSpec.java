package io.qbmc.differential.drive;

/**
 * One -drive string of the corpus, exactly as it is handed to qemu-system-x86_64 and to qbmc.
 *
 * @param id       stable name: category and a sequence number
 * @param category what the string exercises (protocol, cache, throttling, front-end, ...)
 * @param text     the -drive argument
 * @param network  whether QEMU would try to reach a server to open it; such strings run without
 *                 network, and a failure to connect means the configuration passed
 */
record DriveSpec(String id, String category, String text, boolean network) {

    /** Whether QEMU opens a file with O_DIRECT for it, which some file systems (tmpfs) refuse. */
    boolean needsODirect() {
        return text.contains("cache=none") || text.contains("cache=off") || text.contains("cache=directsync")
                || text.contains("cache.direct=on");
    }

    /** Whether it asks for io_uring, which some kernels (or seccomp profiles) refuse. */
    boolean needsIoUring() {
        return text.contains("aio=io_uring");
    }
}
