package io.qbmc.graph;

import java.util.Map;

/** Any driver qbmc checks but does not interpret: its options as its schema typed them. */
public record GenericNode(String driver, Map<String, Value> options) implements BlockNode {
    public GenericNode {
        options = Options.freeze(options);
    }

    @Override
    public String nodeName() {
        return Options.str(options, "node-name");
    }
}
