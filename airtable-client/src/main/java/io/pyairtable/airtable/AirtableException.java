package io.pyairtable.airtable;

/**
 * An error answered by Airtable (or the transport to it).
 *
 * <p>{@link #status()} is the HTTP status (0 when no response arrived), {@link #type()} Airtable's error type
 * such as {@code INVALID_FILTER_BY_FORMULA} or {@code NOT_FOUND}, and {@link #airtableMessage()} Airtable's own sentence.
 * Subclasses exist for the statuses callers usually branch on. Messages never contain the access token.
 */
public class AirtableException extends RuntimeException {
    private final int status;
    private final String type;
    private final String airtableMessage;

    public AirtableException(int status, String type, String airtableMessage, String request) {
        this(status, type, airtableMessage, request, null);
    }

    public AirtableException(int status, String type, String airtableMessage, String request, Throwable cause) {
        super(describe(status, type, airtableMessage, request), cause);
        this.status = status;
        this.type = type;
        this.airtableMessage = airtableMessage;
    }

    private static String describe(int status, String type, String message, String request) {
        String where = request == null ? "" : " (" + request + ")";
        return "Airtable " + (status == 0 ? "transport" : String.valueOf(status)) + " " + type + ": " + message + where;
    }

    /** HTTP status, or 0 when the request got no response (timeout, connection refused). */
    public int status() {
        return status;
    }

    /** Airtable's error type, e.g. {@code UNKNOWN_FIELD_NAME}; {@code HTTP_<status>} when the body named none. */
    public String type() {
        return type;
    }

    /** Airtable's message (or a short description when the body had none). */
    public String airtableMessage() {
        return airtableMessage;
    }

    /** 401: missing, malformed or revoked token. */
    public static final class Authentication extends AirtableException {
        public Authentication(String type, String message, String request) {
            super(401, type, message, request);
        }
    }

    /** 403: the token lacks a scope or access to the base, or the base does not exist (Airtable does not say which). */
    public static final class Permission extends AirtableException {
        public Permission(String type, String message, String request) {
            super(403, type, message, request);
        }
    }

    /** 404: record, table or route not found. */
    public static final class NotFound extends AirtableException {
        public NotFound(String type, String message, String request) {
            super(404, type, message, request);
        }
    }

    /** 400/413/422: Airtable rejected the request's content (unknown field, invalid value, invalid formula…). */
    public static final class InvalidRequest extends AirtableException {
        public InvalidRequest(int status, String type, String message, String request) {
            super(status, type, message, request);
        }
    }

    /** 429 that the client could not wait out within its deadline. */
    public static final class RateLimited extends AirtableException {
        public RateLimited(String type, String message, String request) {
            super(429, type, message, request);
        }
    }

    /** 5xx after the retries the policy allowed. */
    public static final class ServerError extends AirtableException {
        public ServerError(int status, String type, String message, String request) {
            super(status, type, message, request);
        }
    }

    /** No response: connection failure or timeout, after the retries the policy allowed. */
    public static final class Transport extends AirtableException {
        public Transport(String message, String request, Throwable cause) {
            super(0, "TRANSPORT_ERROR", message, request, cause);
        }
    }
}
