package io.pyairtable.functions.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.functions.core.ApiError;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Conversations in the Conversations table, all items of one under {@code pk=CONV#<id>}: {@code sk=META} (owner,
 * title, base, turn count, token totals), {@code TURN#<nnnnnn>} (one per message exchange: its messages as JSON,
 * usage, cost, stop reason) and {@code PROPOSAL#<id>} (proposed changes and their status). Every item carries the
 * conversation's {@code expiresAt} (creation + 30 days, the table's TTL attribute); expired items are treated as
 * gone even before DynamoDB removes them.
 */
final class ConversationStore {
    static final Duration LIFETIME = Duration.ofDays(30);
    static final int MAX_TURNS = 200;
    static final int MAX_TURN_JSON = 300_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<ChatMessage>> MESSAGES = new TypeReference<>() {
    };

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    ConversationStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    record Conversation(String id, String userId, String title, String baseId, String createdAt, String updatedAt,
            long expiresAt, int turns, long inputTokens, long outputTokens, BigDecimal costUsd) {
    }

    record Turn(int number, String createdAt, List<ChatMessage> messages, long inputTokens, long outputTokens,
            BigDecimal costUsd, int steps, String stopReason, String model) {
    }

    Conversation create(String userId, String title, String baseId) {
        Instant now = clock.instant();
        Conversation conversation = new Conversation(UUID.randomUUID().toString(), userId, title, baseId,
                now.toString(), now.toString(), now.plus(LIFETIME).getEpochSecond(), 0, 0, 0, BigDecimal.ZERO);
        Map<String, AttributeValue> item = new HashMap<>(key(conversation.id(), "META"));
        item.put("userId", s(userId));
        if (title != null) {
            item.put("title", s(title));
        }
        if (baseId != null) {
            item.put("baseId", s(baseId));
        }
        item.put("createdAt", s(conversation.createdAt()));
        item.put("updatedAt", s(conversation.updatedAt()));
        item.put("expiresAt", n(conversation.expiresAt()));
        item.put("turns", n(0));
        item.put("inputTokens", n(0));
        item.put("outputTokens", n(0));
        item.put("costUsd", AttributeValue.fromN("0"));
        dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        return conversation;
    }

