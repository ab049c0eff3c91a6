package io.pyairtable.local.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pyairtable.functions.core.AwsClients;
import io.pyairtable.functions.core.DynamoDbRateLimiter;
import io.pyairtable.functions.core.Env;
import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.LocalCloudOptions;
import io.pyairtable.local.aws.AwsServiceException;
import io.pyairtable.local.aws.FaultInjectingService;
import io.pyairtable.local.lambda.InvocationResult;
import io.pyairtable.local.stepfunctions.ExecutionInfo;
import io.pyairtable.local.stepfunctions.ExecutionStatus;
import io.pyairtable.sandbox.Fault;
import io.pyairtable.sandbox.FaultHandle;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The saga's fault-injection suite (issue 6, docs/testing.md "Saga fault-injection suite"): change sets and file
 * imports through the whole local cloud (HTTP API → ImportsFunction / S3 → ImportTriggerFunction → ImportSaga →
 * SagaFunction → sandbox), with faults injected at every point a write can fail: the sandbox's 500s (before and
 * after applying), 502s, 429s, timeouts, dropped connections and Airtable's own 422s, and the local DynamoDB failing
 * the ledger write after Airtable accepted a batch (a function crash). For each, the end state is either every row
 * applied exactly once (SUCCEEDED) or the table exactly as before (ROLLED_BACK, CANCELLED, REJECTED), and the job
 * says which. Each scenario has its own sandbox base and fault rules that only match it, so they run side by
 * side.
 */
class SagaFaultInjectionTest {
    /** Longer than the functions' 1 s Airtable request timeout. */
    private static final Duration LONG_DELAY = Duration.ofMillis(1500);
    /** Scenarios run side by side (they mostly wait: retries, rate limits, delays); each has its own base. */
    private static final int LANES = 4;

    private static LocalCloud cloud;
    private static ImportsApiClient api;
    private static String user;
    private static DynamoDbClient dynamoDb;
    private static DynamoDbRateLimiter limiter;
    private static String importsTable;
    private static int sdkAttempts;
    private static ExecutorService lanes;
    private static final Map<String, String> JOB_BASES = new ConcurrentHashMap<>();

