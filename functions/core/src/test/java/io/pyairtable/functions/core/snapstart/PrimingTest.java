package io.pyairtable.functions.core.snapstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class PrimingTest {
    @Test
    void aFailingStepIsReportedAndTheOthersStillRun() {
        int[] ran = new int[1];
        Priming priming = Priming.unregistered(new Object(), owner -> List.of(
                Priming.step("fails", () -> {
                    throw new IllegalStateException("boom");
                }),
                Priming.step("links badly", () -> {
                    throw new NoClassDefFoundError("gone");
                }),
                Priming.step("runs", () -> ran[0]++)));

        priming.beforeCheckpoint(null); // never throws: a failed priming must not fail the snapshot

        assertEquals(1, ran[0]);
        assertEquals(3, priming.lastReport().steps());
        assertEquals(2, priming.lastReport().failures().size());
        assertTrue(priming.lastReport().failures().get(0).startsWith("fails: java.lang.IllegalStateException: boom"));
    }

    @Test
    void registersOnlyWhenLambdaInitializesASnapStartVersion() {
        Object onDemand = new Object();
        assertTrue(Priming.register(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"), onDemand,
                owner -> List.of()).isEmpty());
        assertTrue(Priming.registeredFor(onDemand).isEmpty());

        Object snapStart = new Object();
        Priming registered = Priming.register(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"), snapStart,
                owner -> List.of()).orElseThrow();
        assertSame(registered, Priming.registeredFor(snapStart).orElseThrow());
    }

    @Test
    void theOfflineSdkStepsOpenNoConnection() throws Exception {
        try (CountingEndpoint endpoint = new CountingEndpoint()) {
            Map<String, String> env = Map.of("AWS_ENDPOINT_URL", endpoint.url(), "AWS_REGION", "eu-west-1");
            Priming priming = Priming.unregistered(new Object(), owner -> OfflineSdk.common(env));

            priming.beforeCheckpoint(null);

            assertEquals(List.of(), priming.lastReport().failures());
            assertEquals(3, priming.lastReport().steps());
            assertEquals(0, endpoint.connections());
            // the counter itself works: a real request to the endpoint is counted (and fails; the JDK retries once)
            assertThrows(java.io.IOException.class, () -> HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(java.net.URI.create(endpoint.url())).build(),
                    HttpResponse.BodyHandlers.discarding()));
            assertTrue(endpoint.connections() > 0);
        }
    }

    @Test
    void aStepThatReachesTheRealEndpointIsSeenByTheTestsCount() throws Exception {
        // what the *PrimingTest of each function relies on: a step calling AWS for real fails and is counted
        try (CountingEndpoint endpoint = new CountingEndpoint()) {
            Map<String, String> env = Map.of("AWS_ENDPOINT_URL", endpoint.url(), "AWS_REGION", "eu-west-1",
                    "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test");
            Priming priming = Priming.unregistered(new Object(), owner -> List.of(Priming.step("real GetItem", () ->
                    new io.pyairtable.functions.core.AwsClients(new io.pyairtable.functions.core.Env(env)).dynamoDb()
                            .getItem(b -> b.tableName("t").key(Map.of("pk",
                                    software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("k")))))));

            priming.beforeCheckpoint(null);

            assertEquals(1, priming.lastReport().failures().size());
            assertTrue(endpoint.connections() > 0);
        }
    }

    @Test
    void theOfflineHttpClientAnswersEachSdkCallWithoutASocket() {
        OfflineSdk.OfflineHttpClient http = OfflineSdk.OfflineHttpClient.json();
        try (DynamoDbClient db = OfflineSdk.client(DynamoDbClient.builder(), Map.of(), http)) {
            assertTrue(db.getItem(b -> b.tableName("t").key(Map.of("pk",
                    software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("k")))).item().isEmpty());
        }
        assertEquals(1, http.requests());
    }

    @Test
    void afterRestoreCountsTheRestoreAndMovesTheJitterSequence() {
        Priming priming = Priming.unregistered(new Object(), owner -> List.of());
        priming.afterRestore(null);
        assertEquals(1, priming.restores());
        int skipped = Priming.decorrelateJitter();
        assertTrue(skipped >= 0 && skipped < Priming.MAX_JITTER_SKIP);
    }
}
