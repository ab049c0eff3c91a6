package io.pyairtable.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A tiny test client: real HTTP against a running sandbox, JSON in and out. */
final class ApiClient {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A response: status, raw bytes and (when parseable) the JSON body. */
    record Response(int status, byte[] bytes, JsonNode json, String contentType) {

        JsonNode error() {
            return json.path("error");
        }

        String errorType() {
            return json.path("error").path("type").asText();
        }

        String errorMessage() {
            return json.path("error").path("message").asText();
        }
    }

    private final URI baseUrl;
    private final String token;

    ApiClient(URI baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    ApiClient withToken(String otherToken) {
        return new ApiClient(baseUrl, otherToken);
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    Response get(String path) {
        return send("GET", path, null);
    }

    Response delete(String path) {
        return send("DELETE", path, null);
    }

    Response post(String path, Object body) {
        return send("POST", path, json(body));
    }

    Response patch(String path, Object body) {
        return send("PATCH", path, json(body));
    }

    Response put(String path, Object body) {
        return send("PUT", path, json(body));
    }

    Response send(String method, String path, String body) {
        return send(method, path, body, Duration.ofSeconds(10));
    }

    /** Sends with a response timeout; an {@link java.net.http.HttpTimeoutException} arrives as the cause of an UncheckedIOException. */
    Response send(String method, String path, String body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(timeout);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json;
            try {
                json = MAPPER.readTree(response.body());
            } catch (IOException notJson) {
                json = MAPPER.missingNode();
            }
            return new Response(response.statusCode(), response.body(), json == null ? MAPPER.missingNode() : json,
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String json(Object body) {
        if (body instanceof String text) {
            return text;
        }
        try {
            return MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
