package io.qbmc.options;

/**
 * A leaf as the input wrote it, before the schema gives it a type. Dotted input only has
 * strings; JSON input keeps its numbers, booleans, null and empty containers, which QEMU's
 * block layer treats differently from strings.
 */
public sealed interface Scalar {

    /** How the value reads in a message: strings quoted as QEMU prints them. */
    String display();

    record Str(String value) implements Scalar {
        @Override
        public String display() {
            return value;
        }
    }

    /** A JSON number, as written. */
    record Num(String literal) implements Scalar {
        @Override
        public String display() {
            return literal;
        }

        public boolean isIntegral() {
            return literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0;
        }
    }

    record Bool(boolean value) implements Scalar {
        @Override
        public String display() {
            return Boolean.toString(value);
        }
    }

    record Null() implements Scalar {
        @Override
        public String display() {
            return "null";
        }
    }

    /** {} in JSON: QEMU's qdict_flatten keeps empty containers as values. */
    record EmptyObject() implements Scalar {
        @Override
        public String display() {
            return "{}";
        }
    }

    /** [] in JSON. */
    record EmptyList() implements Scalar {
        @Override
        public String display() {
            return "[]";
        }
    }
}
