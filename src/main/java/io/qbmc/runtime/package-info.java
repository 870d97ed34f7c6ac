/**
 * The runtime: a compiled qbm stack opened as a block device ({@link io.qbmc.runtime.BlockDevice}).
 *
 * <p>Writes go through the qbm filter ({@code QbmFilter}), which marks them in every enabled
 * bitmap first: in synchronous mode durably before the data write is issued, in deferred mode in
 * memory until flush or close, behind the descriptor's in-use flag. Bitmaps live in memory in their
 * file layout ({@link io.qbmc.runtime.DirtyBitmap}), so persisting is a copy of byte ranges. Locks
 * keep one writer per stack ({@code OpenFiles}). The descriptor is read and replaced through the
 * locked file ({@code DescriptorStore}). {@link io.qbmc.runtime.BitmapEditor} is qbmc bitmap's
 * actions, and {@link io.qbmc.runtime.Snapshot} is what a backup copies. docs/qbm-spec.md §3.1 gives
 * the reasons.
 */
package io.qbmc.runtime;
