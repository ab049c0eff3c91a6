package io.pyairtable.functions.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.airtable.AirtableApi;
import io.pyairtable.airtable.RequestListener;
import io.pyairtable.airtable.RetryPolicy;
import io.pyairtable.functions.core.AwsClients;
import io.pyairtable.functions.core.DynamoDbRateLimiter;
import io.pyairtable.functions.core.Env;
import io.pyairtable.functions.core.telemetry.Telemetry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * {@code GET /health/deep}: each dependency checked once, with its status and time in ms. DynamoDB: a GetItem on
 * the RateLimits table; Secrets Manager: DescribeSecret of the JWT signing key; S3: HeadBucket of the imports
 * bucket; Airtable: {@code whoami} with the default token when allowed, else an unauthenticated request that
 * must be answered 401. Failures name the exception class only, never a message that could carry a secret.
 */
final class DeepHealth {
    private static final ObjectMapper JSON = new ObjectMapper();

    interface Check {
        /** Throws when the dependency is not healthy; returns an optional detail. */
        String run() throws Exception;
    }

    private final Map<String, Check> checks = new LinkedHashMap<>();

    DeepHealth(Map<String, Check> checks) {
        this.checks.putAll(checks);
    }

    static DeepHealth from(Env env) {
        return from(env, null);
    }

    /** @param telemetry the handler's (Airtable latency and 429 metrics of the whoami check), or null */
    static DeepHealth from(Env env, Telemetry telemetry) {
        AwsClients aws = new AwsClients(env);
        DynamoDbClient dynamoDb = aws.dynamoDb();
        SecretsManagerClient secrets = aws.secretsManager();
        String table = env.required("RATE_LIMITS_TABLE");
        String jwtSecret = env.required("JWT_SECRET_ID");
        URI airtable = URI.create(env.optional("AIRTABLE_API_URL", "https://api.airtable.com"));
        boolean allowDefault = "true".equalsIgnoreCase(env.optional("ALLOW_DEFAULT_AIRTABLE_TOKEN", "false"));
        String defaultSecret = env.optional("AIRTABLE_DEFAULT_SECRET_ID", "");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        DynamoDbRateLimiter limiter = DynamoDbRateLimiter.airtableDefaults(dynamoDb, table,
                telemetry == null ? () -> {} : telemetry.penaltyListener());
        RequestListener listener = telemetry == null ? RequestListener.NONE : telemetry.airtableListener();
        Map<String, Check> checks = new LinkedHashMap<>();
        checks.put("dynamodb", () -> {
            dynamoDb.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.builder().s("HEALTH#probe").build())));
            return "GetItem " + table;
        });
        checks.put("secretsManager", () -> {
            secrets.describeSecret(b -> b.secretId(jwtSecret));
            return "DescribeSecret of the JWT signing key";
        });
        String bucket = env.required("IMPORTS_BUCKET");
        S3Client s3 = aws.configure(S3Client.builder().forcePathStyle(env.has("AWS_ENDPOINT_URL")));
        checks.put("s3", () -> {
            s3.headBucket(b -> b.bucket(bucket));
            return "HeadBucket of the imports bucket";
        });
        checks.put("airtable", () -> {
            if (allowDefault && !defaultSecret.isEmpty()) {
                String value = secrets.getSecretValue(b -> b.secretId(defaultSecret)).secretString();
                String token = value;
                JsonNode node = value.trim().startsWith("{") ? JSON.readTree(value) : null;
                if (node != null) {
                    token = node.path("token").asText();
                }
                AirtableApi.builder(token).apiUrl(airtable).httpClient(http).rateLimiter(limiter)
                        .retryPolicy(RetryPolicy.none()).requestTimeout(Duration.ofSeconds(5)).requestListener(listener)
                        .build().whoami();
                return "whoami with the default token";
            }
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(airtable + "/v0/meta/whoami"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 401) {
                throw new IllegalStateException("unexpected status " + response.statusCode());
            }
            return "reachable (401 without a token, as expected)";
        });
        return new DeepHealth(checks);
    }

    /** The report and whether everything is healthy. */
    record Report(boolean healthy, Map<String, Object> body) {
    }

    Report run() {
        Map<String, Object> results = new LinkedHashMap<>();
        boolean healthy = true;
        for (Map.Entry<String, Check> check : checks.entrySet()) {
            Map<String, Object> result = new LinkedHashMap<>();
            long start = System.nanoTime();
            try {
                String detail = check.getValue().run();
                result.put("status", "ok");
                if (detail != null) {
                    result.put("detail", detail);
                }
            } catch (Exception e) {
                healthy = false;
                result.put("status", "failed");
                result.put("detail", e.getClass().getSimpleName());
            }
            result.put("ms", (System.nanoTime() - start) / 1_000_000);
            results.put(check.getKey(), result);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", healthy ? "ok" : "degraded");
        body.put("checks", results);
        return new Report(healthy, body);
    }

    static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
