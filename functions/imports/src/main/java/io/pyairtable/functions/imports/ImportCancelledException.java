package io.pyairtable.functions.imports;

/**
 * The user cancelled the job: the saga stops applying and compensates what was applied. Its class name is the Lambda error type that statemachines/import-saga.asl.json matches in Retry and Catch.
 */
public final class ImportCancelledException extends RuntimeException {
    private final String code;

    public ImportCancelledException(String code, String message) {
        super(message);
        this.code = code;
    }

    public ImportCancelledException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** SNAKE_CASE code kept in the job's error. */
    public String code() {
        return code;
    }
}