    /** A scenario: "kind, fault point → expected end state" (docs/testing.md lists the same) and its body. */
    private record Scenario(String name, Body body) {
    }

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    /** Every scenario; the long ones (mostly waiting) first, so they overlap the others. */
    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("mixed, 429 storm outlasting the saga's retries → ROLLED_BACK with AIRTABLE_RATE_LIMITED",
                    SagaFaultInjectionTest::stormLongerThanTheSagaRetries),
            new Scenario("finalize, DynamoDB fails its step-event write on every retry → ROLLED_BACK, table as before",
                    SagaFaultInjectionTest::finalizeKeepsFailing),
            new Scenario("compensation, persistent 500s → ROLLBACK_FAILED, the ledger kept, the job says so",
                    SagaFaultInjectionTest::compensationPersistentFailure),
            new Scenario("create, 429s beyond the client's deadline on the first batch, records with the same names made"
                    + " just before by someone else → retried, SUCCEEDED, theirs untouched",
                    SagaFaultInjectionTest::createRateLimitedBeyondTheClientWithSameNamesAround),
            new Scenario("create, no fault → SUCCEEDED",
                    SagaFaultInjectionTest::createWithoutFault),
            new Scenario("create, 500 before apply on the first batch → retried, SUCCEEDED",
                    SagaFaultInjectionTest::createServerErrorOnFirstBatch),
            new Scenario("create, 500 after apply on the middle batch (lost response) → reconciled, SUCCEEDED once",
                    SagaFaultInjectionTest::createLostResponseOnMiddleBatch),
            new Scenario("create, 500 after apply on the last batch (lost response) → reconciled, SUCCEEDED once",
                    SagaFaultInjectionTest::createLostResponseOnLastBatch),
            new Scenario("create, 502 (not JSON) twice on the first batch → retried, SUCCEEDED",
                    SagaFaultInjectionTest::createBadGateway),
            new Scenario("create, connection dropped after apply on the middle batch → reconciled, SUCCEEDED once",
                    SagaFaultInjectionTest::createDroppedConnection),
            new Scenario("create, timeout before apply (applied 1.5 s later, after the client gave up) → SUCCEEDED once",
                    SagaFaultInjectionTest::createTimeoutBeforeApply),
            new Scenario("create, timeout after apply (response 1.5 s late) on the last batch → reconciled, SUCCEEDED once",
                    SagaFaultInjectionTest::createTimeoutAfterApply),
            new Scenario("create, crash after Airtable applied the middle batch, before the ledger's APPLIED write → SUCCEEDED once",
                    SagaFaultInjectionTest::createCrashBeforeLedgerWrite),
            new Scenario("create, crash before the ledger's PENDING write (nothing sent to Airtable) → SUCCEEDED",
                    SagaFaultInjectionTest::createCrashBeforePendingWrite),
            new Scenario("create, crash after the middle batch's APPLIED write, before the last batch → SUCCEEDED, counts right",
                    SagaFaultInjectionTest::createCrashBetweenBatches),
            new Scenario("create, Airtable 422 on the last batch (link to a record that does not exist) → ROLLED_BACK",
                    SagaFaultInjectionTest::createRefusedOnLastBatch),
            new Scenario("update, 500 before apply on the middle batch → retried, SUCCEEDED",
                    SagaFaultInjectionTest::updateServerError),
            new Scenario("update, 500 after apply 6 times on the first batch (beyond the client's retries) → step retried, SUCCEEDED",
                    SagaFaultInjectionTest::updateLostResponsesBeyondClientRetries),
            new Scenario("update, timeout before apply on the first batch → SUCCEEDED",
                    SagaFaultInjectionTest::updateTimeoutBeforeApply),
            new Scenario("update, timeout before apply on the first batch (lands late), then a 422 → ROLLED_BACK, previous values stay",
                    SagaFaultInjectionTest::updateTimeoutThenRefused),
            new Scenario("update, crash after Airtable applied the last batch, before the ledger's APPLIED write → SUCCEEDED",
                    SagaFaultInjectionTest::updateCrashBeforeLedgerWrite),
            new Scenario("update, Airtable 422 on the middle batch (invalid select option) → ROLLED_BACK, previous values back",
                    SagaFaultInjectionTest::updateRefusedOnMiddleBatch),
            new Scenario("update of a record deleted meanwhile (by someone else) → ROLLED_BACK, the rest as before",
                    SagaFaultInjectionTest::updateOfARecordDeletedMeanwhile),
            new Scenario("upsert, 500 after apply 6 times on the first batch → step retried, SUCCEEDED once",
                    SagaFaultInjectionTest::upsertLostResponses),
            new Scenario("upsert, connection dropped after apply on the last batch → SUCCEEDED once",
                    SagaFaultInjectionTest::upsertDroppedConnection),
            new Scenario("upsert, crash before the ledger's APPLIED write, then a 422 later → ROLLED_BACK, the upsert's creates deleted",
                    SagaFaultInjectionTest::upsertCrashThenRefused),
            new Scenario("delete, 500 after apply on the middle batch (lost response) → SUCCEEDED",
                    SagaFaultInjectionTest::deleteLostResponse),
            new Scenario("delete, connection dropped after apply on the first batch → SUCCEEDED",
                    SagaFaultInjectionTest::deleteDroppedConnection),
            new Scenario("delete, crash after Airtable applied the middle batch, before the ledger's APPLIED write → SUCCEEDED",
                    SagaFaultInjectionTest::deleteCrashBeforeLedgerWrite),
            new Scenario("delete, then a 422 → ROLLED_BACK, deleted records recreated (new ids, same fields)",
                    SagaFaultInjectionTest::deleteThenRefused),
            new Scenario("mixed, no fault → SUCCEEDED",
                    SagaFaultInjectionTest::mixedWithoutFault),
            new Scenario("mixed, 500 after apply on the upsert batch → SUCCEEDED once",
                    SagaFaultInjectionTest::mixedLostUpsertResponse),
            new Scenario("mixed, a few 429s on every kind of request → waits, SUCCEEDED",
                    SagaFaultInjectionTest::mixedFewRateLimits),
            new Scenario("mixed, timeout before apply on the delete batch → SUCCEEDED",
                    SagaFaultInjectionTest::mixedDeleteTimeout),
            new Scenario("mixed, Airtable 422 on the last batch → ROLLED_BACK: creates deleted, upserts and updates restored, deletes recreated",
                    SagaFaultInjectionTest::mixedRefusedOnLastBatch),
            new Scenario("compensation, 500s on its deletes beyond the client's retries → compensation retried, ROLLED_BACK",
                    SagaFaultInjectionTest::compensationTransientFailure),
            new Scenario("compensation, lost responses on its deletes → ROLLED_BACK",
                    SagaFaultInjectionTest::compensationLostResponses),
            new Scenario("compensation, crash after recreating deleted records, before the ledger's COMPENSATED write → ROLLED_BACK, recreated once",
                    SagaFaultInjectionTest::compensationCrashBeforeLedgerWrite),
            new Scenario("import, 500 after apply on the middle batch → reconciled, SUCCEEDED once",
                    SagaFaultInjectionTest::importLostResponse),
            new Scenario("import, timeout before apply on the first batch → SUCCEEDED once",
                    SagaFaultInjectionTest::importTimeoutBeforeApply),
            new Scenario("import, crash after Airtable applied the last batch, before the ledger's APPLIED write → SUCCEEDED once",
                    SagaFaultInjectionTest::importCrashBeforeLedgerWrite),
            new Scenario("import, a bad row mid-file with onInvalidRows=reject → REJECTED, nothing written",
                    SagaFaultInjectionTest::importBadRowRejected),
            new Scenario("import, a bad row mid-file with onInvalidRows=skip, and a lost response → SUCCEEDED with the valid rows once",
                    SagaFaultInjectionTest::importBadRowsSkipped),
            new Scenario("import, Airtable 422 mid-file (a link to a record that does not exist) → ROLLED_BACK",
                    SagaFaultInjectionTest::importRefusedMidFile),
            new Scenario("import, Airtable 422 in one chunk while another is still being applied → ROLLED_BACK, nothing left behind",
                    SagaFaultInjectionTest::importChunkRefusedWhileAnotherIsApplied),
            new Scenario("import, cancelled while its chunks are being applied → CANCELLED, table as before",
                    SagaFaultInjectionTest::importCancelledWhileRunning),
            new Scenario("change set, StartExecution retried (same name and input) while running and after, and an apply step repeated → applied once",
                    SagaFaultInjectionTest::retriedStartAppliesOnce),
            new Scenario("import, the file uploaded again to the same key (S3 event delivered twice) → ignored, rows applied once",
                    SagaFaultInjectionTest::redeliveredUploadAppliesOnce));

    @BeforeAll
    static void start() throws Exception {
        cloud = LocalCloud.start(LocalCloudOptions.forTests(Path.of("../template.yaml"))
                .withParameters(Map.of("AirtablePenaltySeconds", "1", "AirtableRequestTimeoutSeconds", "1"))
                .withTimeScale(0.02).withLog(Boolean.getBoolean("saga.log") ? System.err
                        : new PrintStream(PrintStream.nullOutputStream())));
        api = new ImportsApiClient(cloud);
        user = api.api().newUser("Saga");
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL", cloud.awsUrl().toString(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "pyairtable-local", "AWS_SECRET_ACCESS_KEY", "pyairtable-local-secret");
        dynamoDb = new AwsClients(new Env(env)).dynamoDb();
        limiter = DynamoDbRateLimiter.airtableDefaults(dynamoDb,
                cloud.template().tables().get("RateLimitsTable").tableName());
        importsTable = cloud.template().tables().get("ImportsTable").tableName();
        // the functions build their DynamoDB client the same way: this is how often one of their calls is tried
        var override = dynamoDb.serviceClientConfiguration().overrideConfiguration();
        sdkAttempts = override.retryStrategy().map(strategy -> strategy.maxAttempts())
                .or(() -> override.retryPolicy().map(policy -> policy.numRetries() + 1))
                .orElseThrow(() -> new IllegalStateException("cannot tell how often the DynamoDB client tries a call"));
        lanes = Executors.newFixedThreadPool(LANES, runnable -> {
            Thread thread = new Thread(runnable, "saga-scenario");
            thread.setDaemon(true);
            return thread;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (lanes != null) {
            lanes.shutdownNow();
            lanes.awaitTermination(1, TimeUnit.MINUTES);
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    /**
     * One test per scenario. All start at once on {@link #LANES} threads; each test waits for its own.
     * {@code -Dsaga.scenario=<text>} runs only the scenarios whose name contains the text; {@code -Dsaga.log=true}
     * prints the functions' logs.
     */
    @TestFactory
    Stream<DynamicTest> scenarios() {
        String only = System.getProperty("saga.scenario", "");
        List<Scenario> chosen = SCENARIOS.stream().filter(s -> s.name().contains(only)).toList();
        Map<Scenario, Future<?>> runs = new LinkedHashMap<>();
        for (Scenario scenario : chosen) {
            runs.put(scenario, lanes.submit(() -> {
                scenario.body().run();
                return null;
            }));
        }
        return chosen.stream().map(scenario -> DynamicTest.dynamicTest(scenario.name(), () -> {
            try {
                runs.get(scenario).get(3, TimeUnit.MINUTES);
            } catch (ExecutionException failed) {
                throw failed.getCause();
            }
        }));
    }

    private static SagaScenario scenario() {
        return new SagaScenario(cloud, api, user, limiter);
    }

    // ------------------------------------------------------------------ change sets

    /** 3 seeds; 25 creates "New 1".."New 25" = batches of 10, 10, 5. */
    private static SagaScenario creates() {
        SagaScenario s = scenario();
        s.seed(3);
        s.snapshot();
        for (int i = 1; i <= 25; i++) {
            s.create(Map.of("Name", "New " + i, "Age", i, "Team", i % 2 == 0 ? "Red" : "Blue"));
        }
        return s;
    }

    /** 25 seeds, each updated (Age, Team) = batches of 10, 10, 5. */
    private static SagaScenario updates() {
        SagaScenario s = scenario();
        List<String> ids = s.seed(25);
        s.snapshot();
        for (int i = 0; i < ids.size(); i++) {
            s.update(ids.get(i), Map.of("Age", 100 + i, "Team", i % 2 == 0 ? "Red" : "Blue"));
        }
        return s;
    }

    /** 10 seeds; 20 upserts on Name: "Seed 1".."Seed 10" update, "Up 11".."Up 20" create = batches of 10, 10. */
    private static SagaScenario upserts() {
        SagaScenario s = scenario();
        s.seed(10);
        s.snapshot();
        for (int i = 1; i <= 20; i++) {
            s.upsert(Map.of("Name", (i <= 10 ? "Seed " : "Up ") + i, "Age", 200 + i));
        }
        return s;
    }

    /** 28 seeds, the first 25 deleted = batches of 10, 10, 5. */
    private static SagaScenario deletes() {
        SagaScenario s = scenario();
        List<String> ids = s.seed(28);
        s.snapshot();
        ids.subList(0, 25).forEach(s::delete);
        return s;
    }

    /** 10 seeds; 5 creates, 3 upserts (1 update, 2 creates), 3 deletes, 3 updates: 4 batches in that order. */
    private static SagaScenario mixed(Map<String, Object> lastUpdate) {
        SagaScenario s = scenario();
        List<String> ids = s.seed(10);
        s.snapshot();
        for (int i = 1; i <= 5; i++) {
            s.create(Map.of("Name", "New " + i, "Age", i));
        }
        s.upsert(Map.of("Name", "Seed 4", "Age", 44, "Team", "Red"));
        s.upsert(Map.of("Name", "Up 1", "Age", 51));
        s.upsert(Map.of("Name", "Up 2", "Age", 52, "Team", "Blue"));
        ids.subList(6, 9).forEach(s::delete);
        s.update(ids.get(0), Map.of("Age", 90));
        s.update(ids.get(1), Map.of("Team", "Red"));
        s.update(ids.get(2), lastUpdate);
        return s;
    }

    private static SagaScenario mixed() {
        return mixed(Map.of("Age", 92, "Team", "Blue"));
    }

    /** An update Airtable refuses with 422 (not a choice of the single select, no typecast). */
    private static final Map<String, Object> REFUSED = Map.of("Team", "Green");

    private static JsonNode run(SagaScenario s) throws Exception {
        s.submitChangeSet();
        JsonNode job = s.await();
        s.clearFaults();
        return job;
    }

    private static void createWithoutFault() throws Exception {
        SagaScenario s = creates();
        s.assertSucceeded(run(s));
    }

    private static void createServerErrorOnFirstBatch() throws Exception {
        SagaScenario s = creates();
        FaultHandle fault = s.fault(Fault.on("POST", s.path()).serverError());
        s.assertSucceeded(run(s));
        assertThat(fault.fired()).isEqualTo(1);
    }

    private static void createLostResponseOnMiddleBatch() throws Exception {
        SagaScenario s = creates();
        FaultHandle fault = s.fault(Fault.on("POST", s.path()).after(1).serverErrorAfterApply());
        s.assertSucceeded(run(s));
        assertThat(fault.fired()).isEqualTo(1);
    }

    private static void createLostResponseOnLastBatch() throws Exception {
        SagaScenario s = creates();
        FaultHandle fault = s.fault(Fault.on("POST", s.path()).after(2).serverErrorAfterApply());
        s.assertSucceeded(run(s));
        assertThat(fault.fired()).isEqualTo(1);
    }

    private static void createBadGateway() throws Exception {
        SagaScenario s = creates();
        FaultHandle fault = s.fault(Fault.on("POST", s.path()).times(2).badGateway());
        s.assertSucceeded(run(s));
        assertThat(fault.fired()).isEqualTo(2);
    }

    private static void createDroppedConnection() throws Exception {
        SagaScenario s = creates();
        FaultHandle fault = s.fault(Fault.on("POST", s.path()).after(1).dropAfterApply());
        s.assertSucceeded(run(s));
        assertThat(fault.fired()).isEqualTo(1);
    }

    private static void createTimeoutBeforeApply() throws Exception {
        SagaScenario s = creates();
        FaultHandle fault = s.fault(Fault.on("POST", s.path()).after(1).delay(LONG_DELAY));
        s.assertSucceeded(run(s));
        assertThat(fault.fired()).isEqualTo(1);
    }

    private static void createTimeoutAfterApply() throws Exception {
        SagaScenario s = creates();
        FaultHandle fault = s.fault(Fault.on("POST", s.path()).after(2).delayAfterApply(LONG_DELAY));
        s.assertSucceeded(run(s));
        assertThat(fault.fired()).isEqualTo(1);
    }

    private static void createCrashBeforeLedgerWrite() throws Exception {
        SagaScenario s = creates();
        FaultInjectingService.Rule crash = crashBeforeApplied(s, 0, 1);
        s.assertSucceeded(run(s));
        assertThat(crash.fired()).isEqualTo(sdkAttempts);
        assertThat(s.ledger(dynamoDb, importsTable)).containsValues("APPLIED").doesNotContainValue("PENDING");
    }

    private static void createCrashBeforePendingWrite() throws Exception {
        SagaScenario s = creates();
        FaultInjectingService.Rule crash = s.dynamoFault("PutItem", body -> sortKey(body).equals(batchKey(0, 2))
                && ofBase(body, s.base), sdkAttempts);
        s.assertSucceeded(run(s));
        assertThat(crash.fired()).isEqualTo(sdkAttempts);
    }

    private static void createCrashBetweenBatches() throws Exception {
        SagaScenario s = creates();
        FaultInjectingService.Rule crash = s.dynamoFault("GetItem", body -> sortKey(body).equals(batchKey(0, 2))
                && ofBase(body, s.base), sdkAttempts);
        s.assertSucceeded(run(s));
        assertThat(crash.fired()).isEqualTo(sdkAttempts);
    }

    private static void finalizeKeepsFailing() throws Exception {
        SagaScenario s = creates();
        FaultInjectingService.Rule crash = s.dynamoFault("UpdateItem", body -> sortKey(body).equals("META")
                && body.at("/ExpressionAttributeValues/:event/L/0/M/name/S").asText().equals("Apply")
                && body.at("/ExpressionAttributeValues/:event/L/0/M/status/S").asText().equals("SUCCEEDED")
                && ofBase(body, s.base), 1000);
        JsonNode job = run(s);
        s.assertUndone(job, "ROLLED_BACK", "AWS_UNAVAILABLE");
        assertThat(crash.fired()).as("every attempt of Finalize and its retries").isEqualTo(5 * sdkAttempts);
    }

    private static void createRateLimitedBeyondTheClientWithSameNamesAround() throws Exception {
        SagaScenario s = scenario();
        // someone else's records with the names the change set creates, made just before it (in CreatedRecords' window)
        s.people.create(List.of(Map.of("Name", "Dup 1"), Map.of("Name", "Dup 2"), Map.of("Name", "Dup 3")));
        s.snapshot();
        for (int i = 1; i <= 3; i++) {
            s.create(Map.of("Name", "Dup " + i, "Age", i));
        }
        FaultHandle storm = s.fault(Fault.on("POST", s.path()).unlimited().rateLimited());
        s.submitChangeSet();
        awaitHistoryEvent(s, "TaskFailed", Duration.ofSeconds(60)); // the client gave up: the step failed
        storm.remove();
        JsonNode job = s.await();
        s.clearFaults();
        s.assertSucceeded(job); // the seeds kept, three new records: none of the seeds taken for the change set's
        assertThat(storm.fired()).isGreaterThan(5);
    }

    private static void createRefusedOnLastBatch() throws Exception {
        SagaScenario s = scenario();
        s.seed(3);
        s.snapshot();
        for (int i = 1; i <= 25; i++) {
            s.create(i == 23 ? Map.of("Name", "New " + i, "Company", List.of("recAAAAAAAAAAAAAA"))
                    : Map.of("Name", "New " + i));
        }
        JsonNode job = run(s);
        s.assertUndone(job, "ROLLED_BACK", "CHANGE_REJECTED");
        assertThat(job.at("/counts/applied").asLong()).isEqualTo(20);
    }

    private static void updateServerError() throws Exception {
        SagaScenario s = updates();
        FaultHandle fault = s.fault(Fault.on("PATCH", s.path()).after(1).serverError());
        s.assertSucceeded(run(s));
        assertThat(fault.fired()).isEqualTo(1);
    }

    private static void updateLostResponsesBeyondClientRetries() throws Exception {
        SagaScenario s = updates();
        FaultHandle fault = s.fault(Fault.on("PATCH", s.path()).times(6).serverErrorAfterApply());
        s.assertSucceeded(run(s));
        assertThat(fault.fired()).isEqualTo(6);
    }

    private static void updateTimeoutBeforeApply() throws Exception {
        SagaScenario s = updates();
        FaultHandle fault = s.fault(Fault.on("PATCH", s.path()).delay(LONG_DELAY));
        s.assertSucceeded(run(s));
        assertThat(fault.fired()).isEqualTo(1);
    }

    private static void updateTimeoutThenRefused() throws Exception {
        SagaScenario s = scenario();
        List<String> ids = s.seed(25);
        s.snapshot();
        for (int i = 0; i < ids.size(); i++) {
            s.update(ids.get(i), i == 24 ? REFUSED : Map.of("Age", 100 + i));
        }
        FaultHandle fault = s.fault(Fault.on("PATCH", s.path()).delay(LONG_DELAY));
        s.assertUndone(run(s), "ROLLED_BACK", "CHANGE_REJECTED");
        assertThat(fault.fired()).isEqualTo(1);
    }

    private static void updateCrashBeforeLedgerWrite() throws Exception {
        SagaScenario s = updates();
        FaultInjectingService.Rule crash = crashBeforeApplied(s, 0, 2);
        s.assertSucceeded(run(s));
        assertThat(crash.fired()).isEqualTo(sdkAttempts);
    }

    private static void updateRefusedOnMiddleBatch() throws Exception {
        SagaScenario s = scenario();
        List<String> ids = s.seed(25);
        s.snapshot();
        for (int i = 0; i < ids.size(); i++) {
            s.update(ids.get(i), i == 14 ? REFUSED : Map.of("Age", 100 + i, "Team", "Red"));
        }
        JsonNode job = run(s);
        s.assertUndone(job, "ROLLED_BACK", "CHANGE_REJECTED");
        assertThat(job.at("/counts/applied").asLong()).isEqualTo(10);
    }

    private static void updateOfARecordDeletedMeanwhile() throws Exception {
        SagaScenario s = scenario();
        List<String> ids = s.seed(5);
        s.snapshot();
        for (int i = 1; i <= 10; i++) {
            s.create(Map.of("Name", "New " + i));
        }
        s.update(ids.get(0), Map.of("Age", 1));
        s.fault(Fault.on("POST", s.path()).delay(Duration.ofMillis(600))); // holds the creates while we delete
        s.submitChangeSet();
        s.externalDelete(ids.get(0));
        JsonNode job = s.await();
        s.clearFaults();
        s.assertUndone(job, "ROLLED_BACK", "CHANGE_REJECTED");
        assertThat(job.at("/error/message").asText()).contains(ids.get(0));
    }

    private static void upsertLostResponses() throws Exception {
        SagaScenario s = upserts();
        FaultHandle fault = s.fault(Fault.on("PATCH", s.path()).times(6).serverErrorAfterApply());
        s.assertSucceeded(run(s));
        assertThat(fault.fired()).isEqualTo(6);
    }

    private static void upsertDroppedConnection() throws Exception {
        SagaScenario s = upserts();
        FaultHandle fault = s.fault(Fault.on("PATCH", s.path()).after(1).dropAfterApply());
        s.assertSucceeded(run(s));
        assertThat(fault.fired()).isEqualTo(1);
    }

    private static void upsertCrashThenRefused() throws Exception {
        SagaScenario s = scenario();
        List<String> ids = s.seed(10);
        s.snapshot();
        for (int i = 1; i <= 10; i++) {
            s.upsert(Map.of("Name", (i <= 5 ? "Seed " : "Up ") + i, "Age", 300 + i)); // 5 updates, 5 creates
        }
        s.update(ids.get(9), REFUSED);
        FaultInjectingService.Rule crash = crashBeforeApplied(s, 0, 0);
        JsonNode job = run(s);
        s.assertUndone(job, "ROLLED_BACK", "CHANGE_REJECTED");
        assertThat(crash.fired()).isEqualTo(sdkAttempts);
    }

    private static void deleteLostResponse() throws Exception {
        SagaScenario s = deletes();
        FaultHandle fault = s.fault(Fault.on("DELETE", s.path()).after(1).serverErrorAfterApply());
        s.assertSucceeded(run(s));
        assertThat(fault.fired()).isEqualTo(1);
    }

    private static void deleteDroppedConnection() throws Exception {
        SagaScenario s = deletes();
        FaultHandle fault = s.fault(Fault.on("DELETE", s.path()).dropAfterApply());
        s.assertSucceeded(run(s));
        assertThat(fault.fired()).isEqualTo(1);
    }

    private static void deleteCrashBeforeLedgerWrite() throws Exception {
        SagaScenario s = deletes();
        FaultInjectingService.Rule crash = crashBeforeApplied(s, 0, 1);
        s.assertSucceeded(run(s));
        assertThat(crash.fired()).isEqualTo(sdkAttempts);
    }

    private static void deleteThenRefused() throws Exception {
        SagaScenario s = scenario();
        List<String> ids = s.seed(15);
        s.snapshot();
        ids.subList(0, 12).forEach(s::delete);
        s.update(ids.get(14), REFUSED);
        s.assertUndone(run(s), "ROLLED_BACK", "CHANGE_REJECTED");
    }

    private static void mixedWithoutFault() throws Exception {
        SagaScenario s = mixed();
        s.assertSucceeded(run(s));
    }

    private static void mixedLostUpsertResponse() throws Exception {
        SagaScenario s = mixed();
        FaultHandle fault = s.fault(Fault.on("PATCH", s.path()).times(6).serverErrorAfterApply());
        s.assertSucceeded(run(s));
        assertThat(fault.fired()).isEqualTo(6);
    }

    private static void mixedFewRateLimits() throws Exception {
        SagaScenario s = mixed();
        FaultHandle fault = s.fault(Fault.on(null, "/v0/" + s.base + "/").after(2).times(4).rateLimited());
        s.assertSucceeded(run(s));
        assertThat(fault.fired()).isEqualTo(4);
    }

    private static void mixedDeleteTimeout() throws Exception {
        SagaScenario s = mixed();
        FaultHandle fault = s.fault(Fault.on("DELETE", s.path()).delay(LONG_DELAY));
        s.assertSucceeded(run(s));
        assertThat(fault.fired()).isEqualTo(1);
    }

    private static void mixedRefusedOnLastBatch() throws Exception {
        SagaScenario s = mixed(REFUSED);
        s.assertUndone(run(s), "ROLLED_BACK", "CHANGE_REJECTED");
    }

    private static void stormLongerThanTheSagaRetries() throws Exception {
        SagaScenario s = mixed();
        // every write after the first two batches is refused until the saga gives up (compensation is not refused:
        // its deletes and restores come after the rule is removed)
        FaultHandle fault = s.fault(Fault.on("PATCH", s.path()).after(1).unlimited().rateLimited());
        s.submitChangeSet();
        awaitStatus(s, "ROLLING_BACK", Duration.ofMinutes(2));
        fault.remove();
        JsonNode job = s.await();
        s.clearFaults();
        s.assertUndone(job, "ROLLED_BACK", "AIRTABLE_RATE_LIMITED");
        assertThat(fault.fired()).isGreaterThan(4);
    }

    private static void compensationTransientFailure() throws Exception {
        SagaScenario s = mixed(REFUSED);
        FaultHandle fault = s.fault(Fault.on("DELETE", s.path()).after(1).times(6).serverError());
        s.assertUndone(run(s), "ROLLED_BACK", "CHANGE_REJECTED");
        assertThat(fault.fired()).isEqualTo(6);
    }

    private static void compensationLostResponses() throws Exception {
        SagaScenario s = mixed(REFUSED);
        FaultHandle fault = s.fault(Fault.on("DELETE", s.path()).after(1).times(2).serverErrorAfterApply());
        s.assertUndone(run(s), "ROLLED_BACK", "CHANGE_REJECTED");
        assertThat(fault.fired()).isEqualTo(2);
    }

    private static void compensationCrashBeforeLedgerWrite() throws Exception {
        SagaScenario s = mixed(REFUSED);
        FaultInjectingService.Rule crash = s.dynamoFault("TransactWriteItems",
                body -> ledgerUpdate(body, batchKey(0, 2), ":s", "COMPENSATED")
                        && ofBase(body.at("/TransactItems/0/Update"), s.base), sdkAttempts);
        s.assertUndone(run(s), "ROLLED_BACK", "CHANGE_REJECTED");
        assertThat(crash.fired()).isEqualTo(sdkAttempts);
    }

    private static void compensationPersistentFailure() throws Exception {
        SagaScenario s = mixed(REFUSED);
        FaultHandle fault = s.fault(Fault.on("DELETE", s.path()).after(1).unlimited().serverError());
        JsonNode job = run(s);
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("ROLLBACK_FAILED");
        assertThat(job.at("/error/code").asText()).isEqualTo("ROLLBACK_FAILED");
        assertThat(job.at("/error/message").asText()).contains("Compensation failed");
        assertThat(job.get("steps").toString()).contains("\"name\":\"Compensate\",\"status\":\"FAILED\"");
        assertThat(fault.fired()).isGreaterThan(6);
        Map<String, String> ledger = s.ledger(dynamoDb, importsTable);
        assertThat(ledger).as("one entry per batch").hasSize(4);
        assertThat(ledger.values()).as("what is left to undo is in the ledger").anyMatch(state -> !state.equals("COMPENSATED"));
    }

    // ------------------------------------------------------------------ file imports

    private static String csv(int rows, int badRow, SagaScenario expect) {
        StringBuilder csv = new StringBuilder("Name,Age,Team\n");
        for (int i = 1; i <= rows; i++) {
            String team = i % 2 == 0 ? "Red" : "Blue";
            if (i == badRow) {
                csv.append("Imp ").append(i).append(",not a number,").append(team).append('\n');
                continue;
            }
            csv.append("Imp ").append(i).append(',').append(30 + i).append(',').append(team).append('\n');
            if (expect != null) {
                expect.expectCreated(Map.of("Name", "Imp " + i, "Age", 30 + i, "Team", team));
            }
        }
        return csv.toString();
    }

    private static JsonNode runImport(SagaScenario s, String csv, String options) throws Exception {
        s.submitImport(csv, options);
        JsonNode job = s.await();
        s.clearFaults();
        return job;
    }

    private static void importLostResponse() throws Exception {
        SagaScenario s = scenario();
        s.seed(2);
        s.snapshot();
        FaultHandle fault = s.fault(Fault.on("POST", s.path()).after(1).serverErrorAfterApply());
        s.assertSucceeded(runImport(s, csv(25, 0, s), ""));
        assertThat(fault.fired()).isEqualTo(1);
    }

    private static void importTimeoutBeforeApply() throws Exception {
        SagaScenario s = scenario();
        s.snapshot();
        FaultHandle fault = s.fault(Fault.on("POST", s.path()).delay(LONG_DELAY));
        s.assertSucceeded(runImport(s, csv(25, 0, s), ""));
        assertThat(fault.fired()).isEqualTo(1);
    }

    private static void importCrashBeforeLedgerWrite() throws Exception {
        SagaScenario s = scenario();
        s.snapshot();
        FaultInjectingService.Rule crash = crashBeforeApplied(s, 0, 2);
        s.assertSucceeded(runImport(s, csv(25, 0, s), ""));
        assertThat(crash.fired()).isEqualTo(sdkAttempts);
    }

    private static void importBadRowRejected() throws Exception {
        SagaScenario s = scenario();
        s.seed(2);
        s.snapshot();
        FaultHandle tripwire = s.fault(Fault.on("POST", s.path()).serverError()); // fires only if a create is sent
        JsonNode job = runImport(s, csv(25, 13, null), "");
        s.assertUndone(job, "REJECTED", "INVALID_ROWS");
        assertThat(job.at("/counts/invalid").asLong()).isEqualTo(1);
        assertThat(job.at("/rowErrors/0/row").asLong()).isEqualTo(14);
        assertThat(tripwire.fired()).isZero();
    }

    private static void importBadRowsSkipped() throws Exception {
        SagaScenario s = scenario();
        s.snapshot();
        FaultHandle fault = s.fault(Fault.on("POST", s.path()).after(1).serverErrorAfterApply());
        JsonNode job = runImport(s, csv(25, 13, s), ",\"onInvalidRows\":\"skip\"");
        s.assertSucceeded(job);
        assertThat(job.at("/counts/invalid").asLong()).isEqualTo(1);
        assertThat(job.at("/counts/applied").asLong()).isEqualTo(24);
        assertThat(fault.fired()).isEqualTo(1);
    }

    private static void importRefusedMidFile() throws Exception {
        SagaScenario s = scenario();
        s.seed(2);
        s.snapshot();
        StringBuilder csv = new StringBuilder("Name,Company\n");
        for (int i = 1; i <= 25; i++) {
            csv.append("Imp ").append(i).append(',').append(i == 15 ? "recAAAAAAAAAAAAAA" : "").append('\n');
        }
        JsonNode job = runImport(s, csv.toString(), "");
        s.assertUndone(job, "ROLLED_BACK", "CHANGE_REJECTED");
        assertThat(job.at("/counts/applied").asLong()).isEqualTo(10);
    }

    private static void importChunkRefusedWhileAnotherIsApplied() throws Exception {
        SagaScenario s = scenario();
        s.seed(2);
        s.snapshot();
        StringBuilder csv = new StringBuilder("Name,Company\n");
        for (int i = 1; i <= 200; i++) { // chunk 0 = rows 1-100, chunk 1 = rows 101-200, applied side by side
            csv.append("Imp ").append(i).append(',').append(i == 101 ? "recAAAAAAAAAAAAAA" : "").append('\n');
        }
        s.fault(Fault.on("POST", s.path()).unlimited().delay(Duration.ofMillis(250))); // chunk 0 is still busy
        JsonNode job = runImport(s, csv.toString(), "");
        Thread.sleep(500); // a chunk left running would go on writing meanwhile
        s.assertUndone(job, "ROLLED_BACK", "CHANGE_REJECTED");
    }

    private static void importCancelledWhileRunning() throws Exception {
        SagaScenario s = scenario();
        s.seed(2);
        s.snapshot();
        s.fault(Fault.on("POST", s.path()).unlimited().delay(Duration.ofMillis(300))); // slows the import down
        s.submitImport(csv(250, 0, null), "");
        Instant end = Instant.now().plusSeconds(60);
        JsonNode now = s.status();
        while (!(now.get("status").asText().equals("RUNNING") && now.at("/counts/applied").asLong() >= 10)) {
            assertThat(Instant.now()).as(now.toString()).isBefore(end);
            Thread.sleep(20);
            now = s.status();
        }
        AuthApiClient.Reply cancel = api.api().send("POST", s.jobPath + "/cancel", user, null);
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(202);
        JsonNode job = s.await();
        s.clearFaults();
        s.assertUndone(job, "CANCELLED", "CANCELLED");
    }

    // ------------------------------------------------------------------ duplicates of the start

    private static void retriedStartAppliesOnce() throws Exception {
        SagaScenario s = creates();
        s.fault(Fault.on("POST", s.path()).delay(Duration.ofMillis(300))); // keeps the first execution running
        s.submitChangeSet();
        String machine = cloud.stepFunctions().stateMachineArn(cloud.template().stateMachines().get("ImportSaga").name());
        String input = "{\"jobId\":\"" + s.jobId + "\"}";
        ExecutionInfo first = cloud.stepFunctions().startExecution(machine, s.jobId, input);
        assertThat(first.status()).isEqualTo(ExecutionStatus.RUNNING);
        JsonNode job = s.await();
        s.clearFaults();
        assertThatThrownBy(() -> cloud.stepFunctions().startExecution(machine, s.jobId, input))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.type()).isEqualTo("ExecutionAlreadyExists"));
        assertThat(cloud.stepFunctions().listExecutions(machine, null)).filteredOn(e -> e.name().equals(s.jobId)).hasSize(1);
        // a step delivered again (e.g. a retried Lambda invocation of an applied chunk) changes nothing
        InvocationResult again = cloud.lambdas().invoke("SagaFunction",
                ("{\"action\":\"apply\",\"jobId\":\"" + s.jobId + "\",\"chunk\":0}").getBytes(StandardCharsets.UTF_8));
        assertThat(again.isError()).as(again.payloadAsString()).isTrue();
        s.assertSucceeded(job);
        s.assertSucceeded(s.status());
    }

    private static void redeliveredUploadAppliesOnce() throws Exception {
        SagaScenario s = scenario();
        s.snapshot();
        String file = csv(12, 0, s);
        s.assertSucceeded(runImport(s, file, ""));
        s.reupload(file); // S3 notifies the trigger again; the job is no longer waiting for its file
        Thread.sleep(1000);
        String machine = cloud.stepFunctions().stateMachineArn(cloud.template().stateMachines().get("ImportSaga").name());
        assertThat(cloud.stepFunctions().listExecutions(machine, null)).filteredOn(e -> e.name().equals(s.jobId)).hasSize(1);
        s.assertSucceeded(s.status());
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Fails every SDK attempt of one invocation's APPLIED write of batch (chunk, batch) of this scenario's job (a
     * transaction with the job's counter): the function fails after Airtable applied the batch.
     */
    private static FaultInjectingService.Rule crashBeforeApplied(SagaScenario s, int chunk, int batch) {
        return s.dynamoFault("TransactWriteItems", body -> ledgerUpdate(body, batchKey(chunk, batch), ":applied", null)
                && ofBase(body.at("/TransactItems/0/Update"), s.base), sdkAttempts);
    }

    /** Whether the transaction updates the ledger item {@code sortKey} with value {@code name} (= {@code value}). */
    private static boolean ledgerUpdate(JsonNode body, String sortKey, String name, String value) {
        for (JsonNode item : body.path("TransactItems")) {
            JsonNode update = item.path("Update");
            JsonNode set = update.path("ExpressionAttributeValues").path(name);
            if (sortKey(update).equals(sortKey) && set.isObject() && (value == null || value.equals(set.path("S").asText()))) {
                return true;
            }
        }
        return false;
    }

    private static String batchKey(int chunk, int batch) {
        return String.format("BATCH#%06d#%03d", chunk, batch);
    }

    private static String sortKey(JsonNode body) {
        JsonNode key = body.has("Key") ? body.get("Key") : body.path("Item");
        return key.at("/sk/S").asText("");
    }

    /** Whether the ledger item the request writes belongs to a job on {@code base} (scenarios run side by side). */
    private static boolean ofBase(JsonNode body, String base) {
        JsonNode key = body.has("Key") ? body.get("Key") : body.path("Item");
        String pk = key.at("/pk/S").asText("");
        if (!pk.startsWith("JOB#")) {
            return false;
        }
        String jobBase = JOB_BASES.computeIfAbsent(pk, id -> {
            Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(importsTable)
                    .key(Map.of("pk", AttributeValue.fromS(id), "sk", AttributeValue.fromS("META")))).item();
            return item == null || !item.containsKey("baseId") ? "" : item.get("baseId").s();
        });
        return base.equals(jobBase);
    }

    /** Waits until the job's execution has an event of {@code type} (e.g. a failed task). */
    private static void awaitHistoryEvent(SagaScenario s, String type, Duration timeout) throws Exception {
        String machine = cloud.stepFunctions().stateMachineArn(cloud.template().stateMachines().get("ImportSaga").name());
        Instant end = Instant.now().plus(timeout);
        while (true) {
            var execution = cloud.stepFunctions().listExecutions(machine, null).stream()
                    .filter(e -> e.name().equals(s.jobId)).findFirst();
            if (execution.isPresent() && cloud.stepFunctions().getExecutionHistory(execution.get().executionArn())
                    .stream().anyMatch(event -> event.type().equals(type))) {
                return;
            }
            assertThat(Instant.now()).as("waiting for " + type + ": " + s.status()).isBefore(end);
            Thread.sleep(100);
        }
    }

    private static void awaitStatus(SagaScenario s, String status, Duration timeout) throws Exception {
        Instant end = Instant.now().plus(timeout);
        JsonNode now = s.status();
        while (!now.get("status").asText().equals(status)) {
            assertThat(Instant.now()).as("waiting for " + status + ": " + now).isBefore(end);
            Thread.sleep(50);
            now = s.status();
        }
    }
}
