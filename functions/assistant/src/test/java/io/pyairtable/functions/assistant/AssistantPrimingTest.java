package io.pyairtable.functions.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pyairtable.functions.core.snapstart.OfflinePriming;
import io.pyairtable.functions.core.snapstart.PrimingEvents;
import org.junit.jupiter.api.Test;

/** SnapStart priming (docs/performance.md, "Cold start"): offline, complete, and the handler still answers. */
class AssistantPrimingTest {
    @Test
    void primesOfflineAndStillAnswers() throws Exception {
        try (OfflinePriming offline = new OfflinePriming()) {
            AssistantHandler handler = new AssistantHandler(offline.environment());
            assertTrue(offline.prime(handler).steps() > 4);
            assertEquals(401, handler.handleRequest(PrimingEvents.anonymous("POST /assistant/conversations",
                    "/assistant/conversations", null, null), null).getStatusCode());
            assertEquals(0, offline.connections());
        }
    }
}
