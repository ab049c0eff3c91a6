package io.pyairtable.functions.imports;

/**
 * Airtable or our checks refused the change (validation, a missing record, permissions): retrying cannot help, the saga compensates at once. Its class name is the Lambda error type that statemachines/import-saga.asl.json matches in Retry and Catch.
 */
public final class ChangeRejectedException extends RuntimeException {
    private final String code;

    public ChangeRejectedException(String code, String message) {
        super(message);
        this.code = code;
    }

    public ChangeRejectedException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** SNAKE_CASE code kept in the job's error. */
    public String code() {
        return code;
    }
}
