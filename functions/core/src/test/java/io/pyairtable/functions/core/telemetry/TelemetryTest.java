package io.pyairtable.functions.core.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.functions.core.ApiResponses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** What Telemetry prints: Powertools JSON log lines and EMF documents, read back from standard output. */
class TelemetryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void captureStandardOutput() {
        originalOut = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardOutput() {
        System.setOut(originalOut);
    }

    @Test
    void anHttpInvocationLogsOneJsonLineWithTheCorrelationIdAndFlushesEmfWithTheServiceDimension() {
        Telemetry telemetry = new Telemetry(TelemetryTest.class, Map.of());
        APIGatewayV2HTTPResponse response = telemetry.http(event("GET /bases", "req-123"), null, invocation -> {
            invocation.user("user-1");
            telemetry.log().info("inside the handler");
            return ApiResponses.json(404, Map.of("error", "x"));
        });

        assertThat(response.getStatusCode()).isEqualTo(404);
        List<JsonNode> lines = lines();
        JsonNode inside = only(lines, line -> "inside the handler".equals(line.path("message").asText()));
        assertThat(inside.path("correlation_id").asText()).isEqualTo("req-123");
        assertThat(inside.path("service").asText()).isEqualTo("pyairtable");
        assertThat(inside.path("level").asText()).isEqualTo("INFO");
        assertThat(inside.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        JsonNode summary = only(lines, line -> "request".equals(line.path("message").asText()));
        assertThat(summary.path("correlation_id").asText()).isEqualTo("req-123");
        assertThat(summary.path("route").asText()).isEqualTo("GET /bases");
        assertThat(summary.path("status").isInt()).isTrue();
        assertThat(summary.path("status").asInt()).isEqualTo(404);
        assertThat(summary.path("latency_ms").isNumber()).isTrue();
        assertThat(summary.path("user_id").asText()).isEqualTo("user-1");
        assertThat(summary.has("cold_start")).isTrue();

        JsonNode emf = only(lines, line -> line.has("_aws"));
        assertValidEmf(emf);
        assertThat(metricNames(emf)).containsExactlyInAnyOrder("ApiRequests", "Api4xx");
        assertThat(emf.path("ApiRequests").asDouble()).isEqualTo(1.0);
        assertThat(emf.path("Api4xx").asDouble()).isEqualTo(1.0);
        assertThat(emf.path("correlation_id").asText()).isEqualTo("req-123");
    }

    @Test
    void theLoggingContextEndsWithTheInvocation() {
        Telemetry telemetry = new Telemetry(TelemetryTest.class, Map.of());
        MDC.put("outer", "kept");
        try {
            telemetry.http(event("GET /health", "req-a"), null, invocation -> ApiResponses.noContent());
            assertThat(MDC.get("correlation_id")).isNull();
            assertThat(MDC.get("outer")).isEqualTo("kept");
        } finally {
            MDC.clear();
        }
        telemetry.log().info("after");
        JsonNode after = only(lines(), line -> "after".equals(line.path("message").asText()));
        assertThat(after.has("correlation_id")).isFalse();
    }

    @Test
    void anEscapingExceptionIsLoggedWithItsStackAndCountedAsA500() {
        Telemetry telemetry = new Telemetry(TelemetryTest.class, Map.of());
        assertThatThrownBy(() -> telemetry.http(event("POST /auth/login", "req-500"), null, invocation -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);

        List<JsonNode> lines = lines();
        JsonNode error = only(lines, line -> "ERROR".equals(line.path("level").asText()));
        assertThat(error.path("correlation_id").asText()).isEqualTo("req-500");
        assertThat(error.path("error").path("name").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(error.path("error").path("stack").asText()).contains("TelemetryTest");
        JsonNode summary = only(lines, line -> "request".equals(line.path("message").asText()));
        assertThat(summary.path("level").asText()).isEqualTo("WARN");
        assertThat(summary.path("status").asInt()).isEqualTo(500);
        JsonNode emf = only(lines, line -> line.has("_aws"));
        assertThat(metricNames(emf)).containsExactlyInAnyOrder("ApiRequests", "Api5xx");
    }

    @Test
    void anExpectedFailureIsNotLoggedAsAnError() {
        Telemetry telemetry = new Telemetry(TelemetryTest.class, Map.of());
        RuntimeException retried = new RuntimeException("retried by Step Functions");
        assertThatThrownBy(() -> telemetry.run("saga apply", "job-1", null, invocation -> {
            invocation.expectedFailure(retried);
            throw retried;
        })).isSameAs(retried);

        List<JsonNode> lines = lines();
        assertThat(lines).noneMatch(line -> "ERROR".equals(line.path("level").asText()));
        JsonNode summary = only(lines, line -> "saga apply".equals(line.path("message").asText()));
        assertThat(summary.path("level").asText()).isEqualTo("WARN");
        assertThat(summary.path("correlation_id").asText()).isEqualTo("job-1");
        assertThat(summary.path("error_type").asText()).isEqualTo(RuntimeException.class.getName());
    }

    @Test
    void airtableResponsesOfOneInvocationGoIntoItsOneEmfDocument() {
        Telemetry telemetry = new Telemetry(TelemetryTest.class, Map.of());
        telemetry.run("saga apply", "job-2", null, invocation -> {
            telemetry.airtableListener().onResponse(200, 12_000_000);
            telemetry.airtableListener().onResponse(429, 3_000_000);
            telemetry.penaltyListener().run();
            invocation.count(MetricNames.IMPORT_ROWS_APPLIED, 10);
            return null;
        });

        JsonNode emf = only(lines(), line -> line.has("_aws"));
        assertValidEmf(emf);
        assertThat(units(emf)).containsEntry("AirtableRequestLatency", "Milliseconds")
                .containsEntry("AirtableRateLimited", "Count").containsEntry("AirtablePenaltyStarted", "Count")
                .containsEntry("ImportRowsApplied", "Count");
        assertThat(emf.path("AirtableRequestLatency").isArray()).isTrue();
        assertThat(emf.path("AirtableRequestLatency").get(0).asDouble()).isEqualTo(12.0);
        assertThat(emf.path("AirtableRequestLatency").get(1).asDouble()).isEqualTo(3.0);
        assertThat(emf.path("AirtableRateLimited").asDouble()).isEqualTo(1.0);
        assertThat(emf.path("ImportRowsApplied").asDouble()).isEqualTo(10.0);
    }

    @Test
    void aMetricOutsideAnInvocationIsFlushedAtOnce() {
        Telemetry telemetry = new Telemetry(TelemetryTest.class, Map.of());
        telemetry.airtableListener().onResponse(200, 5_000_000);
        JsonNode emf = only(lines(), line -> line.has("_aws"));
        assertValidEmf(emf);
        assertThat(units(emf)).containsOnlyKeys("AirtableRequestLatency");
        assertThat(emf.has("correlation_id")).isFalse();
    }

    @Test
    void namespaceAndServiceComeFromTheHandlersEnvironment() {
        Telemetry telemetry = new Telemetry(TelemetryTest.class,
                Map.of("POWERTOOLS_METRICS_NAMESPACE", "Other", "POWERTOOLS_SERVICE_NAME", "svc"));
        telemetry.count(MetricNames.ROLLBACK_FAILED);
        JsonNode emf = only(lines(), line -> line.has("_aws"));
        JsonNode directive = emf.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("Other");
        assertThat(emf.path("service").asText()).isEqualTo("svc");
        assertThat(emf.path("RollbackFailed").asDouble()).isEqualTo(1.0);
    }

    @Test
    void unrecordedInvocationsPrintNothingAndLeaveTheColdStart() {
        Telemetry telemetry = new Telemetry(TelemetryTest.class, Map.of());
        try (Telemetry.Unrecorded quiet = Telemetry.unrecorded()) {
            APIGatewayV2HTTPResponse primed = telemetry.http(event("GET /bases", "priming"), null,
                    invocation -> ApiResponses.json(401, Map.of()));
            assertThat(primed.getStatusCode()).isEqualTo(401);
            telemetry.count(MetricNames.API_REQUESTS);
        }
        assertThat(lines()).isEmpty();

        telemetry.http(event("GET /bases", "first-real"), null, invocation -> ApiResponses.noContent());
        JsonNode summary = only(lines(), line -> "request".equals(line.path("message").asText()));
        assertThat(summary.path("cold_start").asBoolean()).isTrue();
    }

    /** EMF specification: Timestamp, one directive with Namespace, Dimensions [["service"]] and named metrics. */
    private static void assertValidEmf(JsonNode emf) {
        JsonNode aws = emf.path("_aws");
        assertThat(aws.path("Timestamp").isIntegralNumber()).isTrue();
        assertThat(aws.path("CloudWatchMetrics")).hasSize(1);
        JsonNode directive = aws.path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("PyAirtable");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"service\"]]");
        assertThat(emf.path("service").asText()).isEqualTo("pyairtable");
        for (JsonNode metric : directive.path("Metrics")) {
            assertThat(emf.has(metric.path("Name").asText())).as("value of %s", metric).isTrue();
        }
    }

    private static List<String> metricNames(JsonNode emf) {
        return List.copyOf(units(emf).keySet());
    }

    private static Map<String, String> units(JsonNode emf) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        emf.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics")
                .forEach(metric -> out.put(metric.path("Name").asText(), metric.path("Unit").asText()));
        return out;
    }

    private static JsonNode only(List<JsonNode> lines, java.util.function.Predicate<JsonNode> which) {
        List<JsonNode> matching = lines.stream().filter(which).toList();
        assertThat(matching).as("matching lines in %s", lines).hasSize(1);
        return matching.get(0);
    }

    /** Every line printed is one JSON object. */
    private List<JsonNode> lines() {
        List<JsonNode> out = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON line: " + line, e);
            }
        }
        return out;
    }

    private static APIGatewayV2HTTPEvent event(String route, String requestId) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey(route)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId(requestId).build())
                .build();
    }
}
