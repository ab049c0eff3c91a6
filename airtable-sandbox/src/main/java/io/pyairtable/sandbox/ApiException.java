package io.pyairtable.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An HTTP error response with an Airtable-shaped JSON body. Thrown anywhere while handling a
 * request and turned into the response by {@link SandboxHttpHandler}.
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient JsonNode body;

    ApiException(int status, JsonNode body) {
        super(status + " " + body, null, false, false);
        this.status = status;
        this.body = body;
    }

    int status() {
        return status;
    }

    JsonNode body() {
        return body;
    }
}