    /** The conversation if it exists, has not expired and belongs to {@code userId}; else 404 (same answer). */
    Conversation owned(String userId, String id) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(id, "META"))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty() || expired(item) || !userId.equals(str(item, "userId"))) {
            throw ApiError.notFound("No such conversation.");
        }
        return new Conversation(id, str(item, "userId"), str(item, "title"), str(item, "baseId"),
                str(item, "createdAt"), str(item, "updatedAt"), num(item, "expiresAt"), (int) num(item, "turns"),
                num(item, "inputTokens"), num(item, "outputTokens"),
                item.containsKey("costUsd") ? new BigDecimal(item.get("costUsd").n()) : BigDecimal.ZERO);
    }

    List<Turn> turns(String id) {
        List<Turn> turns = new ArrayList<>();
        for (Map<String, AttributeValue> item : query(id, "TURN#")) {
            turns.add(new Turn((int) num(item, "turn"), str(item, "createdAt"), read(str(item, "messages"), MESSAGES),
                    num(item, "inputTokens"), num(item, "outputTokens"), new BigDecimal(item.get("costUsd").n()),
                    (int) num(item, "steps"), str(item, "stopReason"), str(item, "model")));
        }
        return turns;
    }

    List<Proposal> proposals(String id) {
        return query(id, "PROPOSAL#").stream().map(ConversationStore::proposal)
                .sorted((a, b) -> a.createdAt().compareTo(b.createdAt())).toList();
    }

    Optional<Proposal> proposal(String id, String proposalId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(key(id, "PROPOSAL#" + proposalId)).consistentRead(true)).item();
        return item == null || item.isEmpty() || expired(item) ? Optional.empty() : Optional.of(proposal(item));
    }

    /**
     * Stores a finished turn, its proposals and the new totals in one transaction, on condition that no other
     * turn was stored since {@code conversation} was read (else 409 CONVERSATION_BUSY) and that the conversation
     * still exists.
     */
    void saveTurn(Conversation conversation, Turn turn, List<Proposal> proposals) {
        String id = conversation.id();
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> item = new HashMap<>(key(id, "TURN#" + String.format("%06d", turn.number())));
        item.put("turn", n(turn.number()));
        item.put("createdAt", s(turn.createdAt()));
        item.put("messages", s(storable(turn.messages())));
        item.put("inputTokens", n(turn.inputTokens()));
        item.put("outputTokens", n(turn.outputTokens()));
        item.put("costUsd", AttributeValue.fromN(turn.costUsd().toPlainString()));
        item.put("steps", n(turn.steps()));
        item.put("stopReason", s(turn.stopReason()));
        item.put("model", s(turn.model()));
        item.put("expiresAt", n(conversation.expiresAt()));
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)")).build());
        for (Proposal proposal : proposals) {
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table)
                    .item(proposalItem(id, proposal, conversation.expiresAt()))).build());
        }
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(key(id, "META"))
                .conditionExpression("attribute_exists(pk) AND turns = :previous")
                .updateExpression("SET turns = :turns, updatedAt = :now ADD inputTokens :i, outputTokens :o, costUsd :c")
                .expressionAttributeValues(Map.of(":previous", n(conversation.turns()), ":turns", n(turn.number()),
                        ":now", s(turn.createdAt()), ":i", n(turn.inputTokens()), ":o", n(turn.outputTokens()),
                        ":c", AttributeValue.fromN(turn.costUsd().toPlainString())))).build());
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
        } catch (TransactionCanceledException conflict) {
            throw ApiError.conflict("CONVERSATION_BUSY",
                    "Another message of this conversation was answered meanwhile (or it was deleted); send again.");
        }
    }

    /** PROPOSED → CONFIRMING; false when the proposal is not (or no longer) pending. */
    boolean claim(String id, String proposalId) {
        return transition(id, proposalId, Proposal.PROPOSED, Proposal.CONFIRMING, Map.of());
    }

    /** CONFIRMING → PROPOSED after a confirmation that failed before anything was written. */
    void release(String id, String proposalId) {
        transition(id, proposalId, Proposal.CONFIRMING, Proposal.PROPOSED, Map.of());
    }

    void confirmed(String id, String proposalId, String changeSetId, String tableId) {
        Map<String, AttributeValue> extra = new HashMap<>();
        extra.put("confirmedAt", s(clock.instant().toString()));
        if (changeSetId != null) {
            extra.put("changeSetId", s(changeSetId));
        }
        if (tableId != null) {
            extra.put("tableId", s(tableId));
        }
        transition(id, proposalId, Proposal.CONFIRMING, Proposal.CONFIRMED, extra);
    }

    private boolean transition(String id, String proposalId, String from, String to, Map<String, AttributeValue> extra) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":from", s(from));
        values.put(":to", s(to));
        Map<String, String> names = new HashMap<>();
        names.put("#status", "status");
        StringBuilder update = new StringBuilder("SET #status = :to");
        int i = 0;
        for (Map.Entry<String, AttributeValue> e : extra.entrySet()) {
            names.put("#a" + i, e.getKey());
            values.put(":a" + i, e.getValue());
            update.append(", #a").append(i).append(" = :a").append(i);
            i++;
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(id, "PROPOSAL#" + proposalId))
                    .conditionExpression("#status = :from").updateExpression(update.toString())
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException notPending) {
            return false;
        }
    }

    /** Deletes the conversation: META first (it is gone at once), then its turns and proposals. */
    void delete(String id) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(id, "META")));
        List<WriteRequest> deletes = new ArrayList<>();
        for (Map<String, AttributeValue> item : query(id, null)) {
            deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder()
                    .key(key(id, item.get("sk").s())).build()).build());
        }
        for (int from = 0; from < deletes.size(); from += 25) {
            Map<String, List<WriteRequest>> batch = Map.of(table, deletes.subList(from, Math.min(deletes.size(), from + 25)));
            for (int attempt = 0; !batch.isEmpty() && attempt < 5; attempt++) {
                Map<String, List<WriteRequest>> request = batch;
                BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
                batch = response.unprocessedItems() == null ? Map.of() : response.unprocessedItems();
            }
        }
    }

    /**
     * The turn's messages as JSON within {@link #MAX_TURN_JSON} (DynamoDB items hold 400 KB): the oldest tool
     * results are replaced by the context window's note until it fits — the model can call the tool again.
     */
    static String storable(List<ChatMessage> messages) {
        String json = write(messages);
        List<ChatMessage> copy = new ArrayList<>(messages);
        for (int i = 0; i < copy.size() && json.length() > MAX_TURN_JSON; i++) {
            if (copy.get(i).role().equals(ChatMessage.TOOL)) {
                copy.set(i, copy.get(i).withContent(ContextWindow.ELIDED));
                json = write(copy);
            }
        }
        return json;
    }

    // ------------------------------------------------------------------ items

    private List<Map<String, AttributeValue>> query(String id, String prefix) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":pk", s("CONV#" + id));
        String condition = "pk = :pk";
        if (prefix != null) {
            values.put(":prefix", s(prefix));
            condition += " AND begins_with(sk, :prefix)";
        }
        String keyCondition = condition;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table).keyConditionExpression(keyCondition)
                    .expressionAttributeValues(values).consistentRead(true).exclusiveStartKey(from));
            page.items().stream().filter(item -> !expired(item)).forEach(items::add);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private Map<String, AttributeValue> proposalItem(String id, Proposal proposal, long expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(id, "PROPOSAL#" + proposal.id()));
        item.put("proposalId", s(proposal.id()));
        item.put("kind", s(proposal.kind()));
        item.put("status", s(proposal.status()));
        item.put("summary", s(proposal.summary()));
        item.put("request", s(proposal.request().toString()));
        item.put("diff", s(proposal.diff().toString()));
        item.put("createdAt", s(proposal.createdAt()));
        item.put("turn", n(proposal.turn()));
        item.put("expiresAt", n(expiresAt));
        return item;
    }

    private static Proposal proposal(Map<String, AttributeValue> item) {
        return new Proposal(str(item, "proposalId"), str(item, "kind"), str(item, "status"), str(item, "summary"),
                read(str(item, "request"), new TypeReference<JsonNode>() { }),
                read(str(item, "diff"), new TypeReference<JsonNode>() { }), str(item, "createdAt"),
                (int) num(item, "turn"), str(item, "changeSetId"), str(item, "tableId"));
    }

    private boolean expired(Map<String, AttributeValue> item) {
        return item.containsKey("expiresAt") && Long.parseLong(item.get("expiresAt").n()) <= clock.instant().getEpochSecond();
    }

    private static Map<String, AttributeValue> key(String id, String sk) {
        return Map.of("pk", s("CONV#" + id), "sk", s(sk));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(String.valueOf(value));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored conversation item is not valid JSON", e);
        }
    }
}
