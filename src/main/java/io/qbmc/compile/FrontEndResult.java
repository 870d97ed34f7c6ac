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
    /** Whether -object definitions were part of the input, so references to them can be checked. */
    boolean objectsKnown;
    /**
     * Where each -object is defined, when the program creates objects and nodes in command-line
     * order (qemu-storage-daemon); null when every object exists before the first node.
     */
    Map<String, io.qbmc.source.Span> objectsInOrder;
}
