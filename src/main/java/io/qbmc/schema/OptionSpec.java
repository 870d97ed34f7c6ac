package io.qbmc.schema;

/**
 * One option of a driver.
 *
 * @param defaultValue the default as QEMU documents it, for docs only; null when none
 * @param strong       whether QEMU keeps it in the canonical json: filename (strong_runtime_opts)
 */
public record OptionSpec(String name, OptionType type, boolean required, String defaultValue, boolean strong,
        String doc) {

    public static OptionSpec of(String name, OptionType type, String doc) {
        return new OptionSpec(name, type, false, null, false, doc);
    }

    public OptionSpec asRequired() {
        return new OptionSpec(name, type, true, defaultValue, strong, doc);
    }

    public OptionSpec asStrong() {
        return new OptionSpec(name, type, required, defaultValue, true, doc);
    }

    public OptionSpec withDefault(String value) {
        return new OptionSpec(name, type, required, value, strong, doc);
    }

    public boolean isChild() {
        return type instanceof OptionType.ChildRef;
    }
}
