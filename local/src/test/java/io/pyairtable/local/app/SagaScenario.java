package io.pyairtable.local.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pyairtable.airtable.AirtableApi;
import io.pyairtable.airtable.AirtableRecord;
import io.pyairtable.airtable.RateLimiter;
import io.pyairtable.airtable.RecordQuery;
import io.pyairtable.airtable.RetryPolicy;
import io.pyairtable.airtable.Table;
import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.aws.FaultInjectingService;
import io.pyairtable.sandbox.Fault;
import io.pyairtable.sandbox.FaultHandle;
import io.pyairtable.sandbox.FieldSpec;
import io.pyairtable.sandbox.TableSpec;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One scenario of {@link SagaFaultInjectionTest}: its own sandbox base (so rate budgets and fault rules of other
 * scenarios never meet), a snapshot of the People table before, faults, a change set or a file import, and the
 * checks of the end state: SUCCEEDED ⇒ the table equals the expected result with every new row exactly once;
 * ROLLED_BACK / CANCELLED / REJECTED ⇒ the table equals the snapshot (a deleted record comes back with a new id:
 * compared by fields; every other record by id and fields).
 */
final class SagaScenario {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(100);
    static final String TABLE = "People";

    final LocalCloud cloud;
    final ImportsApiClient api;
    final String user;
    final String base;
    final Table people;
    final Table companies;
    private final List<FaultHandle> faults = new ArrayList<>();
    private final List<FaultInjectingService.Rule> dynamoRules = new ArrayList<>();
    /** The table before the change: id → normalised fields. */
    private Map<String, Map<String, String>> before;
    /** The expected table after success: ids that stay (with their fields) and the rows created. */
    private final Map<String, Map<String, Object>> expectedById = new LinkedHashMap<>();
    private final List<Map<String, Object>> expectedCreated = new ArrayList<>();
    private final Set<String> deleted = new HashSet<>();
    private final ArrayNode operations = JSON.createArrayNode();
    private JsonNode upload;
    String jobId;
    String jobPath;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * @param limiter the functions' shared Airtable budget, so that this test's own reads and seeds never push a
     *                base over the sandbox's 5 requests per second (its penalty is 30 s)
     */
    SagaScenario(LocalCloud cloud, ImportsApiClient api, String user, RateLimiter limiter) {
        this.cloud = cloud;
        this.api = api;
        this.user = user;
        this.base = cloud.sandbox().createBase("Saga " + System.nanoTime(), List.of(
                new TableSpec("Companies", List.of(FieldSpec.text("Name"))),
                new TableSpec(TABLE, List.of(FieldSpec.text("Name"), FieldSpec.number("Age", 0),
                        FieldSpec.singleSelect("Team", "Red", "Blue"), FieldSpec.link("Company", "Companies")))));
        AirtableApi airtable = AirtableApi.builder(cloud.sandbox().demoToken()).apiUrl(cloud.sandbox().baseUrl())
                .rateLimiter(limiter).retryPolicy(RetryPolicy.defaults().withRateLimitPenalty(Duration.ofSeconds(1))).build();
        this.people = airtable.base(base).table(TABLE);
        this.companies = airtable.base(base).table("Companies");
    }

    /** The regex of the People table's record path (creates, updates, upserts and deletes go there). */
    String path() {
        return "/v0/" + base + "/" + TABLE + "$";
    }

    // ------------------------------------------------------------------ setup

