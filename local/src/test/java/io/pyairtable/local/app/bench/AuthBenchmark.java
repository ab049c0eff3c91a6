package io.pyairtable.local.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.functions.auth.PasswordHasher;
import io.pyairtable.functions.core.Jwt;
import io.pyairtable.functions.core.JwtException;
import io.pyairtable.functions.core.SigningKey;
import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.LocalCloudOptions;
import io.pyairtable.local.lambda.InvocationResult;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * Accounts numbers for docs/performance.md, on the project's template in the local cloud (in memory): Argon2id hash
 * cost, {@code POST /auth/login} latency through the HTTP API (hashing included), and the authorizer's warm cost —
 * the handler's own time per invocation (JWT verification + deny-list BatchGetItem against the local DynamoDB) and JWT
 * verification alone. A benchmark, not a test: {@code scripts/bench-local} runs its {@code main}.
 */
public final class AuthBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AuthBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path template = Path.of(args.length > 0 ? args[0] : "../template.yaml");
        PasswordHasher hasher = new PasswordHasher();
        long[] hashes = new long[20];
        for (int i = -5; i < hashes.length; i++) {
            long start = System.nanoTime();
            hasher.hash("benchmark passphrase " + i);
            if (i >= 0) {
                hashes[i] = System.nanoTime() - start;
            }
        }
        report("Argon2id hash (m=19456 KiB, t=2, p=1), 20 runs after 5 warm-up", hashes);

        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.forTests(template))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String email = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            String body = JSON.createObjectNode().put("email", email).put("password", "benchmark pass phrase 1")
                    .toString();
            check(post(http, cloud, "/auth/register", body).statusCode() == 201);
            long[] logins = new long[50];
            String access = null;
            for (int i = -10; i < logins.length; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = post(http, cloud, "/auth/login", body);
                if (i >= 0) {
                    logins[i] = System.nanoTime() - start;
                }
                check(response.statusCode() == 200);
                access = JSON.readTree(response.body()).get("tokens").get("accessToken").asText();
            }
            report("POST /auth/login through the local HTTP API, 50 runs after 10 warm-up", logins);

            byte[] event = JSON.writeValueAsBytes(JSON.createObjectNode().put("version", "2.0").put("type", "REQUEST")
                    .put("routeKey", "GET /auth/me").put("rawPath", "/auth/me")
                    .<com.fasterxml.jackson.databind.node.ObjectNode>set("identitySource",
                            JSON.createArrayNode().add("Bearer " + access))
                    .set("headers", JSON.createObjectNode().put("authorization", "Bearer " + access)));
            long[] handler = new long[1_000];
            long[] invoke = new long[handler.length];
            for (int i = -2_000; i < handler.length; i++) {
                long start = System.nanoTime();
                InvocationResult result = cloud.lambdas().invokeAsync("AuthorizerFunction", event).get();
                long elapsed = System.nanoTime() - start;
                JsonNode decision = JSON.readTree(result.payload());
                check(decision.path("isAuthorized").asBoolean());
                if (i >= 0) {
                    handler[i] = result.duration().toNanos();
                    invoke[i] = elapsed;
                }
            }
            report("AuthorizerFunction handler time, warm (JWT verify + deny-list BatchGetItem)", handler);
            report("AuthorizerFunction invoke through the Lambda host, warm", invoke);

            long[] me = new long[500];
            HttpRequest meRequest = HttpRequest.newBuilder(cloud.apiUrl().resolve("/auth/me"))
                    .header("Authorization", "Bearer " + access).build();
            for (int i = -200; i < me.length; i++) {
                long start = System.nanoTime();
                check(http.send(meRequest, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
                if (i >= 0) {
                    me[i] = System.nanoTime() - start;
                }
            }
            report("GET /auth/me through the HTTP API (authorizer + AuthFunction GetItem)", me);
        }

        SigningKey key = SigningKey.of("k1", "k".repeat(64));
        Jwt jwt = new Jwt("pyairtable-dev", "pyairtable-api", Clock.systemUTC());
        String token = jwt.sign(key, UUID.randomUUID().toString(), "a@example.com", UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), 900);
        long[] verify = new long[10_000];
        for (int i = -50_000; i < verify.length; i++) {
            long start = System.nanoTime();
            jwtVerify(jwt, token, key);
            if (i >= 0) {
                verify[i] = System.nanoTime() - start;
            }
        }
        report("JWT HS256 verification alone (header, signature, claims), warm", verify);
    }

    private static void jwtVerify(Jwt jwt, String token, SigningKey key) {
        try {
            jwt.verify(token, kid -> key);
        } catch (JwtException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    private static HttpResponse<String> post(HttpClient http, LocalCloud cloud, String path, String body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(cloud.apiUrl().resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("unexpected response");
        }
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-80s p50 %.3f ms  p90 %.3f ms  p99 %.3f ms%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.9)] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6);
    }
}
