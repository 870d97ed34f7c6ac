package io.qbmc.compile;

import io.qbmc.testing.Marked;

/** Shorthands for compiling marked inputs. */
final class Compile {
    private Compile() {
    }

    static CompileResult drive(Marked m) {
        return new Compiler(Dialect.DRIVE).compile(m.source());
    }

    static CompileResult imageOpts(Marked m) {
        return new Compiler(Dialect.IMAGE_OPTS).compile(m.source());
    }

    static CompileResult blockdev(Marked m) {
        return new Compiler(Dialect.BLOCKDEV).compile(m.source());
    }
}
