package io.pyairtable.functions.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pyairtable.functions.core.snapstart.Priming;
import io.pyairtable.functions.core.snapstart.PrimingEvents;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SnapStart priming (docs/performance.md, "Cold start"): offline, complete, and the handler still answers. */
class HealthPrimingTest {
    @Test
    void primesOfflineAndStillAnswers() throws Exception {
        try (CountingEndpoint endpoint = new CountingEndpoint()) {
            HealthHandler handler = new HealthHandler(snapStartEnvironment(endpoint));
            assertTrue(prime(handler, endpoint).steps() >= 1);
            assertEquals(200, handler.handleRequest(PrimingEvents.anonymous("GET /health", "/health", null, null), null)
                    .getStatusCode());
            assertEquals(0, endpoint.connections());
        }
    }

    @Test
    void registersNothingOnDemand() {
        Map<String, String> env = Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        assertTrue(Priming.registeredFor(new HealthHandler(env)).isEmpty());
    }

    /** Every variable the handlers read; every endpoint (AWS, Airtable, model) is the counting port. */
    private static Map<String, String> snapStartEnvironment(CountingEndpoint endpoint) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_ENDPOINT_URL", endpoint.url());
        env.put("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", endpoint.url());
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AIRTABLE_API_URL", endpoint.url());
        env.put("ASSISTANT_API_URL", endpoint.url());
        env.put("STAGE", "test");
        env.put("USERS_TABLE", "users");
        env.put("JWT_SECRET_ID", "pyairtable/test/jwt");
        env.put("RATE_LIMITS_TABLE", "rate-limits");
        env.put("IMPORTS_TABLE", "imports");
        env.put("IMPORTS_BUCKET", "imports");
        env.put("IMPORT_SAGA_ARN", "arn:aws:states:eu-west-1:000000000000:stateMachine:import-saga");
        env.put("CONVERSATIONS_TABLE", "conversations");
        return env;
    }

    private static Priming.Report prime(Object handler, CountingEndpoint endpoint) {
        Priming priming = Priming.registeredFor(handler).orElseThrow();
        priming.beforeCheckpoint(null);
        Priming.Report report = priming.lastReport();
        assertEquals(List.of(), report.failures());
        assertEquals(0, endpoint.connections(), "priming (or the constructor) tried the network");
        return report;
    }
}
