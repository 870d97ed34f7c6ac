package io.qbmc.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * QDict printing order (qobject/qdict.c): bucket tdb_hash(key) % 512, buckets in order, the most
 * recently inserted key first within a bucket. The buckets below were computed by compiling
 * qdict.c's tdb_hash with gcc; the common ones match the notes' table, which was checked against
 * 72 canonical names printed by qemu-img.
 */
class QemuKeyOrderTest {

    @ParameterizedTest(name = "bucket({0}) = {1}")
    @CsvSource(delimiter = '|', value = {
        "driver|239", "filename|313", "file|463", "offset|180", "size|318", "children|206",
        "vote-threshold|393", "blkverify|264", "read-pattern|115", "rewrite-corrupted|316", "read-zeroes|86",
        "node-name|212", "backing|198", "image|181", "align|509", "latency-ns|433", "config|306",
        "inject-error.0.iotype|313", "cache|435", "direct|59", "no-flush|9", "read-only|342", "aio|403",
        "detect-zeroes|146", "discard|436", "mode|252", "bitmaps|114", "granularity|241", "name|39", "enabled|33",
        "a.b.c|189", "''|57",
    })
    void buckets(String key, int bucket) {
        assertEquals(bucket, QemuKeyOrder.bucket(key));
    }

    @Test
    void bucketsHashUtf8Bytes() {
        // gcc-compiled tdb_hash on the UTF-8 bytes: "é" is 100, "😀key" is 346
        assertEquals(100, QemuKeyOrder.bucket("é"));
        assertEquals(346, QemuKeyOrder.bucket("\uD83D\uDE00key"));
    }

    @Test
    void orderIsByBucket() {
        // qemu-img prints {"offset": ..., "driver": "raw", "size": ..., "file": ...}
        assertEquals(List.of("offset", "driver", "size", "file"), QemuKeyOrder.order(List.of("driver", "file", "offset", "size")));
        // and {"read-pattern", "children", "driver", "blkverify", "rewrite-corrupted", "vote-threshold"}
        assertEquals(List.of("read-pattern", "children", "driver", "blkverify", "rewrite-corrupted", "vote-threshold"),
                QemuKeyOrder.order(List.of("driver", "children", "vote-threshold", "blkverify", "rewrite-corrupted",
                        "read-pattern")));
    }

    @Test
    void withinABucketTheLastInsertedComesFirst() {
        // qdict_put_obj uses QLIST_INSERT_HEAD: "filename" and "inject-error.0.iotype" share bucket 313
        assertEquals(List.of("inject-error.0.iotype", "filename"),
                QemuKeyOrder.order(List.of("filename", "inject-error.0.iotype")));
        assertEquals(List.of("filename", "inject-error.0.iotype"),
                QemuKeyOrder.order(List.of("inject-error.0.iotype", "filename")));
    }

    @Test
    void emptyList() {
        assertEquals(List.of(), QemuKeyOrder.order(List.of()));
    }
}
