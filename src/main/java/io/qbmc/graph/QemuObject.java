package io.qbmc.graph;

import java.util.Map;

/** An -object definition the block graph refers to, such as a secret or a throttle group. */
public record QemuObject(String qomType, String id, Map<String, Value> properties) {
    public QemuObject {
        properties = Options.freeze(properties);
    }
}
