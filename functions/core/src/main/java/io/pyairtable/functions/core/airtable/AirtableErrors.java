package io.pyairtable.functions.core.airtable;

import io.pyairtable.airtable.AirtableException;
import io.pyairtable.functions.core.ApiError;
import java.util.Map;

/**
 * Airtable's answers in our error shape: 403/404 and 400/413/422 pass through with Airtable's error type in the
 * message; a 401 means the stored connection no longer works (409, so it is not mistaken for our own 401); a 429
 * that the shared budget could not wait out is 503 with {@code Retry-After}; 5xx and transport failures are 502.
 * Never a 500, and never the token (the client's messages carry a fingerprint at most; we quote only type and
 * Airtable's message).
 */
public final class AirtableErrors {
    public static final long RETRY_AFTER_SECONDS = 30;

    private AirtableErrors() {
    }

    public static ApiError toApiError(AirtableException e) {
        String detail = " (Airtable: " + e.type() + (e.airtableMessage() == null ? "" : " - " + e.airtableMessage()) + ")";
        if (e instanceof AirtableException.Authentication) {
            return new ApiError(409, "AIRTABLE_CONNECTION_INVALID",
                    "Airtable no longer accepts the connected token; reconnect with PUT /connections/airtable." + detail);
        }
        if (e instanceof AirtableException.Permission) {
            return new ApiError(403, "AIRTABLE_FORBIDDEN", "Airtable refused access." + detail);
        }
        if (e instanceof AirtableException.NotFound) {
            return new ApiError(404, "NOT_FOUND", "Airtable found no such base, table or record." + detail);
        }
        if (e instanceof AirtableException.InvalidRequest) {
            int status = e.status() == 413 ? 413 : e.status() == 400 ? 400 : 422;
            return new ApiError(status, "AIRTABLE_INVALID_REQUEST", "Airtable rejected the request." + detail);
        }
        if (e instanceof AirtableException.RateLimited) {
            return new ApiError(503, "AIRTABLE_RATE_LIMITED",
                    "Airtable's rate limit for this base is exhausted; retry later.",
                    Map.of("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)));
        }
        return new ApiError(502, "AIRTABLE_UNAVAILABLE", "Airtable did not answer properly; retry later (" + e.type() + ").");
    }
}
