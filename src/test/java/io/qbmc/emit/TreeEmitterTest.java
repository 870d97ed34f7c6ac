package io.qbmc.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qbmc.compile.Dialect;
import org.junit.jupiter.api.Test;

class TreeEmitterTest {

    @Test
    void nestedNodesAndGroups() {
        var g = Graphs.graph("driver=raw,node-name=r,cache.direct=on,file.driver=file,file.filename=a.raw");
        assertEquals("raw [r]\n"
                + "├── cache:\n"
                + "│   └── direct: on\n"
                + "└── file: file\n"
                + "    └── filename: \"a.raw\"\n", TreeEmitter.emit(g));
    }

    @Test
    void listsAndReferences() {
        var g = Graphs.withOpenReferences("json:{\"driver\":\"quorum\",\"vote-threshold\":1,\"children\":[{\"driver\":\"file\",\"filename\":\"a\"},\"n1\"]}");
        assertEquals("quorum\n"
                + "├── children:\n"
                + "│   ├── 0: file\n"
                + "│   │   └── filename: \"a\"\n"
                + "│   └── 1: -> n1\n"
                + "└── vote-threshold: 1\n", TreeEmitter.emit(g));
    }

    @Test
    void probedFormatAndNull() {
        var g = Graphs.graph("json:{\"driver\":\"qcow2\",\"file\":{\"filename\":\"t\",\"driver\":\"file\"},\"backing\":null}");
        assertEquals("qcow2\n├── file: file\n│   └── filename: \"t\"\n└── backing: null\n", TreeEmitter.emit(g));
        assertEquals("(format probed)\n└── file: file\n    └── filename: \"a\"\n",
                TreeEmitter.emit(Graphs.graph("file.driver=file,file.filename=a")));
    }

    @Test
    void driveFrontEndAndObjects() {
        var g = Graphs.graph("qemu-system-x86_64 -object secret,id=s0,data=x "
                + "-drive file=a.raw,format=raw,if=none,id=d0", Dialect.IMAGE_OPTS);
        assertEquals("raw\n"
                + "└── file: file\n"
                + "    └── filename: \"a.raw\"\n"
                + "objects\n"
                + "└── secret id=s0\n"
                + "drive of node 0 (raw), not part of the block graph\n"
                + "├── if: none\n"
                + "└── id: d0\n", TreeEmitter.emit(g));
    }
}
