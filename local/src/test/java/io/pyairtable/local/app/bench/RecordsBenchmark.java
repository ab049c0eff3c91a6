package io.pyairtable.local.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pyairtable.airtable.AirtableApi;
import io.pyairtable.airtable.RateLimitKey;
import io.pyairtable.airtable.RateLimiter;
import io.pyairtable.airtable.RecordQuery;
import io.pyairtable.airtable.Table;
import io.pyairtable.functions.core.AwsClients;
import io.pyairtable.functions.core.DynamoDbRateLimiter;
import io.pyairtable.functions.core.Env;
import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.LocalCloudOptions;
import io.pyairtable.local.lambda.InvocationResult;
import io.pyairtable.sandbox.FieldSpec;
import io.pyairtable.sandbox.TableSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Records API numbers for docs/performance.md, on the project's template in the local cloud (in memory) against
 * the sandbox (5 req/s per base enforced): warm {@code GET …/records} through the HTTP API (authorizer, function,
 * Secrets Manager (cached), distributed limiter on the local DynamoDB, sandbox) against the same page fetched by a
 * direct client call, paced at 4 requests/s so that no request waits for the budget — once after 10 requests
 * (JIT-cold, the earlier measurement) and once after a JIT warm-up ({@code -Dbench.warmup=N} iterations, default
 * 2,000); the stages of that path on their own; and the records/s of one 1,000-record POST. A benchmark, not a
 * test: {@code scripts/bench-local} runs its {@code main}.
 */
