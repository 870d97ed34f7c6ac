package io.qbmc.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qbmc.compile.Dialect;
import java.util.List;
import org.junit.jupiter.api.Test;

/** -blockdev nodes as libvirt writes them: compact JSON, children first, children by node-name. */
class BlockdevEmitterTest {

    @Test
    void childrenComeFirstAndGetGeneratedNames() {
        var g = Graphs.graph("driver=quorum,vote-threshold=1,children.0.driver=file,children.0.filename=a.raw,"
                + "children.1.driver=raw,children.1.file.driver=file,children.1.file.filename=b.raw");
        assertEquals(List.of(
                // children of a parent inherit discard=unmap (block.c bdrv_inherited_options); as
                // separate -blockdev nodes they must say so
                "{\"driver\":\"file\",\"node-name\":\"qbmc-n0\",\"discard\":\"unmap\",\"filename\":\"a.raw\"}",
                "{\"driver\":\"file\",\"node-name\":\"qbmc-n1\",\"discard\":\"unmap\",\"filename\":\"b.raw\"}",
                "{\"driver\":\"raw\",\"node-name\":\"qbmc-n2\",\"discard\":\"unmap\",\"file\":\"qbmc-n1\"}",
                "{\"driver\":\"quorum\",\"node-name\":\"qbmc-n3\",\"children\":[\"qbmc-n0\",\"qbmc-n2\"],\"vote-threshold\":1}"),
                BlockdevEmitter.nodes(g));
    }

    @Test
    void givenNamesAreKept() {
        var g = Graphs.graph("driver=raw,node-name=r,cache.direct=on,size=512,file.driver=file,file.filename=a,,b.raw");
        // the file child inherits cache.direct and discard=unmap from its parent
        assertEquals("[{\"driver\":\"file\",\"node-name\":\"qbmc-n0\",\"cache\":{\"direct\":true},"
                + "\"discard\":\"unmap\",\"filename\":\"a,b.raw\"},"
                + "{\"driver\":\"raw\",\"node-name\":\"r\",\"cache\":{\"direct\":true},\"size\":512,\"file\":\"qbmc-n0\"}]",
                BlockdevEmitter.emit(g));
    }

    @Test
    void generatedNamesAvoidTakenOnes() {
        var g = Graphs.graph("driver=raw,node-name=qbmc-n0,file.driver=file,file.filename=a.raw");
        assertEquals(List.of("{\"driver\":\"file\",\"node-name\":\"qbmc-n1\",\"discard\":\"unmap\",\"filename\":\"a.raw\"}",
                "{\"driver\":\"raw\",\"node-name\":\"qbmc-n0\",\"file\":\"qbmc-n1\"}"), BlockdevEmitter.nodes(g));
    }

    @Test
    void aSetKeepsItsOrderAndReferences() {
        var g = Graphs.graph("driver=file,node-name=f,filename=a.raw\ndriver=raw,node-name=r,file=f", Dialect.BLOCKDEV);
        assertEquals(List.of("{\"driver\":\"file\",\"node-name\":\"f\",\"filename\":\"a.raw\"}",
                "{\"driver\":\"raw\",\"node-name\":\"r\",\"file\":\"f\"}"), BlockdevEmitter.nodes(g));
    }

    @Test
    void nullBackingStaysNull() {
        var g = Graphs.graph("json:{\"driver\":\"qcow2\",\"file\":{\"driver\":\"file\",\"filename\":\"t.qcow2\"},\"backing\":null}");
        assertEquals("{\"driver\":\"qcow2\",\"node-name\":\"qbmc-n1\",\"file\":\"qbmc-n0\",\"backing\":null}",
                BlockdevEmitter.nodes(g).get(1));
    }

    @Test
    void nonAsciiIsEscaped() {
        var g = Graphs.graph("driver=file,filename=é.raw");
        assertEquals("{\"driver\":\"file\",\"node-name\":\"qbmc-n0\",\"filename\":\"\\u00E9.raw\"}", BlockdevEmitter.nodes(g).get(0));
    }
}