    /** Creates {@code n} records "Seed 1".."Seed n" and returns their ids in order. */
    List<String> seed(int n) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            rows.add(Map.of("Name", "Seed " + i, "Age", 20 + i, "Team", i % 2 == 0 ? "Red" : "Blue"));
        }
        return people.create(rows).stream().map(AirtableRecord::id).toList();
    }

    FaultHandle fault(Fault fault) {
        FaultHandle handle = cloud.sandbox().faults().add(fault);
        faults.add(handle);
        return handle;
    }

    FaultInjectingService.Rule dynamoFault(String operation, Predicate<JsonNode> when, int times) {
        FaultInjectingService.Rule rule = cloud.dynamoDbFaults().failNext(operation, when, times);
        dynamoRules.add(rule);
        return rule;
    }

    /** Reads the table as it is now: the snapshot the end state is compared with. */
    void snapshot() {
        before = read();
        expectedById.clear();
        before.forEach((id, fields) -> expectedById.put(id, new LinkedHashMap<>(fields)));
        expectedCreated.clear();
        deleted.clear();
    }

    // ------------------------------------------------------------------ the change set (and its expected result)

    SagaScenario create(Map<String, Object> fields) {
        operations.addObject().put("op", "create").set("fields", JSON.valueToTree(fields));
        expectedCreated.add(new LinkedHashMap<>(fields));
        return this;
    }

    SagaScenario update(String id, Map<String, Object> fields) {
        operations.addObject().put("op", "update").put("id", id).set("fields", JSON.valueToTree(fields));
        Map<String, Object> record = expectedById.get(id);
        if (record != null) {
            record.putAll(fields);
        }
        return this;
    }

    /** An upsert merged on Name. */
    SagaScenario upsert(Map<String, Object> fields) {
        operations.addObject().put("op", "upsert").set("fields", JSON.valueToTree(fields));
        Object name = fields.get("Name");
        for (Map<String, Object> record : expectedById.values()) {
            if (name.equals(record.get("Name"))) {
                record.putAll(fields);
                return this;
            }
        }
        expectedCreated.add(new LinkedHashMap<>(fields));
        return this;
    }

    SagaScenario delete(String id) {
        operations.addObject().put("op", "delete").put("id", id);
        expectedById.remove(id);
        deleted.add(id);
        return this;
    }

    /** Rows a file import is expected to create (what the file's valid rows convert to). */
    void expectCreated(Map<String, Object> fields) {
        expectedCreated.add(new LinkedHashMap<>(fields));
    }

    /** POST /changesets with the operations given so far; returns the change set's id. */
    String submitChangeSet() throws Exception {
        if (before == null) {
            snapshot();
        }
        ObjectNode body = JSON.createObjectNode().put("baseId", base).put("table", TABLE);
        body.set("operations", operations);
        body.putArray("mergeOn").add("Name");
        AuthApiClient.Reply reply = api.api().send("POST", "/changesets", user, body.toString());
        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        jobId = reply.json().get("changeSetId").asText();
        jobPath = "/changesets/" + jobId;
        return jobId;
    }

    /** POST /imports (People, CSV) with {@code options} (JSON members after a comma, or "") and uploads the file. */
    String submitImport(String csv, String options) throws Exception {
        if (before == null) {
            snapshot();
        }
        String request = "{\"baseId\":\"" + base + "\",\"table\":\"" + TABLE + "\",\"fileName\":\"people.csv\","
                + "\"contentType\":\"text/csv\"" + options + "}";
        AuthApiClient.Reply created = api.api().send("POST", "/imports", user, request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        upload = created.json();
        jobId = upload.get("importId").asText();
        jobPath = "/imports/" + jobId;
        reupload(csv);
        return jobId;
    }

    /** PUTs {@code csv} to the import's presigned upload URL (again). */
    void reupload(String csv) throws Exception {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.get("uploadUrl").asText()))
                .PUT(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8));
        upload.get("uploadHeaders").fields().forEachRemaining(h -> put.header(h.getKey(), h.getValue().asText()));
        HttpResponse<String> uploaded = HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
    }

    /** Someone else deletes a record while the change set runs: the snapshot no longer has it either. */
    void externalDelete(String id) {
        people.delete(id);
        before.remove(id);
        expectedById.remove(id);
    }

    JsonNode await() throws Exception {
        return api.await(user, jobPath, WAIT);
    }

    JsonNode status() throws Exception {
        return api.api().get(jobPath, user).json();
    }

    // ------------------------------------------------------------------ checks

    /** SUCCEEDED, the counts agree, and the table is the expected result with each new row exactly once. */
    void assertSucceeded(JsonNode job) {
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.has("error")).as(job.toString()).isFalse();
        assertThat(job.at("/counts/applied").asLong()).as(job.toString()).isEqualTo(job.at("/counts/valid").asLong());
        assertThat(job.at("/counts/compensated").asLong()).as(job.toString()).isZero();
        assertThat(job.at("/counts/rows").asLong()).as(job.toString())
                .isEqualTo(job.at("/counts/valid").asLong() + job.at("/counts/invalid").asLong());
        Map<String, Map<String, String>> after = read();
        Map<String, Map<String, String>> kept = new TreeMap<>();
        expectedById.forEach((id, fields) -> kept.put(id, normalise(fields)));
        Map<String, Map<String, String>> keptAfter = new TreeMap<>();
        List<Map<String, String>> createdAfter = new ArrayList<>();
        after.forEach((id, fields) -> {
            if (before.containsKey(id)) {
                keptAfter.put(id, fields);
            } else {
                createdAfter.add(fields);
            }
        });
        assertThat(keptAfter).as("records that existed before, after " + job).isEqualTo(kept);
        assertThat(createdAfter).as("records created, each exactly once").containsExactlyInAnyOrderElementsOf(
                expectedCreated.stream().map(SagaScenario::normalise).toList());
    }

    /** {@code status} (ROLLED_BACK, CANCELLED, REJECTED) with {@code errorCode} (null: any) and the table as before. */
    void assertUndone(JsonNode job, String status, String errorCode) {
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo(status);
        if (errorCode != null) {
            assertThat(job.at("/error/code").asText()).as(job.toString()).isEqualTo(errorCode);
        }
        if (!status.equals("REJECTED")) {
            assertThat(job.at("/counts/compensated").asLong()).as("every applied change undone: " + job)
                    .isGreaterThanOrEqualTo(job.at("/counts/applied").asLong());
            assertThat(job.get("steps").toString()).as(job.toString()).contains("\"name\":\"Compensate\",\"status\":\"SUCCEEDED\"");
        } else {
            assertThat(job.at("/counts/applied").asLong()).as(job.toString()).isZero();
        }
        assertTableAsBefore();
    }

    void assertTableAsBefore() {
        Map<String, Map<String, String>> after = read();
        List<Map<String, String>> recreated = new ArrayList<>();
        Map<String, Map<String, String>> newRecords = new HashMap<>();
        after.forEach((id, fields) -> {
            if (!before.containsKey(id)) {
                newRecords.put(id, fields);
            }
        });
        for (Map.Entry<String, Map<String, String>> record : before.entrySet()) {
            Map<String, String> now = after.get(record.getKey());
            if (now != null) {
                assertThat(now).as("record " + record.getKey() + " as before").isEqualTo(record.getValue());
            } else {
                assertThat(deleted).as("record " + record.getKey() + " is gone though the change set never deleted it")
                        .contains(record.getKey());
                recreated.add(record.getValue());
            }
        }
        assertThat(new ArrayList<>(newRecords.values())).as("the only new records are the deleted ones, recreated")
                .containsExactlyInAnyOrderElementsOf(recreated);
    }

    /** The job's ledger items (state per BATCH# sort key). */
    Map<String, String> ledger(DynamoDbClient dynamoDb, String table) {
        Map<String, String> states = new TreeMap<>();
        dynamoDb.query(b -> b.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :b)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("JOB#" + jobId),
                        ":b", AttributeValue.fromS("BATCH#")))).items()
                .forEach(item -> states.put(item.get("sk").s(), item.get("state").s()));
        return states;
    }

    /**
     * Removes this scenario's fault rules; when a delaying rule fired, first waits out its delay, so that a request
     * the sandbox still holds (and applies when it lets go, as Airtable would) has landed before the table is read.
     */
    void clearFaults() throws InterruptedException {
        long linger = faults.stream().filter(f -> f.fired() > 0 && f.fault().delay() != null)
                .mapToLong(f -> f.fault().delay().toMillis()).max().orElse(0);
        Thread.sleep(linger);
        faults.forEach(FaultHandle::remove);
        dynamoRules.forEach(FaultInjectingService.Rule::remove);
    }

    Map<String, Map<String, String>> read() {
        Map<String, Map<String, String>> records = new TreeMap<>();
        people.list(RecordQuery.all()).forEach(r -> records.put(r.id(), normalise(r.fields())));
        return records;
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    /** Field values as comparable strings; empty values left out (Airtable omits them). */
    static Map<String, String> normalise(Map<String, ?> fields) {
        Map<String, String> out = new TreeMap<>();
        fields.forEach((name, value) -> {
            if (value == null || "".equals(value) || (value instanceof List<?> list && list.isEmpty())) {
                return;
            }
            String text = value instanceof List<?> list ? list.toString() : String.valueOf(value);
            if ((value instanceof Number || value instanceof String) && NUMBER.matcher(text).matches()) {
                text = new BigDecimal(text).stripTrailingZeros().toPlainString();
            }
            out.put(name, text);
        });
        return out;
    }
}