public final class RecordsBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PACE_NANOS = 250_000_000L;

    private RecordsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path template = Path.of(args.length > 0 ? args[0] : "../template.yaml");
        int runs = 80;
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.forTests(template))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String email = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            String credentials = JSON.createObjectNode().put("email", email).put("password", "benchmark pass phrase 1")
                    .toString();
            HttpResponse<String> registered = send(http, cloud, "POST", "/auth/register", null, credentials);
            check(registered.statusCode() == 201, registered.body());
            String access = JSON.readTree(registered.body()).at("/tokens/accessToken").asText();
            String path = "/bases/" + cloud.sandbox().demoBaseId() + "/tables/Deals/records?pageSize=10";

            Table direct = AirtableApi.builder(cloud.sandbox().demoToken()).apiUrl(cloud.sandbox().baseUrl()).build()
                    .base(cloud.sandbox().demoBaseId()).table("Deals");
            // as the earlier measurements: 10 requests before the measured ones, so most code still runs in the
            // interpreter or C1 (JIT-cold, like a container that has served a few dozen requests)
            compare("JIT-cold", cloud, http, access, path, direct, runs);
            warmUp(cloud, http, access, Integer.getInteger("bench.warmup", 2000));
            // the steady state of a container that has served thousands of requests
            compare("JIT-warm", cloud, http, access, path, direct, runs);
            stages(cloud, http, access, runs / 2);

            String base = cloud.sandbox().createBase("Bench " + System.nanoTime(), List.of(new TableSpec("Rows",
                    List.of(FieldSpec.text("Name"), FieldSpec.number("Qty", 0)))));
            ObjectNode body = JSON.createObjectNode();
            ArrayNode rows = body.putArray("records");
            for (int i = 0; i < 1000; i++) {
                rows.addObject().putObject("fields").put("Name", "row " + i).put("Qty", i);
            }
            Thread.sleep(1100);
            long start = System.nanoTime();
            HttpResponse<String> created = send(http, cloud, "POST", "/bases/" + base + "/tables/Rows/records", access,
                    body.toString());
            double seconds = (System.nanoTime() - start) / 1e9;
            check(created.statusCode() == 201, created.statusCode() + " " + created.body());
            System.out.printf(Locale.ROOT, "POST of 1,000 records (100 chunks of 10): %.1f s, %.1f records/s; "
                    + "sandbox 429s during the whole run: %d%n", seconds, 1000 / seconds,
                    cloud.sandbox().rateLimitedResponses());
        }
    }

    /** The same page through the API and by a direct client call, paced at 4/s, and the difference of the p50s. */
    private static void compare(String label, LocalCloud cloud, HttpClient http, String access, String path,
            Table direct, int runs) throws Exception {
        Thread.sleep(1100);
        long[] api = new long[runs];
        for (int i = -10; i < runs; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = send(http, cloud, "GET", path, access, null);
            long took = System.nanoTime() - start;
            check(response.statusCode() == 200, response.body());
            if (i >= 0) {
                api[i] = took;
            }
            pace(start);
        }
        Thread.sleep(1100);
        long[] client = new long[runs];
        for (int i = -10; i < runs; i++) {
            long start = System.nanoTime();
            direct.page(RecordQuery.builder().pageSize(10).build(), null);
            long took = System.nanoTime() - start;
            if (i >= 0) {
                client[i] = took;
            }
            pace(start);
        }
        report(label + ": GET …/records?pageSize=10 through the local HTTP API, " + runs + " warm runs at 4/s", api);
        report(label + ": same page by a direct AirtableApi call (in-process limiter), " + runs + " runs at 4/s", client);
        Arrays.sort(api);
        Arrays.sort(client);
        System.out.printf(Locale.ROOT, "%s: records API overhead over a direct client call: p50 %.2f ms%n", label,
                (api[runs / 2] - client[runs / 2]) / 1e6);
    }

    /**
     * Runs every part of the measured path {@code iterations} times without pacing and without touching the
     * measured base's budget: GET /health, the authorizer, the limiter on keys of its own, and record pages of
     * scratch bases (one in ten iterations; the token's 50 requests per second bound those).
     */
    private static void warmUp(LocalCloud cloud, HttpClient http, String access, int iterations) throws Exception {
        long begin = System.nanoTime();
        List<String> bases = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bases.add(cloud.sandbox().createBase("Warm-up " + i + " " + System.nanoTime(), List.of(new TableSpec("Rows",
                    List.of(FieldSpec.text("Name"))))));
        }
        byte[] authorizerEvent = authorizerEvent(access);
        DynamoDbRateLimiter limiter = limiter(cloud);
        for (int i = 0; i < iterations; i++) {
            check(send(http, cloud, "GET", "/health", null, null).statusCode() == 200, "health");
            check(cloud.lambdas().invoke("AuthorizerFunction", authorizerEvent, 10_000).payloadAsString()
                    .contains("\"isAuthorized\":true"), "authorizer");
            limiter.acquire(new RateLimitKey(RateLimitKey.fingerprint("warm-up " + i % 50), String.format(Locale.ROOT,
                    "appWarmUp%08d", i)), Instant.now().plusSeconds(5)).release();
            if (i % 10 == 0) {
                String page = "/bases/" + bases.get(i / 10 % bases.size()) + "/tables/Rows/records?pageSize=10";
                HttpResponse<String> response = send(http, cloud, "GET", page, access, null);
                check(response.statusCode() == 200, response.body());
            }
        }
        System.out.printf(Locale.ROOT, "JIT warm-up: %d × (GET /health, authorizer, limiter on keys of its own) and %d "
                + "record pages of scratch bases, %.1f s%n", iterations, (iterations + 9) / 10,
                (System.nanoTime() - begin) / 1e9);
    }

    private static byte[] authorizerEvent(String access) throws Exception {
        ObjectNode event = JSON.createObjectNode().put("version", "2.0").put("type", "REQUEST")
                .put("routeKey", "GET /bases/{baseId}/tables/{table}/records");
        event.putArray("identitySource").add("Bearer " + access);
        event.putObject("headers").put("authorization", "Bearer " + access);
        return JSON.writeValueAsBytes(event);
    }

    /** The shared limiter as RecordsFunction builds it: its environment, so through the AWS edge. */
    private static DynamoDbRateLimiter limiter(LocalCloud cloud) {
        Map<String, String> env = cloud.lambdas().environment("RecordsFunction");
        return DynamoDbRateLimiter.airtableDefaults(new AwsClients(new Env(env)).dynamoDb(), env.get("RATE_LIMITS_TABLE"));
    }

    /**
     * The parts of that path on their own (JIT-warm), at the same pace: the HTTP API with a function and no authorizer
     * ({@code GET /health}), the authorizer invoked as the HTTP API invokes it (JWT + deny-list read), and the shared
     * limiter's acquire and release as RecordsFunction builds it (its environment, so through the AWS edge).
     */
    private static void stages(LocalCloud cloud, HttpClient http, String access, int runs) throws Exception {
        long[] health = new long[runs];
        for (int i = -10; i < runs; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = send(http, cloud, "GET", "/health", null, null);
            long took = System.nanoTime() - start;
            check(response.statusCode() == 200, response.body());
            if (i >= 0) {
                health[i] = took;
            }
            pace(start);
        }
        byte[] authorizerEvent = authorizerEvent(access);
        long[] authorizer = new long[runs];
        for (int i = -10; i < runs; i++) {
            long start = System.nanoTime();
            InvocationResult result = cloud.lambdas().invoke("AuthorizerFunction", authorizerEvent, 10_000);
            long took = System.nanoTime() - start;
            check(result.payloadAsString().contains("\"isAuthorized\":true"), result.payloadAsString());
            if (i >= 0) {
                authorizer[i] = took;
            }
            pace(start);
        }
        DynamoDbRateLimiter limiter = limiter(cloud);
        RateLimitKey key = new RateLimitKey(RateLimitKey.fingerprint("benchmark token"), "appBenchLimiter01");
        long[] acquire = new long[runs];
        long[] release = new long[runs];
        for (int i = -10; i < runs; i++) {
            long start = System.nanoTime();
            RateLimiter.Permit permit = limiter.acquire(key, Instant.now().plusSeconds(5));
            long acquired = System.nanoTime();
            permit.release();
            long released = System.nanoTime();
            if (i >= 0) {
                acquire[i] = acquired - start;
                release[i] = released - acquired;
            }
            pace(start);
        }
        report("  stage: GET /health through the HTTP API (function, no authorizer, no AWS call), " + runs + " runs at 4/s", health);
        report("  stage: AuthorizerFunction invoked as the HTTP API does (JWT + deny-list BatchGetItem), " + runs
                + " runs at 4/s", authorizer);
        report("  stage: shared limiter acquire (base and token claims in parallel), " + runs + " runs at 4/s", acquire);
        report("  stage: shared limiter release (base and token in parallel), " + runs + " runs at 4/s", release);
    }

    private static void pace(long start) throws InterruptedException {
        long rest = PACE_NANOS - (System.nanoTime() - start);
        if (rest > 0) {
            Thread.sleep(rest / 1_000_000, (int) (rest % 1_000_000));
        }
    }

    private static HttpResponse<String> send(HttpClient http, LocalCloud cloud, String method, String path,
            String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cloud.apiUrl() + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.9)] / 1e6,
                sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6);
    }

    private static void check(boolean ok, String detail) {
        if (!ok) {
            throw new IllegalStateException("benchmark step failed: " + detail);
        }
    }
}
