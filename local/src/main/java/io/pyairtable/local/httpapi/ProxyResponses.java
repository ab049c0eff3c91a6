package io.pyairtable.local.httpapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Turns a function's payload format 2.0 response into the HTTP response, as API Gateway does: an object with
 * {@code statusCode} is a structured response ({@code headers}, {@code multiValueHeaders}, {@code cookies} as
 * {@code Set-Cookie} lines, {@code body}, {@code isBase64Encoded}); any other valid JSON is sent as a 200
 * {@code application/json} body (a JSON string as its text). Invalid output is a 500.
 */
final class ProxyResponses {
    private final ObjectMapper json;

    ProxyResponses(ObjectMapper json) {
        this.json = json;
    }

    /** The HTTP response, or null when the output is not a valid response (API Gateway answers 500). */
    GatewayResponse toHttp(byte[] payload) {
        JsonNode output;
        try {
            output = json.readTree(payload);
        } catch (IOException e) {
            return null;
        }
        if (output == null || output.isMissingNode()) {
            return null;
        }
        if (output.isObject() && output.has("statusCode")) {
            return structured(output);
        }
        byte[] body = output.isTextual() ? output.asText().getBytes(StandardCharsets.UTF_8) : payload;
        return new GatewayResponse(200, body).header("content-type", "application/json");
    }

    private GatewayResponse structured(JsonNode output) {
        JsonNode status = output.get("statusCode");
        if (!status.canConvertToInt() && !(status.isTextual() && status.asText().matches("\\d{3}"))) {
            return null;
        }
        int statusCode = status.asInt();
        if (statusCode < 100 || statusCode > 599) {
            return null;
        }
        byte[] body = new byte[0];
        JsonNode bodyNode = output.get("body");
        if (bodyNode != null && !bodyNode.isNull()) {
            String text = bodyNode.isTextual() ? bodyNode.asText() : bodyNode.toString();
            if (output.path("isBase64Encoded").asBoolean(false)) {
                try {
                    body = Base64.getDecoder().decode(text);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            } else {
                body = text.getBytes(StandardCharsets.UTF_8);
            }
        }
        GatewayResponse response = new GatewayResponse(statusCode, body);
        for (Map.Entry<String, JsonNode> header : output.path("multiValueHeaders").properties()) {
            for (JsonNode value : header.getValue()) {
                response.header(header.getKey(), value.asText());
            }
        }
        for (Map.Entry<String, JsonNode> header : output.path("headers").properties()) {
            if (!header.getValue().isNull() && !response.hasHeader(header.getKey().toLowerCase(java.util.Locale.ROOT))) {
                response.header(header.getKey(), header.getValue().asText());
            }
        }
        for (JsonNode cookie : output.path("cookies")) {
            response.header("set-cookie", cookie.asText());
        }
        return response;
    }
}
