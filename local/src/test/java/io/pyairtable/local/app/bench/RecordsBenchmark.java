package io.pyairtable.local.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pyairtable.airtable.AirtableApi;
import io.pyairtable.airtable.RecordQuery;
import io.pyairtable.airtable.Table;
import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.LocalCloudOptions;
import io.pyairtable.sandbox.FieldSpec;
import io.pyairtable.sandbox.TableSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Records API numbers for docs/performance.md, on the project's template in the local cloud (in memory) against
 * the sandbox (5 req/s per base enforced): warm {@code GET …/records} through the HTTP API (authorizer, function,
 * Secrets Manager (cached), distributed limiter on the local DynamoDB, sandbox) against the same page fetched by a
 * direct client call, paced at 4 requests/s so that no request waits for the budget; and the records/s of one
 * 1,000-record POST. A benchmark, not a test: {@code scripts/bench-local} runs its {@code main}.
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
            Table direct = AirtableApi.builder(cloud.sandbox().demoToken()).apiUrl(cloud.sandbox().baseUrl()).build()
                    .base(cloud.sandbox().demoBaseId()).table("Deals");
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
            report("GET …/records?pageSize=10 through the local HTTP API, " + runs + " warm runs at 4/s", api);
            report("same page by a direct AirtableApi call (in-process limiter), " + runs + " runs at 4/s", client);
            Arrays.sort(api);
            Arrays.sort(client);
            System.out.printf(Locale.ROOT, "records API overhead over a direct client call: p50 %.2f ms%n",
                    (api[runs / 2] - client[runs / 2]) / 1e6);

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
