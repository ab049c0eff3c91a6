package io.pyairtable.functions.assistant;

import io.pyairtable.functions.core.ApiError;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each user's model tokens per UTC day, one counter item in the Conversations table
 * ({@code pk=USER#<userId>, sk=USAGE#<yyyy-mm-dd>}: tokens, inputTokens, outputTokens, costUsd; expires after two
 * days). A message is refused with {@code 429 ASSISTANT_BUDGET_EXHAUSTED} once the day's tokens reach the budget;
 * the tool loop also stops between steps when it is spent (one step may overshoot it).
 */
final class TokenBudget {
    private final DynamoDbClient dynamo;
    private final String table;
    private final long limit;
    private final Clock clock;

    TokenBudget(DynamoDbClient dynamo, String table, long limit, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.limit = limit;
        this.clock = clock;
    }

    long limit() {
        return limit;
    }

    long used(String user) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(key(user)).consistentRead(true))
                .item();
        return item == null || !item.containsKey("tokens") ? 0 : Long.parseLong(item.get("tokens").n());
    }

    void check(String user) {
        if (used(user) >= limit) {
            Instant midnight = today().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            long seconds = Math.max(1, Duration.between(clock.instant(), midnight).toSeconds());
            throw new ApiError(429, "ASSISTANT_BUDGET_EXHAUSTED", "You have used today's assistant budget of "
                    + limit + " tokens; it renews at 00:00 UTC.", Map.of("Retry-After", String.valueOf(seconds)));
        }
    }

    boolean exhausted(String user) {
        return used(user) >= limit;
    }

    /** Adds one model call's usage; answers the day's total. */
    long add(String user, long input, long output, BigDecimal cost) {
        long expires = today().plusDays(2).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        Map<String, AttributeValue> updated = dynamo.updateItem(b -> b.tableName(table).key(key(user))
                .updateExpression("ADD tokens :t, inputTokens :i, outputTokens :o, costUsd :c SET expiresAt = :e")
                .expressionAttributeValues(Map.of(":t", n(input + output), ":i", n(input), ":o", n(output),
                        ":c", AttributeValue.fromN(cost.toPlainString()), ":e", n(expires)))
                .returnValues("UPDATED_NEW")).attributes();
        return Long.parseLong(updated.get("tokens").n());
    }

    private Map<String, AttributeValue> key(String user) {
        return Map.of("pk", AttributeValue.fromS("USER#" + user), "sk", AttributeValue.fromS("USAGE#" + today()));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(String.valueOf(value));
    }
}
