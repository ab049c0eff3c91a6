package io.pyairtable.functions.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pyairtable.functions.core.snapstart.OfflinePriming;
import io.pyairtable.functions.core.snapstart.Priming;
import io.pyairtable.functions.core.snapstart.PrimingEvents;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SnapStart priming (docs/performance.md, "Cold start"): offline, complete, and the handler still answers. */
class HealthPrimingTest {
    @Test
    void primesOfflineAndStillAnswers() throws Exception {
        try (OfflinePriming offline = new OfflinePriming()) {
            HealthHandler handler = new HealthHandler(offline.environment());
            assertTrue(offline.prime(handler).steps() >= 1);
            assertEquals(200, handler.handleRequest(PrimingEvents.anonymous("GET /health", "/health", null, null), null)
                    .getStatusCode());
            assertEquals(0, offline.connections());
        }
    }

    @Test
    void registersNothingOnDemand() {
        Map<String, String> env = Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        assertTrue(Priming.registeredFor(new HealthHandler(env)).isEmpty());
    }
}
