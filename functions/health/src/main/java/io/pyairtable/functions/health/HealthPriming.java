package io.pyairtable.functions.health;

import static io.pyairtable.functions.core.snapstart.PrimingEvents.anonymous;
import static io.pyairtable.functions.core.snapstart.PrimingEvents.expect;

import io.pyairtable.functions.core.snapstart.Priming;
import java.util.List;

/**
 * SnapStart priming of {@link HealthHandler} ({@link Priming}): liveness answers from memory, so the whole route
 * runs. The deep check calls AWS and Airtable and is not primed.
 */
final class HealthPriming {
    private HealthPriming() {
    }

    static List<Priming.Step> steps(HealthHandler handler) {
        return List.of(Priming.step("GET /health", () ->
                expect(200, handler.handleRequest(anonymous("GET /health", "/health", null, null), null))));
    }
}
