package io.pyairtable.functions.imports;

/**
 * Airtable answered 5xx or not at all, or an AWS call failed: the saga retries the step with backoff; the ledger makes the retry safe. Its class name is the Lambda error type that statemachines/import-saga.asl.json matches in Retry and Catch.
 */
public final class TransientFailureException extends RuntimeException {
    private final String code;

    public TransientFailureException(String code, String message) {
        super(message);
        this.code = code;
    }

    public TransientFailureException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** SNAKE_CASE code kept in the job's error. */
    public String code() {
        return code;
    }
}
