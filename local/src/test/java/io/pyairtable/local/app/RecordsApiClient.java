package io.pyairtable.local.app;

import io.pyairtable.local.LocalCloud;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** HTTP calls with an access token to the records and connections routes of a running local cloud. */
public final class RecordsApiClient {
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI api;
    private final AuthApiClient auth;

    public RecordsApiClient(LocalCloud cloud) {
        this.api = cloud.apiUrl();
        this.auth = new AuthApiClient(cloud);
    }

    /** Registers a fresh user and returns its access token. */
    public String newUser(String prefix) throws Exception {
        AuthApiClient.Reply registered = auth.register(AuthApiClient.uniqueEmail(prefix), "violet kettle orbit 42");
        if (registered.status() != 201) {
            throw new AssertionError("register failed: " + registered.body());
        }
        return registered.json().get("tokens").get("accessToken").asText();
    }

    public AuthApiClient.Reply send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(api.resolve(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new AuthApiClient.Reply(response.statusCode(), response.body(), response);
    }

    public AuthApiClient.Reply get(String path, String token) throws Exception {
        return send("GET", path, token, null);
    }
}
