package io.pyairtable.functions.assistant;

/** A tool call that cannot be carried out; its message goes back to the model (never to logs with data). */
public final class ToolException extends RuntimeException {
    public ToolException(String message) {
        super(message, null, false, false);
    }
}
