package io.pyairtable.airtable;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;

/**
 * One HTTP request to Airtable, before rate limiting and retries.
 *
 * @param baseId     the base it counts against, or null for token-only endpoints
 * @param repeatable whether sending it twice is harmless (reads, PATCH/PUT/DELETE, upserts), see {@link RetryPolicy}
 */
record ApiRequest(String method, URI uri, JsonNode body, String baseId, boolean repeatable) {

    /** Method and path, without the query string (which may hold user data): for error messages. */
    String label() {
        return method + " " + uri.getRawPath();
    }
}
