package io.pyairtable.local.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.functions.core.SigningKey;
import io.pyairtable.local.LocalCloud;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** HTTP calls to the /auth routes of a running local cloud (tests and the auth benchmark). */
public final class AuthApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI api;
    private final URI aws;

    public AuthApiClient(LocalCloud cloud) {
        this.api = cloud.apiUrl();
        this.aws = cloud.awsUrl();
    }

    public record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String errorCode() {
            return json().path("error").path("code").asText(null);
        }
    }

    public Reply post(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply postBytes(String path, byte[] body, String contentType) throws Exception {
        HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    public Reply postAuthorized(String path, String token, String json) throws Exception {
        return send(request(path).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply get(String path, String token) throws Exception {
        HttpRequest.Builder builder = request(path).GET();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return send(builder);
    }

    public Reply register(String email, String password) throws Exception {
        return post("/auth/register", credentials(email, password));
    }

    public Reply login(String email, String password) throws Exception {
        return post("/auth/login", credentials(email, password));
    }

    public static String credentials(String email, String password) {
        return JSON.createObjectNode().put("email", email).put("password", password).toString();
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** The current signing key, read from the local Secrets Manager like the functions do. */
    public SigningKey signingKey() throws Exception {
        try (SecretsManagerClient secrets = SecretsManagerClient.builder().endpointOverride(aws)
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("pyairtable-local", "pyairtable-local-secret"))).build()) {
            JsonNode secret = JSON.readTree(secrets.getSecretValue(b -> b.secretId("pyairtable/dev/jwt-signing-key"))
                    .secretString());
            return SigningKey.of(secret.get("kid").asText(), secret.get("key").asText());
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(api.resolve(path));
    }

    private Reply send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(response.statusCode(), response.body(), response);
    }
}
