package io.qbmc.schema;

/**
 * One option of a driver.
 *
 * @param defaultValue the default as QEMU documents it, for docs only; null when none
 * @param strong       whether QEMU keeps it in the canonical json: filename (strong_runtime_opts)
 * @param inputOnly    whether the option is rewritten into others before binding (blkdebug's x-image
 *                     becomes the image child, qbm's descriptor its image and bitmaps), so a compiled
 *                     graph never holds it
 * @param blockdevOnly with required: required only in -blockdev, whose QAPI schema demands what the
 *                     QemuOpts forms (--image-opts, -drive, json:) default
 */
public record OptionSpec(String name, OptionType type, boolean required, String defaultValue, boolean strong,
        String doc, boolean inputOnly, boolean blockdevOnly) {

    public static OptionSpec of(String name, OptionType type, String doc) {
        return new OptionSpec(name, type, false, null, false, doc, false, false);
    }

    public OptionSpec asRequired() {
        return new OptionSpec(name, type, true, defaultValue, strong, doc, inputOnly, false);
    }

    public OptionSpec asStrong() {
        return new OptionSpec(name, type, required, defaultValue, true, doc, inputOnly, blockdevOnly);
    }

    public OptionSpec withDefault(String value) {
        return new OptionSpec(name, type, required, value, strong, doc, inputOnly, blockdevOnly);
    }

    public OptionSpec asInputOnly() {
        return new OptionSpec(name, type, required, defaultValue, strong, doc, true, blockdevOnly);
    }

    public OptionSpec asRequiredInBlockdev() {
        return new OptionSpec(name, type, true, defaultValue, strong, doc, inputOnly, true);
    }

    public boolean isChild() {
        return type instanceof OptionType.ChildRef;
    }
}
