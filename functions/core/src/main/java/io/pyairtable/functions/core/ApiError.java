package io.pyairtable.functions.core;

import java.util.Map;

/**
 * A client-visible failure: HTTP status, SNAKE_CASE code and a human sentence, rendered by {@link ApiResponses} as
 * {@code {"error":{"code","message","requestId"}}}. Messages are written for users and never contain input values
 * (no password, token or key can leak through an error).
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> headers;

    public ApiError(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiError(int status, String code, String message, Map<String, String> headers) {
        super(message, null, false, false); // no stack trace: these are expected outcomes, not bugs
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Extra response headers (e.g. {@code Retry-After}). */
    public Map<String, String> headers() {
        return headers;
    }

    public static ApiError invalidJson(String message) {
        return new ApiError(400, "INVALID_JSON", message);
    }

    public static ApiError validation(String message) {
        return new ApiError(400, "VALIDATION_FAILED", message);
    }

    public static ApiError unauthorized(String code, String message) {
        return new ApiError(401, code, message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "NOT_FOUND", message);
    }

    public static ApiError conflict(String code, String message) {
        return new ApiError(409, code, message);
    }

    public static ApiError payloadTooLarge(long limitBytes) {
        return new ApiError(413, "PAYLOAD_TOO_LARGE", "The request body is larger than " + limitBytes + " bytes.");
    }

    public static ApiError tooManyRequests(String message, long retryAfterSeconds) {
        return new ApiError(429, "TOO_MANY_REQUESTS", message,
                Map.of("Retry-After", String.valueOf(Math.max(1, retryAfterSeconds))));
    }
}
