package io.pyairtable.functions.core.telemetry;

/**
 * The CloudWatch metrics the functions emit (namespace {@code PyAirtable}, one dimension {@code service}); alarms
 * in template.yaml refer to these names, so they never change. docs/observability.md says what each one counts.
 */
public final class MetricNames {
    /** Every HTTP request a function answered (Count). */
    public static final String API_REQUESTS = "ApiRequests";
    /** HTTP answers with a 4xx status (Count). */
    public static final String API_4XX = "Api4xx";
    /** HTTP answers with a 5xx status (Count). */
    public static final String API_5XX = "Api5xx";
    /** {@code POST /auth/login} answered 200 (Count). */
    public static final String LOGIN_SUCCEEDED = "LoginSucceeded";
    /** {@code POST /auth/login} answered 4xx: wrong credentials, throttled or malformed (Count). */
    public static final String LOGIN_FAILED = "LoginFailed";
    /** Each response received from Airtable: send to complete response (Milliseconds). */
    public static final String AIRTABLE_REQUEST_LATENCY = "AirtableRequestLatency";
    /** 429 answers received from Airtable (Count). */
    public static final String AIRTABLE_RATE_LIMITED = "AirtableRateLimited";
    /** A 429 penalty written to the shared limiter for a base or token (Count). */
    public static final String AIRTABLE_PENALTY_STARTED = "AirtablePenaltyStarted";
    /** Operations (rows) the saga applied to Airtable (Count). */
    public static final String IMPORT_ROWS_APPLIED = "ImportRowsApplied";
    /** Saga jobs (imports and change sets) that reached SUCCEEDED (Count). */
    public static final String IMPORTS_SUCCEEDED = "ImportsSucceeded";
    /** Saga jobs that were compensated after a failure and ended ROLLED_BACK (Count). */
    public static final String IMPORTS_ROLLED_BACK = "ImportsRolledBack";
    /** Operations the compensation undid (Count). */
    public static final String COMPENSATED_RECORDS = "CompensatedRecords";
    /** Compensation failed; the job ended ROLLBACK_FAILED (Count; RollbackFailedAlarm). */
    public static final String ROLLBACK_FAILED = "RollbackFailed";

    private MetricNames() {
    }
}
