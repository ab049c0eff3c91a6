package io.pyairtable.functions.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeepHealthTest {
    private static APIGatewayV2HTTPEvent deep() {
        return APIGatewayV2HTTPEvent.builder().withRouteKey("GET /health/deep").build();
    }

    private static Map<String, DeepHealth.Check> checks(DeepHealth.Check airtable) {
        Map<String, DeepHealth.Check> checks = new LinkedHashMap<>();
        checks.put("dynamodb", () -> "fine");
        checks.put("s3", () -> "HeadBucket");
        checks.put("airtable", airtable);
        return checks;
    }

    @Test
    void allOkIs200WithTimings() {
        APIGatewayV2HTTPResponse response = new HealthHandler(Map.of(), Clock.systemUTC(),
                new DeepHealth(checks(() -> "ok"))).handleRequest(deep(), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"status\":\"ok\"", "\"ms\":", "\"s3\":{\"status\":\"ok\"");
    }

    @Test
    void aFailedDependencyIs503AndNamesOnlyTheExceptionClass() {
        APIGatewayV2HTTPResponse response = new HealthHandler(Map.of(), Clock.systemUTC(),
                new DeepHealth(checks(() -> {
                    throw new IllegalStateException("secret pat123 leaked?");
                }))).handleRequest(deep(), null);
        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getBody()).contains("\"status\":\"degraded\"", "IllegalStateException")
                .doesNotContain("pat123");
    }

    @Test
    void livenessNeverBuildsTheDeepChecks() {
        // no environment at all: a deep check would fail at construction, liveness must not care
        APIGatewayV2HTTPResponse response = new HealthHandler(Map.of("STAGE", "dev"))
                .handleRequest(APIGatewayV2HTTPEvent.builder().withRouteKey("GET /health").build(), null);
        assertThat(response.getStatusCode()).isEqualTo(200);
    }
}
