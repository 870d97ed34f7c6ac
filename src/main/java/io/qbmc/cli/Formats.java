package io.qbmc.cli;

/** --format human|json of the runtime commands. */
final class Formats {
    private Formats() {
    }

    static boolean json(String format, RuntimeCommand command) {
        if (format.equals("json")) {
            return true;
        }
        if (format.equals("human")) {
            return false;
        }
        throw command.usage("Invalid value for option '--format': '" + format + "' is not a format; use human or json");
    }
}
