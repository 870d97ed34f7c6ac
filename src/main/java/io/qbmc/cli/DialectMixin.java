package io.qbmc.cli;

import io.qbmc.compile.Dialect;
import picocli.CommandLine.Option;

/** --as, shared by every command that reads a spec. */
final class DialectMixin {
    @Option(names = "--as", paramLabel = "DIALECT", defaultValue = "image-opts", converter = DialectOption.class,
            description = "Parser for dotted input: image-opts (default), drive or blockdev.")
    Dialect as;
}
