package io.pyairtable.functions.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Jobs in the Imports table. A job is the item {@code pk=JOB#<id>, sk=META} with its owner ({@code userId}, also the
 * {@code byUser} index's hash key with {@code createdAt} as range), status, target, options, counters (numbers
 * changed with {@code ADD} so concurrent chunks never lose an update), the first {@link #MAX_ROW_ERRORS} row errors
 * (JSON) and an append-only list of step events. The ledger's items live under the same {@code pk}
 * ({@link Ledger}).
 */
final class JobsTable {
    static final int MAX_ROW_ERRORS = 100;
    static final String BY_USER = "byUser";
    /** Attributes {@code applying#<Lambda request id>} = epoch millis: the apply steps running now. */
    static final String LEASE_PREFIX = "applying#";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> LIST_OF_MAPS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    JobsTable(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    static Map<String, AttributeValue> key(String jobId) {
        return Map.of("pk", s("JOB#" + jobId), "sk", s("META"));
    }

    String now() {
        return clock.instant().toString();
    }

    /** Stores a new job; false if the id exists already. */
    boolean create(Job job) {
        Map<String, AttributeValue> item = new HashMap<>(key(job.id()));
        item.put("userId", s(job.owner()));
        item.put("kind", s(job.kind()));
        item.put("status", s(job.status().name()));
        item.put("baseId", s(job.baseId()));
        item.put("tableName", s(job.table()));
        item.put("mode", s(job.mode()));
        item.put("mergeOn", s(json(job.mergeOn())));
        item.put("typecast", AttributeValue.fromBool(job.typecast()));
        item.put("onInvalidRows", s(job.onInvalidRows()));
        putIfPresent(item, "fileName", job.fileName());
        putIfPresent(item, "contentType", job.contentType());
        item.put("mapping", s(json(job.mapping())));
        putIfPresent(item, "sheet", job.sheet());
        putIfPresent(item, "objectKey", job.objectKey());
        item.put("createdAt", s(job.createdAt()));
        item.put("updatedAt", s(job.updatedAt()));
        item.put("stepEvents", AttributeValue.fromL(List.of()));
        for (String counter : List.of("rows", "valid", "invalid", "applied", "compensated", "chunks")) {
            item.put(counter, n(0));
        }
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    Optional<Job> get(String jobId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(jobId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(jobId, item));
    }

    /** The owner's jobs, newest first. */
    List<Job> listByOwner(String owner, int limit) {
        QueryResponse response = dynamoDb.query(b -> b.tableName(table).indexName(BY_USER)
                .keyConditionExpression("userId = :u").expressionAttributeValues(Map.of(":u", s(owner)))
                .scanIndexForward(false).limit(limit));
        List<Job> jobs = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            jobs.add(fromItem(item.get("pk").s().substring("JOB#".length()), item));
        }
        return jobs;
    }

    /**
     * Moves the job to {@code to} if its status is one of {@code from}, setting {@code extra} attributes too.
     *
     * @return false when the job is in another status (someone else moved it)
     */
    boolean transition(String jobId, Collection<JobStatus> from, JobStatus to, Map<String, AttributeValue> extra) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        StringBuilder set = new StringBuilder("SET #status = :to, updatedAt = :now");
        names.put("#status", "status");
        values.put(":to", s(to.name()));
        values.put(":now", s(now()));
        int i = 0;
        for (Map.Entry<String, AttributeValue> entry : extra.entrySet()) {
            names.put("#x" + i, entry.getKey());
            values.put(":x" + i, entry.getValue());
            set.append(", #x").append(i).append(" = :x").append(i);
            i++;
        }
        List<String> allowed = new ArrayList<>();
        int j = 0;
        for (JobStatus status : from) {
            values.put(":f" + j, s(status.name()));
            allowed.add(":f" + j);
            j++;
        }
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(jobId)).updateExpression(set.toString())
                    .conditionExpression("#status IN (" + String.join(", ", allowed) + ")")
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException otherStatus) {
            return false;
        }
    }

    /** Adds to counters ({@code rows, valid, invalid, applied, compensated, chunks}). */
    void add(String jobId, Map<String, Long> counters) {
        if (counters.isEmpty()) {
            return;
        }
        Update update = counterUpdate(jobId, counters);
        dynamoDb.updateItem(b -> b.tableName(table).key(update.key()).updateExpression(update.updateExpression())
                .expressionAttributeNames(update.expressionAttributeNames())
                .expressionAttributeValues(update.expressionAttributeValues()));
    }

    /** The update that adds to counters, for a transaction with a ledger write ({@link Ledger#markApplied}). */
    Update counterUpdate(String jobId, Map<String, Long> counters) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Long> counter : counters.entrySet()) {
            values.put(":" + counter.getKey(), n(counter.getValue()));
            names.put("#" + counter.getKey(), counter.getKey()); // "rows" is a DynamoDB reserved word
            parts.add("#" + counter.getKey() + " :" + counter.getKey());
        }
        values.put(":now", s(now()));
        return Update.builder().tableName(table).key(key(jobId))
                .updateExpression("ADD " + String.join(", ", parts) + " SET updatedAt = :now")
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
    }

    /**
     * Registers a running {@code apply} step ({@code lease}, until {@code untilMillis}, when its Lambda is stopped
     * at the latest), only while the job is RUNNING and not cancelled: compensation waits for every registered step
     * to end ({@link #appliesRunningUntil}), so an apply step Step Functions abandoned (a sibling chunk failed) can
     * never write behind it. False when the job is no longer running.
     */
    boolean startApplying(String jobId, String lease, long untilMillis) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(jobId))
                    .updateExpression("SET #lease = :until")
                    .conditionExpression("#status = :running AND (attribute_not_exists(cancelRequested) OR cancelRequested = :no)")
                    .expressionAttributeNames(Map.of("#lease", LEASE_PREFIX + lease, "#status", "status"))
                    .expressionAttributeValues(Map.of(":until", n(untilMillis), ":running", s(JobStatus.RUNNING.name()),
                            ":no", AttributeValue.fromBool(false))));
            return true;
        } catch (ConditionalCheckFailedException notRunning) {
            return false;
        }
    }

    /** The apply step {@code lease} ended. */
    void stopApplying(String jobId, String lease) {
        dynamoDb.updateItem(b -> b.tableName(table).key(key(jobId)).updateExpression("REMOVE #lease")
                .expressionAttributeNames(Map.of("#lease", LEASE_PREFIX + lease)));
    }

    /** The latest end of the job's registered apply steps (0 when none is registered). */
    long appliesRunningUntil(String jobId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(jobId))
                .consistentRead(true)).item();
        long until = 0;
        if (item != null) {
            for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
                if (attribute.getKey().startsWith(LEASE_PREFIX) && attribute.getValue().n() != null) {
                    until = Math.max(until, Long.parseLong(attribute.getValue().n()));
                }
            }
        }
        return until;
    }

    /** Appends a step event {@code {name, status, at, detail}} (STARTED, SUCCEEDED or FAILED). */
    void step(String jobId, String name, String status, String detail) {
        Map<String, AttributeValue> event = new LinkedHashMap<>();
        event.put("name", s(name));
        event.put("status", s(status));
        event.put("at", s(now()));
        if (detail != null) {
            event.put("detail", s(detail.length() > 500 ? detail.substring(0, 500) : detail));
        }
        dynamoDb.updateItem(b -> b.tableName(table).key(key(jobId))
                .updateExpression("SET stepEvents = list_append(if_not_exists(stepEvents, :empty), :event), updatedAt = :now")
                .expressionAttributeValues(Map.of(":empty", AttributeValue.fromL(List.of()),
                        ":event", AttributeValue.fromL(List.of(AttributeValue.fromM(event))), ":now", s(now()))));
    }

    /** Marks a cancellation request; the saga checks it before each chunk. False if the job does not exist. */
    boolean requestCancel(String jobId) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(jobId))
                    .updateExpression("SET cancelRequested = :t, updatedAt = :now")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true), ":now", s(now()))));
            return true;
        } catch (ConditionalCheckFailedException missing) {
            return false;
        }
    }

    static Map<String, AttributeValue> rowErrors(List<Map<String, Object>> errors, boolean truncated) {
        return Map.of("rowErrors", s(json(errors)), "rowErrorsTruncated", AttributeValue.fromBool(truncated));
    }

    static Map<String, AttributeValue> error(String code, String message) {
        return Map.of("errorCode", s(code), "errorMessage", s(message.length() > 1000 ? message.substring(0, 1000) : message));
    }

    private static Job fromItem(String id, Map<String, AttributeValue> item) {
        List<Map<String, Object>> steps = new ArrayList<>();
        AttributeValue stepEvents = item.get("stepEvents");
        if (stepEvents != null && stepEvents.hasL()) {
            for (AttributeValue event : stepEvents.l()) {
                Map<String, Object> map = new LinkedHashMap<>();
                event.m().forEach((k, v) -> map.put(k, v.s()));
                steps.add(map);
            }
        }
        return new Job(id, str(item, "userId"), str(item, "kind"), JobStatus.valueOf(str(item, "status")),
                str(item, "baseId"), str(item, "tableName"), str(item, "mode"),
                read(str(item, "mergeOn"), new TypeReference<List<String>>() {}, List.of()),
                bool(item, "typecast"), str(item, "onInvalidRows"), str(item, "fileName"), str(item, "contentType"),
                read(str(item, "mapping"), STRING_MAP, Map.of()), str(item, "sheet"), str(item, "objectKey"),
                str(item, "createdAt"), str(item, "updatedAt"),
                new Job.Counts(num(item, "rows"), num(item, "valid"), num(item, "invalid"), num(item, "applied"),
                        num(item, "compensated"), num(item, "chunks")),
                read(str(item, "rowErrors"), LIST_OF_MAPS, List.of()), bool(item, "rowErrorsTruncated"), steps,
                str(item, "errorCode"), str(item, "errorMessage"), bool(item, "cancelRequested"));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, s(value));
        }
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable: " + e.getOriginalMessage());
        }
    }

    private static <T> T read(String json, TypeReference<T> type, T fallback) {
        if (json == null) {
            return fallback;
        }
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt job attribute: " + e.getOriginalMessage());
        }
    }
}
