package io.pyairtable.functions.imports;

/**
 * Airtable's rate limit for the base is exhausted (a 429 the shared budget could not wait out): the saga retries the step after at least 30 s. Its class name is the Lambda error type that statemachines/import-saga.asl.json matches in Retry and Catch.
 */
public final class AirtableBusyException extends RuntimeException {
    private final String code;

    public AirtableBusyException(String code, String message) {
        super(message);
        this.code = code;
    }

    public AirtableBusyException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** SNAKE_CASE code kept in the job's error. */
    public String code() {
        return code;
    }
}
