package io.pyairtable.local.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.junit.LocalCloudExtension;
import io.pyairtable.local.lambda.InvocationResult;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docs/observability.md through the local cloud: a user registers, logs in, connects an Airtable token, lists
 * records and fails a login; {@code GET /_local/metrics} shows the metrics the functions emitted, the JSON log lines
 * carry the API's request ids as correlation ids, and no password or token appears anywhere in the output.
 */
@ExtendWith(LocalCloudExtension.class)
class ObservabilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTIONS_LOGGER = "io.pyairtable.functions";

    @Test
    void metricsAndCorrelatedLogsWithoutSecrets(LocalCloud cloud) throws Exception {
        AuthApiClient auth = new AuthApiClient(cloud);
        RecordsApiClient records = new RecordsApiClient(cloud);
        Map<String, Double> before = counts(metrics(cloud));
        String email = AuthApiClient.uniqueEmail("observed");
        String password = "obs " + UUID.randomUUID();
        String pat = cloud.sandbox().createToken(Set.of(cloud.sandbox().demoBaseId()),
                Set.of("data.records:read", "schema.bases:read"));
        List<AuthApiClient.Reply> replies = new ArrayList<>();
        List<String> secrets = new ArrayList<>(List.of(password, pat, cloud.sandbox().demoToken()));

        Captured output = Captured.start();
        try {
            AuthApiClient.Reply registered = auth.register(email, password);
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            AuthApiClient.Reply login = auth.login(email, password);
            assertThat(login.status()).as(login.body()).isEqualTo(200);
            String access = login.json().at("/tokens/accessToken").asText();
            secrets.addAll(List.of(access, login.json().at("/tokens/refreshToken").asText(),
                    registered.json().at("/tokens/accessToken").asText(),
                    registered.json().at("/tokens/refreshToken").asText()));
            AuthApiClient.Reply connected = records.send("PUT", "/connections/airtable", access,
                    "{\"token\":\"" + pat + "\"}");
            assertThat(connected.status()).as(connected.body()).isEqualTo(200);
            AuthApiClient.Reply listed = records.get("/bases/" + cloud.sandbox().demoBaseId()
                    + "/tables/Deals/records?pageSize=2", access);
            assertThat(listed.status()).as(listed.body()).isEqualTo(200);
            AuthApiClient.Reply failed = auth.login(email, password + " wrong");
            assertThat(failed.status()).as(failed.body()).isEqualTo(401);
            replies.addAll(List.of(registered, login, connected, listed, failed));
        } finally {
            output.stop();
        }

        Map<String, Double> after = counts(metrics(cloud));
        assertThat(delta(before, after, "LoginSucceeded")).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "LoginFailed")).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "ApiRequests")).isGreaterThanOrEqualTo(replies.size());
        assertThat(delta(before, after, "Api4xx")).isGreaterThanOrEqualTo(1);
        assertThat(delta(before, after, "AirtableRequestLatency")).isGreaterThanOrEqualTo(2); // whoami + list

        String text = output.text();
        List<JsonNode> logLines = jsonLines(text);
        for (AuthApiClient.Reply reply : replies) {
            String requestId = reply.raw().headers().firstValue("apigw-requestid").orElseThrow();
            assertThat(logLines).as("the function's line for request %s", requestId).anyMatch(line ->
                    requestId.equals(line.path("correlation_id").asText()) && "request".equals(line.path("message").asText())
                            && line.path("status").asInt() == reply.status() && line.has("latency_ms"));
        }
        assertThat(logLines).as("the EMF documents of these requests").anyMatch(line -> line.has("_aws")
                && line.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString().equals("[[\"service\"]]")
                && "pyairtable".equals(line.path("service").asText()));
        for (String secret : secrets) {
            assertThat(secret).isNotBlank();
            assertThat(text).as("the output during the flow").doesNotContain(secret);
        }
    }

    @Test
    void aFailedRollbackEmitsTheAlarmedMetric(LocalCloud cloud) throws Exception {
        double before = counts(metrics(cloud)).getOrDefault("RollbackFailed", 0.0);
        String jobId = UUID.randomUUID().toString();
        InvocationResult result = cloud.lambdas().invoke("SagaFunction", JSON.writeValueAsBytes(Map.of(
                "action", "rollbackFailed", "jobId", jobId,
                "error", Map.of("Error", "States.TaskFailed", "Cause", "compensation failed"))), 30_000);
        assertThat(result.isError()).as(result.payloadAsString()).isFalse();

        JsonNode rollbackFailed = null;
        for (JsonNode metric : metrics(cloud).path("metrics")) {
            if (metric.path("name").asText().equals("RollbackFailed")) {
                rollbackFailed = metric;
            }
        }
        assertThat(rollbackFailed).isNotNull();
        assertThat(rollbackFailed.path("namespace").asText()).isEqualTo("PyAirtable"); // RollbackFailedAlarm's
        assertThat(rollbackFailed.path("unit").asText()).isEqualTo("Count");
        assertThat(rollbackFailed.path("count").asDouble() - before).isEqualTo(1.0);
    }

    @Test
    void theMetricsRouteIsLocalJsonWithoutAuthorization(LocalCloud cloud) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                cloud.apiUrl().resolve("/_local/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("since").asText()).isNotBlank();
        assertThat(body.path("metrics").isArray()).isTrue();
    }

    private static JsonNode metrics(LocalCloud cloud) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(cloud.apiUrl() + "/_local/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Datapoints per metric name (namespace PyAirtable). */
    private static Map<String, Double> counts(JsonNode snapshot) {
        Map<String, Double> out = new HashMap<>();
        for (JsonNode metric : snapshot.path("metrics")) {
            if ("PyAirtable".equals(metric.path("namespace").asText())) {
                out.merge(metric.path("name").asText(), metric.path("count").asDouble(), Double::sum);
            }
        }
        return out;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String name) {
        return after.getOrDefault(name, 0.0) - before.getOrDefault(name, 0.0);
    }

    private static List<JsonNode> jsonLines(String text) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (line.startsWith("{")) {
                try {
                    out.add(JSON.readTree(line));
                } catch (Exception notJson) {
                    // another line that starts with a brace
                }
            }
        }
        return out;
    }

    /** Standard output and error (and the functions' INFO lines) copied while the flow runs; both still printed. */
    private static final class Captured {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final PrintStream out = System.out;
        private final PrintStream err = System.err;
        private final Level level = LogManager.getLogger(FUNCTIONS_LOGGER).getLevel();

        static Captured start() {
            Captured captured = new Captured();
            System.setOut(new PrintStream(captured.tee(captured.out), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(captured.tee(captured.err), true, StandardCharsets.UTF_8));
            Configurator.setLevel(FUNCTIONS_LOGGER, Level.INFO);
            return captured;
        }

        private OutputStream tee(PrintStream target) {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    target.write(b);
                    synchronized (bytes) {
                        bytes.write(b);
                    }
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    target.write(b, off, len);
                    synchronized (bytes) {
                        bytes.write(b, off, len);
                    }
                }
            };
        }

        void stop() {
            Configurator.setLevel(FUNCTIONS_LOGGER, level);
            System.setOut(out);
            System.setErr(err);
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
