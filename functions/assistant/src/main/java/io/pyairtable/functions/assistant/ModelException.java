package io.pyairtable.functions.assistant;

/**
 * The model could not be used: HTTP error, timeout or an answer we cannot read. Answered as
 * {@code 502 ASSISTANT_MODEL_ERROR}; the message names the status or problem, never a key or the prompt.
 */
public final class ModelException extends RuntimeException {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
