/**
 * Backup chains (docs/backup-format.md): {@link io.qbmc.backup.Backup} writes a full or incremental
 * link from a device's snapshot, and {@link io.qbmc.backup.Restore} rebuilds an image from a chain,
 * checking every extent's SHA-256. A link is written aside and renamed into the chain once it is
 * durable. The bitmap drops its bits only after that.
 */
package io.qbmc.backup;
