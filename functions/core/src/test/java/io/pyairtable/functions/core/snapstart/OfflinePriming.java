package io.pyairtable.functions.core.snapstart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * For the function modules' priming tests (core's test-jar): a SnapStart environment whose every endpoint (AWS,
 * Airtable, model) is one {@link CountingEndpoint}, and {@link #prime} which runs a handler's registered priming and
 * fails on any failed step or connection attempt.
 */
public final class OfflinePriming implements AutoCloseable {
    private final CountingEndpoint endpoint;

    public OfflinePriming() throws IOException {
        this.endpoint = new CountingEndpoint();
    }

    /** Every variable the handlers read, as a SnapStart init would see them. */
    public Map<String, String> environment() {
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

    /** Runs the priming registered for {@code handler}: no step may fail and nothing may reach the network. */
    public Priming.Report prime(Object handler) {
        Priming priming = Priming.registeredFor(handler).orElseThrow();
        priming.beforeCheckpoint(null);
        Priming.Report report = priming.lastReport();
        assertEquals(List.of(), report.failures());
        assertEquals(0, endpoint.connections(), "priming (or the constructor) tried the network");
        return report;
    }

    /** Connections made to the endpoint so far (every attempt counts, none succeeds). */
    public int connections() {
        return endpoint.connections();
    }

    @Override
    public void close() throws IOException {
        endpoint.close();
    }
}
