package io.pyairtable.local.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.pyairtable.airtable.AirtableApi;
import io.pyairtable.airtable.Table;
import io.pyairtable.functions.core.AwsClients;
import io.pyairtable.functions.core.DynamoDbRateLimiter;
import io.pyairtable.functions.core.Env;
import io.pyairtable.local.LocalCloud;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** Imports and change sets over HTTP: create, upload through the presigned URL, wait for a terminal status. */
public final class ImportsApiClient {
    static final Set<String> TERMINAL = Set.of("REJECTED", "SUCCEEDED", "ROLLED_BACK", "ROLLBACK_FAILED", "CANCELLED");
    private final HttpClient http = HttpClient.newHttpClient();
    private final RecordsApiClient api;

    public ImportsApiClient(LocalCloud cloud) {
        this.api = new RecordsApiClient(cloud);
    }

    /**
     * A test's own client for a table on the functions' shared budget (the RateLimits table): a test reading the
     * table with its own limiter while the saga writes would exceed the sandbox's 5 req/s and earn a 30 s penalty.
     */
    public static Table sharedBudgetTable(LocalCloud cloud, String base, String name) {
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL", cloud.awsUrl().toString(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "pyairtable-local", "AWS_SECRET_ACCESS_KEY", "pyairtable-local-secret");
        DynamoDbRateLimiter limiter = DynamoDbRateLimiter.airtableDefaults(new AwsClients(new Env(env)).dynamoDb(),
                cloud.template().tables().get("RateLimitsTable").tableName());
        return AirtableApi.builder(cloud.sandbox().demoToken()).apiUrl(cloud.sandbox().baseUrl()).rateLimiter(limiter)
                .build().base(base).table(name);
    }

    public RecordsApiClient api() {
        return api;
    }

    /** POST /imports, then PUT the bytes to the presigned URL; returns the import id. */
    public String importFile(String token, String requestJson, byte[] file) throws Exception {
        AuthApiClient.Reply created = api.send("POST", "/imports", token, requestJson);
        if (created.status() != 201) {
            throw new AssertionError("POST /imports: " + created.body());
        }
        JsonNode body = created.json();
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(body.get("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file));
        body.get("uploadHeaders").fields().forEachRemaining(h -> put.header(h.getKey(), h.getValue().asText()));
        HttpResponse<String> uploaded = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
        if (uploaded.statusCode() != 200) {
            throw new AssertionError("upload: " + uploaded.statusCode() + " " + uploaded.body());
        }
        return body.get("importId").asText();
    }

    /** Polls {@code path} until its status is terminal. */
    public JsonNode await(String token, String path, Duration timeout) throws Exception {
        Instant end = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(end)) {
            AuthApiClient.Reply reply = api.get(path, token);
            if (reply.status() != 200) {
                throw new AssertionError("GET " + path + ": " + reply.body());
            }
            last = reply.json();
            if (TERMINAL.contains(last.get("status").asText())) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not finished after " + timeout + ": " + last);
    }
}
