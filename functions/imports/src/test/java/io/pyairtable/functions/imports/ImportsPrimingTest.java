package io.pyairtable.functions.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pyairtable.functions.core.snapstart.OfflinePriming;
import io.pyairtable.functions.core.snapstart.PrimingEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SnapStart priming (docs/performance.md, "Cold start"): offline, complete, and the handlers still answer. */
class ImportsPrimingTest {
    @Test
    void importsPrimesOfflineAndStillAnswers() throws Exception {
        try (OfflinePriming offline = new OfflinePriming()) {
            ImportsHandler handler = new ImportsHandler(offline.environment());
            assertTrue(offline.prime(handler).steps() > 5);
            assertEquals(400, handler.handleRequest(PrimingEvents.authorized("POST /imports", "/imports",
                    "{\"baseId\":\"nope\"}", null), null).getStatusCode());
            assertEquals(0, offline.connections());
        }
    }

    @Test
    void triggerPrimesOfflineAndStillIgnoresForeignKeys() throws Exception {
        try (OfflinePriming offline = new OfflinePriming()) {
            ImportTriggerHandler handler = new ImportTriggerHandler(offline.environment());
            assertTrue(offline.prime(handler).steps() > 4);
            var record = new com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification
                    .S3EventNotificationRecord("eu-west-1", "ObjectCreated:Put", "aws:s3", "2024-01-01T00:00:00.000Z",
                    "2.1", null, null, new com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification
                    .S3Entity("c", new com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification
                    .S3BucketEntity("imports", null, "arn:aws:s3:::imports"),
                    new com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification
                    .S3ObjectEntity("elsewhere/file.csv", 3L, "e", null, "1"), "1.0"), null);
            assertEquals("0 file(s) handled", handler.handleRequest(
                    new com.amazonaws.services.lambda.runtime.events.S3Event(List.of(record)), null));
            assertEquals(0, offline.connections());
        }
    }

    @Test
    void sagaPrimesOffline() throws Exception {
        try (OfflinePriming offline = new OfflinePriming()) {
            SagaHandler handler = new SagaHandler(offline.environment());
            assertTrue(offline.prime(handler).steps() > 4);
        }
    }
}
