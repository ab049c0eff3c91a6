package io.pyairtable.functions.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pyairtable.functions.core.snapstart.OfflinePriming;
import io.pyairtable.functions.core.snapstart.PrimingEvents;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SnapStart priming (docs/performance.md, "Cold start"): offline, complete, and the handler still answers. */
class RecordsPrimingTest {
    @Test
    void primesOfflineAndStillAnswers() throws Exception {
        try (OfflinePriming offline = new OfflinePriming()) {
            RecordsHandler handler = new RecordsHandler(offline.environment());
            assertTrue(offline.prime(handler).steps() > 5);
            assertEquals(400, handler.handleRequest(PrimingEvents.authorized("GET " + RecordsHandler.RECORD,
                    "/bases/appAAAAAAAAAAAAAA/tables/T/records/x", null,
                    Map.of("baseId", "appAAAAAAAAAAAAAA", "table", "T", "recordId", "x")), null).getStatusCode());
            assertEquals(0, offline.connections());
        }
    }
}
