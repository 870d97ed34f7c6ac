package io.qbmc.cli;

import io.qbmc.compile.Dialect;
import picocli.CommandLine;

/** --as image-opts|drive|blockdev */
final class DialectOption implements CommandLine.ITypeConverter<Dialect> {
    @Override
    public Dialect convert(String value) {
        Dialect d = Dialect.of(value);
        if (d == null) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a dialect; use image-opts, drive or blockdev");
        }
        return d;
    }
}
