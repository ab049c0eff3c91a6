package io.pyairtable.functions.imports.parse;

/** Small helpers for messages. */
final class Texts {
    private Texts() {}

    /** The text, cut to 60 characters, for a message. */
    static String excerpt(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
        return oneLine.length() > 60 ? oneLine.substring(0, 57) + "…" : oneLine;
    }

    /** The text quoted and cut for a message: {@code "value"}. */
    static String quote(String text) {
        return "\"" + excerpt(text) + "\"";
    }
}
