package io.pyairtable.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

class DynamoDbTransactionsTest extends DynamoDbTestSupport {

    @BeforeEach
    void tables() {
        createUsersTable("Users");
        createSimpleTable("Counters");
    }

    /** Registers a user: the user item and an email-uniqueness item, both only if absent. */
    private void register(String userId, String email) {
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("Users").item(item("pk", s("user#" + userId), "sk", s("profile"),
                        "email", s(email))).conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().put(p -> p.tableName("Users").item(item("pk", s("email#" + email), "sk", s("unique"),
                        "userId", s(userId))).conditionExpression("attribute_not_exists(pk)")).build()));
    }

    @Test
    void allOrNothingWithCancellationReasonsInOrder() {
        register("u1", "a@x.io");
        assertThatThrownBy(() -> register("u2", "a@x.io"))
                .isInstanceOf(TransactionCanceledException.class)
                .hasMessageContaining("Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]");
        assertThat(dynamo.getItem(b -> b.tableName("Users").key(item("pk", s("user#u2"), "sk", s("profile")))).hasItem()).isFalse();
    }

    @Test
    void updateDeleteAndConditionCheckInOneTransaction() {
        dynamo.putItem(b -> b.tableName("Counters").item(item("id", s("c"), "n", n("1"))));
        dynamo.putItem(b -> b.tableName("Counters").item(item("id", s("gone"))));
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().update(u -> u.tableName("Counters").key(item("id", s("c")))
                        .updateExpression("SET n = n + :one").expressionAttributeValues(item(":one", n("1")))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName("Counters").key(item("id", s("gone")))).build(),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName("Users").key(item("pk", s("x"), "sk", s("y")))
                        .conditionExpression("attribute_not_exists(pk)")).build()));
        assertThat(dynamo.getItem(b -> b.tableName("Counters").key(item("id", s("c")))).item().get("n")).isEqualTo(n("2"));
        assertThat(dynamo.getItem(b -> b.tableName("Counters").key(item("id", s("gone")))).hasItem()).isFalse();

        assertThat(dynamo.transactGetItems(b -> b.transactItems(
                t -> t.get(g -> g.tableName("Counters").key(item("id", s("c")))),
                t -> t.get(g -> g.tableName("Counters").key(item("id", s("gone")))))).responses())
                .extracting(r -> r.hasItem()).containsExactly(true, false);
    }

    @Test
    void rejectsTwoOperationsOnOneItem() {
        assertThatThrownBy(() -> dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("Counters").item(item("id", s("same")))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName("Counters").key(item("id", s("same")))).build())))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Transaction request cannot include multiple operations on one item");
    }

    @Test
    void clientRequestTokenMakesRetriesIdempotent() {
        dynamo.putItem(b -> b.tableName("Counters").item(item("id", s("c"), "n", n("0"))));
        for (int i = 0; i < 3; i++) {
            dynamo.transactWriteItems(b -> b.clientRequestToken("token-1").transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName("Counters").key(item("id", s("c")))
                            .updateExpression("ADD n :one").expressionAttributeValues(item(":one", n("1")))).build()));
        }
        assertThat(dynamo.getItem(b -> b.tableName("Counters").key(item("id", s("c")))).item().get("n")).isEqualTo(n("1"));
    }

    @Test
    void concurrentRegistrationsWithTheSameEmailExactlyOneWins() throws Exception {
        int contenders = 16;
        List<Callable<Boolean>> attempts = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < contenders; i++) {
            String userId = "user-" + i;
            attempts.add(() -> {
                start.await();
                try {
                    register(userId, "same@x.io");
                    return true;
                } catch (TransactionCanceledException lost) {
                    return false;
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            attempts.forEach(a -> results.add(pool.submit(a)));
            start.countDown();
            int winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(dynamo.scan(b -> b.tableName("Users")).count()).isEqualTo(2);
    }

    @Test
    void concurrentAddCountersAreExact() throws Exception {
        int threads = 8;
        int increments = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < increments; i++) {
                        dynamo.updateItem(b -> b.tableName("Counters").key(item("id", s("hits")))
                                .updateExpression("ADD #c :one").expressionAttributeNames(java.util.Map.of("#c", "count"))
                                .expressionAttributeValues(item(":one", n("1"))));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(dynamo.getItem(b -> b.tableName("Counters").key(item("id", s("hits")))).item().get("count"))
                .isEqualTo(n(Integer.toString(threads * increments)));
    }

    @Test
    void cancellationReasonsAreInTheErrorBody() throws Exception {
        dynamo.putItem(b -> b.tableName("Counters").item(item("id", s("taken"), "v", n("7"))));
        com.fasterxml.jackson.databind.JsonNode request = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"TransactItems": [
                  {"Put": {"TableName": "Counters", "Item": {"id": {"S": "free"}}}},
                  {"Put": {"TableName": "Counters", "Item": {"id": {"S": "taken"}},
                           "ConditionExpression": "attribute_not_exists(id)",
                           "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}}]}""");
        assertThatThrownBy(() -> service.handle("TransactWriteItems", request))
                .isInstanceOfSatisfying(io.pyairtable.local.dynamodb.DynamoDbException.class, e -> {
                    assertThat(e.type()).isEqualTo("TransactionCanceledException");
                    com.fasterxml.jackson.databind.JsonNode reasons = e.extraFields().get("CancellationReasons");
                    assertThat(reasons.get(0).get("Code").asText()).isEqualTo("None");
                    assertThat(reasons.get(1).get("Code").asText()).isEqualTo("ConditionalCheckFailed");
                    assertThat(reasons.get(1).at("/Item/v/N").asText()).isEqualTo("7");
                });
    }
}
