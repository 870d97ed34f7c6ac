package io.qbmc.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One --image-opts string: driver first, schema order, children depth-first, commas doubled. */
class DottedEmitterTest {

    private static String emit(String input) {
        return DottedEmitter.emit(Graphs.node(input));
    }

    @Test
    void driverFirstThenSchemaOrderThenChildren() {
        assertEquals("driver=raw,node-name=n0,cache.direct=on,size=512,file.driver=file,file.filename=a.raw,file.aio=threads",
                emit("json:{\"file\":{\"aio\":\"threads\",\"filename\":\"a.raw\",\"driver\":\"file\"},\"size\":512,"
                        + "\"cache\":{\"direct\":true},\"node-name\":\"n0\",\"driver\":\"raw\"}"));
    }

    @Test
    void commasInValuesAreDoubled() {
        // QemuOpts reads "a,,b=c.raw" back as the file a,b=c.raw
        assertEquals("driver=file,filename=a,,b=c.raw", emit("json:{\"driver\":\"file\",\"filename\":\"a,b=c.raw\"}"));
        assertEquals("driver=file,filename=,,,,", emit("json:{\"driver\":\"file\",\"filename\":\",,\"}"));
    }

    @Test
    void booleansAreOnOff() {
        assertEquals("driver=null-co,read-zeroes=on", emit("json:{\"driver\":\"null-co\",\"read-zeroes\":true}"));
        assertEquals("driver=null-co,read-only=off", emit("driver=null-co,read-only=no"));
    }

    @Test
    void numbersAreUnsignedDecimal() {
        assertEquals("driver=file,filename=a.raw,aio-max-batch=18446744073709551615", emit("driver=file,filename=a.raw,aio-max-batch=-1"));
        assertEquals("driver=raw,size=1024,file.driver=file,file.filename=a", emit("driver=raw,size=0x400,file.driver=file,file.filename=a"));
    }

    @Test
    void listsAreIndexed() {
        assertEquals("driver=quorum,children.0.driver=file,children.0.filename=a,children.1=n1,vote-threshold=1",
                DottedEmitter.emit(Graphs.withOpenReferences("json:{\"driver\":\"quorum\",\"vote-threshold\":1,\"children\":[{\"driver\":\"file\",\"filename\":\"a\"},\"n1\"]}").nodes().get(0)));
    }

    @Test
    void referenceIsAPlainValue() {
        assertEquals("driver=raw,file=disk0", DottedEmitter.emit(Graphs.withOpenReferences("driver=raw,file=disk0").nodes().get(0)));
    }

    @Test
    void nullBackingIsTheEmptyValue() {
        // dotted syntax has no null; QEMU reads backing= as null (with a deprecation warning)
        assertEquals("driver=qcow2,file.driver=file,file.filename=t.qcow2,backing=",
                emit("json:{\"driver\":\"qcow2\",\"file\":{\"driver\":\"file\",\"filename\":\"t.qcow2\"},\"backing\":null}"));
    }

    @Test
    void probedNodeHasNoDriverItem() {
        assertEquals("file.driver=file,file.filename=a.raw", emit("file.driver=file,file.filename=a.raw"));
    }

    /** translate prints a dotted string on one line: a value with a line break is refused, not split. */
    @Test
    void aLineBreakInAValueIsRefused() {
        io.qbmc.compile.CompileResult r = new io.qbmc.compile.Compiler(io.qbmc.compile.Dialect.IMAGE_OPTS).compile(
                io.qbmc.source.Source.of("json:{\"driver\":\"raw\",\"file\":{\"driver\":\"file\",\"filename\":\"a\\nb\"}}"));
        io.qbmc.api.Qbmc.UnsupportedFormException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.qbmc.api.Qbmc.UnsupportedFormException.class, () -> io.qbmc.api.Qbmc.emit(r.graph(), io.qbmc.api.OutputForm.DOTTED));
        assertTrue(e.getMessage().contains("'file.filename' holds a line break"), e::getMessage);
    }
}
