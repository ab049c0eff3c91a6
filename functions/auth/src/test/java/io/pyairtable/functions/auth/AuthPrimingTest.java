package io.pyairtable.functions.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pyairtable.functions.core.snapstart.OfflinePriming;
import io.pyairtable.functions.core.snapstart.PrimingEvents;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SnapStart priming (docs/performance.md, "Cold start"): offline, complete, and the handlers still answer. */
class AuthPrimingTest {
    @Test
    void authPrimesOfflineAndStillAnswers() throws Exception {
        try (OfflinePriming offline = new OfflinePriming()) {
            AuthHandler handler = new AuthHandler(offline.environment());
            assertTrue(offline.prime(handler).steps() > 5);
            assertEquals(400, handler.handleRequest(PrimingEvents.anonymous("POST /auth/login", "/auth/login",
                    "{\"email\":\"someone@example.com\"}", null), null).getStatusCode());
            assertEquals(0, offline.connections());
        }
    }

    @Test
    void authorizerPrimesOfflineAndStillAnswers() throws Exception {
        try (OfflinePriming offline = new OfflinePriming()) {
            AuthorizerHandler handler = new AuthorizerHandler(offline.environment());
            assertTrue(offline.prime(handler).steps() > 3);
            var event = new com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent();
            event.setHeaders(Map.of("authorization", "Basic dXNlcjpwYXNz"));
            assertEquals(false, handler.handleRequest(event, null).get("isAuthorized"));
            assertEquals(0, offline.connections());
        }
    }
}
