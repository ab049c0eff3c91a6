package io.pyairtable.functions.imports.parse;

/** A value that cannot be converted: a row error's code and message. Cheap: no stack trace. */
final class ValueException extends Exception {
    private final String code;

    ValueException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
