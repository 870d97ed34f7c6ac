package io.qbmc.compile;

import io.qbmc.graph.QemuObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the front ends read from one input, before binding. */
final class FrontEndResult {
    final List<Unit> units = new ArrayList<>();
    final List<QemuObject> objects = new ArrayList<>();
    /** -drive front-end options by unit index. */
    final Map<Integer, Map<String, String>> frontend = new LinkedHashMap<>();
    /** The QBM descriptors the input read (a descriptor file, or descriptor= options). */
    final List<io.qbmc.qbm.DescriptorReader.Located> descriptors = new ArrayList<>();
    /** The front-end options of each -drive without a medium (no file and no block options). */
    final List<Map<String, String>> emptyDrives = new ArrayList<>();
    /** The ids of the input's -drive options, which QemuOpts keeps unique. */
    final java.util.Set<String> driveIds = new java.util.HashSet<>();
    /** "if:bus:unit" of every -drive so far (drive_new refuses a second drive at one address). */
    final java.util.Set<String> driveAddresses = new java.util.HashSet<>();
    /** Whether -object definitions were part of the input, so references to them can be checked. */
    boolean objectsKnown;
    /**
     * Where each -object is defined, when the program creates objects and nodes in command-line
     * order (qemu-storage-daemon); null when every object exists before the first node.
     */
    Map<String, io.qbmc.source.Span> objectsInOrder;
}
