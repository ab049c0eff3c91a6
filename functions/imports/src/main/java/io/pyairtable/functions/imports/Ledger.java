package io.pyairtable.functions.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The saga's ledger: one item per {@link Batch} ({@code pk=JOB#<id>, sk=BATCH#<chunk>#<batch>}), written
 * <em>before</em> the batch's Airtable write ({@code PENDING}, with the records' previous values and the time) and
 * completed after it ({@code APPLIED}, with the ids Airtable created, together with the job's {@code applied}
 * counter). Compensation moves an entry through
 * {@code COMPENSATING} to {@code COMPENSATED}. A {@code PENDING} entry found on a retry means the write may or may
 * not have reached Airtable; {@link ChunkApplier} and {@link Compensator} find out (see {@link CreatedRecords}).
 */
final class Ledger {
    enum State { PENDING, APPLIED, COMPENSATING, COMPENSATED }

    /** A record as it was before the change set touched it: its id and the values of the fields that matter. */
    record Snapshot(String id, Map<String, Object> fields) {
    }

    /**
     * @param size      the batch's number of operations
     * @param settledAt when a slow attempt of its write can no longer land (see {@link AirtableWrites}); 0 = at once
     */
    record Entry(int chunk, int batch, State state, String op, int size, List<Snapshot> before,
            List<String> createdIds, long markedAt, long compensatingAt, long settledAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Snapshot>> SNAPSHOTS = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final DynamoDbClient dynamoDb;
    private final String table;

    Ledger(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String jobId, int chunk, int batch) {
        return Map.of("pk", AttributeValue.fromS("JOB#" + jobId),
                "sk", AttributeValue.fromS(String.format("BATCH#%06d#%03d", chunk, batch)));
    }

    Optional<Entry> get(String jobId, int chunk, int batch) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(jobId, chunk, batch))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** Records the intent; false when an entry exists already (a concurrent attempt wrote it first). */
    boolean putPending(String jobId, Entry entry) {
        Map<String, AttributeValue> item = new HashMap<>(key(jobId, entry.chunk(), entry.batch()));
        item.put("state", AttributeValue.fromS(State.PENDING.name()));
        item.put("op", AttributeValue.fromS(entry.op()));
        item.put("size", AttributeValue.fromN(Integer.toString(entry.size())));
        item.put("before", AttributeValue.fromS(write(entry.before())));
        item.put("createdIds", AttributeValue.fromS("[]"));
        item.put("markedAt", AttributeValue.fromN(Long.toString(entry.markedAt())));
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    /**
     * Removes a {@code PENDING} entry whose write Airtable refused (nothing was applied), so that the retry writes
     * afresh instead of looking for records an attempt might have made. Only the entry written at {@code markedAt}.
     */
    void forgetPending(String jobId, int chunk, int batch, long markedAt) {
        try {
            dynamoDb.deleteItem(b -> b.tableName(table).key(key(jobId, chunk, batch))
                    .conditionExpression("#state = :pending AND markedAt = :marked")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":pending", AttributeValue.fromS(State.PENDING.name()),
                            ":marked", AttributeValue.fromN(Long.toString(markedAt)))));
        } catch (ConditionalCheckFailedException changed) {
            // another attempt took the entry over: it stays
        }
    }

    /**
     * Completes the entry ({@code APPLIED}, with the ids Airtable created) and counts the batch in the job with
     * {@code counter}, in one transaction: a crash can never leave one without the other.
     */
    void markApplied(String jobId, int chunk, int batch, List<String> createdIds, long settledAt, Update counter) {
        Update entry = Update.builder().tableName(table).key(key(jobId, chunk, batch))
                .updateExpression("SET #state = :applied, createdIds = :ids, settledAt = :settled")
                .conditionExpression("#state = :pending")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":applied", AttributeValue.fromS(State.APPLIED.name()),
                        ":pending", AttributeValue.fromS(State.PENDING.name()),
                        ":ids", AttributeValue.fromS(write(createdIds)),
                        ":settled", AttributeValue.fromN(Long.toString(settledAt)))).build();
        dynamoDb.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().update(entry).build(),
                TransactWriteItem.builder().update(counter).build()));
    }

    /** Records that compensation starts on this entry (kept on a retry: the first time counts). */
    Entry markCompensating(String jobId, Entry entry, long now) {
        if (entry.state() == State.COMPENSATING) {
            return entry;
        }
        dynamoDb.updateItem(b -> b.tableName(table).key(key(jobId, entry.chunk(), entry.batch()))
                .updateExpression("SET #state = :s, compensatingAt = :t")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(State.COMPENSATING.name()),
                        ":t", AttributeValue.fromN(Long.toString(now)))));
        return new Entry(entry.chunk(), entry.batch(), State.COMPENSATING, entry.op(), entry.size(), entry.before(),
                entry.createdIds(), entry.markedAt(), now, entry.settledAt());
    }

    /** Marks the entry undone and counts the records in the job with {@code counter}, in one transaction. */
    void markCompensated(String jobId, Entry entry, Update counter) {
        Update done = Update.builder().tableName(table).key(key(jobId, entry.chunk(), entry.batch()))
                .updateExpression("SET #state = :s")
                .conditionExpression("#state = :compensating")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(State.COMPENSATED.name()),
                        ":compensating", AttributeValue.fromS(State.COMPENSATING.name()))).build();
        dynamoDb.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().update(done).build(),
                TransactWriteItem.builder().update(counter).build()));
    }

    /** Every entry of the job, in the order the batches were applied (chunk, then batch). */
    List<Entry> all(String jobId) {
        List<Entry> entries = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("JOB#" + jobId),
                            ":prefix", AttributeValue.fromS("BATCH#")));
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response = dynamoDb.query(request.build());
            response.items().forEach(item -> entries.add(fromItem(item)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return entries;
    }

    private static Entry fromItem(Map<String, AttributeValue> item) {
        String[] sk = item.get("sk").s().split("#");
        return new Entry(Integer.parseInt(sk[1]), Integer.parseInt(sk[2]), State.valueOf(item.get("state").s()),
                item.get("op").s(), Integer.parseInt(item.get("size").n()), read(item.get("before").s(), SNAPSHOTS), read(item.get("createdIds").s(), STRINGS),
                Long.parseLong(item.get("markedAt").n()),
                item.containsKey("compensatingAt") ? Long.parseLong(item.get("compensatingAt").n()) : 0,
                item.containsKey("settledAt") ? Long.parseLong(item.get("settledAt").n()) : 0);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable: " + e.getOriginalMessage());
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt ledger entry: " + e.getOriginalMessage());
        }
    }
}
