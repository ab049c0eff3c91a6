package io.pyairtable.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

/** A response to write: status, content type and body bytes. */
record ApiResponse(int status, String contentType, byte[] body) {

    static final String JSON = "application/json; charset=utf-8";

    static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, JSON, Json.bytes(body));
    }

    static ApiResponse ok(JsonNode body) {
        return json(200, body);
    }

    /** 204, sent without a body. */
    static ApiResponse noContent() {
        return new ApiResponse(204, JSON, new byte[0]);
    }
}
