package io.pyairtable.local.httpapi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A response about to be written: status, headers (several values = several header lines) and body bytes. */
final class GatewayResponse {
    private final int status;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final byte[] body;

    GatewayResponse(int status, byte[] body) {
        this.status = status;
        this.body = body;
    }

    /** API Gateway's own JSON error: {@code {"message":"Not Found"}} and friends. */
    static GatewayResponse message(int status, String message) {
        GatewayResponse response = new GatewayResponse(status,
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
        response.header("content-type", "application/json");
        return response;
    }

    static GatewayResponse notFound() {
        return message(404, "Not Found");
    }

    static GatewayResponse unauthorized() {
        return message(401, "Unauthorized");
    }

    static GatewayResponse forbidden() {
        return message(403, "Forbidden");
    }

    static GatewayResponse tooLarge() {
        return message(413, "Request Entity Too Large");
    }

    static GatewayResponse internalError() {
        return message(500, "Internal Server Error");
    }

    static GatewayResponse serviceUnavailable() {
        return message(503, "Service Unavailable");
    }

    GatewayResponse header(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>()).add(value);
        return this;
    }

    void removeHeadersStartingWith(String lowerCasePrefix) {
        headers.keySet().removeIf(name -> name.startsWith(lowerCasePrefix));
    }

    boolean hasHeader(String lowerCaseName) {
        return headers.containsKey(lowerCaseName);
    }

    int status() {
        return status;
    }

    Map<String, List<String>> headers() {
        return headers;
    }

    byte[] body() {
        return body;
    }
}
