package io.qbmc.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qbmc.compile.Dialect;
import io.qbmc.api.OutputForm;
import io.qbmc.api.Qbmc;
import org.junit.jupiter.api.Test;

/**
 * json: output. For inputs with only strong options, QEMU's canonical name is the whole node, so
 * the expected strings are exactly what qemu-img 7.2 printed as "image: ..." for the same input.
 */
class JsonEmitterTest {

    private static String emit(String input) {
        return JsonEmitter.emit(Graphs.node(input));
    }

    @Test
    void rawWindow() {
        String in = "json:{\"driver\":\"raw\",\"offset\":512,\"size\":1024,\"file\":{\"driver\":\"file\",\"filename\":\"a.raw\"}}";
        assertEquals("json:{\"offset\": 512, \"driver\": \"raw\", \"size\": 1024, \"file\": {\"driver\": \"file\", "
                + "\"filename\": \"a.raw\"}}", emit(in));
    }

    @Test
    void quorumWithNestedChildren() {
        String in = "json:{\"driver\":\"quorum\",\"vote-threshold\":2,\"blkverify\":false,\"read-pattern\":\"fifo\","
                + "\"rewrite-corrupted\":false,\"children\":[{\"driver\":\"file\",\"filename\":\"a.raw\"},"
                + "{\"driver\":\"raw\",\"file\":{\"driver\":\"file\",\"filename\":\"b.raw\"}}]}";
        assertEquals("json:{\"read-pattern\": \"fifo\", \"children\": [{\"driver\": \"file\", \"filename\": \"a.raw\"}, "
                + "{\"driver\": \"raw\", \"file\": {\"driver\": \"file\", \"filename\": \"b.raw\"}}], \"driver\": \"quorum\", "
                + "\"blkverify\": false, \"rewrite-corrupted\": false, \"vote-threshold\": 2}", emit(in));
    }

    @Test
    void nullCo() {
        assertEquals("json:{\"read-zeroes\": true, \"driver\": \"null-co\", \"size\": 1048576}",
                emit("json:{\"driver\":\"null-co\",\"size\":1048576,\"read-zeroes\":true}"));
    }

    @Test
    void rawOverRaw() {
        assertEquals("json:{\"driver\": \"raw\", \"file\": {\"driver\": \"raw\", \"size\": 512, \"file\": {\"driver\": \"file\", "
                + "\"filename\": \"a.raw\"}}}",
                emit("json:{\"driver\":\"raw\",\"file\":{\"driver\":\"raw\",\"size\":512,\"file\":{\"driver\":\"file\",\"filename\":\"a.raw\"}}}"));
    }

    @Test
    void rawOverNullCo() {
        assertEquals("json:{\"driver\": \"raw\", \"size\": 512, \"file\": {\"driver\": \"null-co\", \"size\": 1048576}}",
                emit("json:{\"driver\":\"raw\",\"size\":512,\"file\":{\"driver\":\"null-co\",\"size\":1048576}}"));
    }

    @Test
    void nonAsciiFilename() {
        assertEquals("json:{\"driver\": \"raw\", \"size\": 512, \"file\": {\"driver\": \"file\", "
                + "\"filename\": \"\\u00E9\\uD83D\\uDE00\\\"q\\\\.raw\"}}",
                emit("json:{\"driver\":\"raw\",\"size\":512,\"file\":{\"driver\":\"file\",\"filename\":\"é\uD83D\uDE00\\\"q\\\\.raw\"}}"));
    }

    @Test
    void dottedInputGivesTypedValues() {
        // qemu-img would keep the strings of --image-opts ("size": "1k"); qbmc prints the typed value
        assertEquals("json:{\"driver\": \"raw\", \"size\": 1024, \"file\": {\"driver\": \"file\", \"filename\": \"a.raw\"}}",
                emit("driver=raw,size=1k,file.driver=file,file.filename=a.raw"));
    }

    @Test
    void nonStrongOptionsAreKeptInBucketOrder() {
        // node-name 212, read-only 342, cache 435 (direct 59, no-flush 9); qemu-img would drop them
        assertEquals("json:{\"node-name\": \"n0\", \"driver\": \"raw\", \"read-only\": true, \"cache\": {\"no-flush\": false, "
                + "\"direct\": true}, \"file\": {\"driver\": \"file\", \"filename\": \"a.raw\"}}",
                emit("driver=raw,node-name=n0,read-only=on,cache.direct=on,cache.no-flush=off,file.driver=file,file.filename=a.raw"));
    }

    @Test
    void referencesAndNull() {
        assertEquals("json:{\"backing\": null, \"driver\": \"qcow2\", \"file\": \"f0\"}",
                JsonEmitter.emit(Graphs.withOpenReferences("json:{\"driver\":\"qcow2\",\"file\":\"f0\",\"backing\":null}").nodes().get(0)));
    }

    @Test
    void valuesBeyondInt64AreStrings() {
        // -1 wraps to 2^64-1, which QEMU's JSON parser would read as a float: keep it exact as a string
        assertEquals("json:{\"aio-max-batch\": \"18446744073709551615\", \"driver\": \"file\", \"filename\": \"a.raw\"}",
                emit("driver=file,filename=a.raw,aio-max-batch=-1"));
    }

    @Test
    void probedFormatHasNoDriver() {
        assertEquals("json:{\"file\": {\"driver\": \"file\", \"filename\": \"a.raw\"}}",
                emit("file.driver=file,file.filename=a.raw"));
    }

    @Test
    void objectWithoutThePrefix() {
        assertEquals("{\"driver\": \"file\", \"filename\": \"a.raw\"}", JsonEmitter.object(Graphs.node("driver=file,filename=a.raw")));
    }

    @Test
    void blockdevSetIsInlinedFromItsRoot() {
        var g = Graphs.graph("driver=file,node-name=f,filename=a.raw\ndriver=raw,node-name=r,file=f", Dialect.BLOCKDEV);
        // f was a node of its own (discard=ignore by default); in place it would unmap, so it says so
        assertEquals("json:{\"node-name\": \"r\", \"driver\": \"raw\", \"file\": {\"node-name\": \"f\", \"driver\": \"file\", "
                + "\"filename\": \"a.raw\", \"discard\": \"ignore\"}}", Qbmc.emit(g, OutputForm.JSON));
    }
}
