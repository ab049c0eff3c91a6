package io.pyairtable.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class DynamoDbItemsTest extends DynamoDbTestSupport {

    @BeforeEach
    void tables() {
        createUsersTable("Users");
        createSimpleTable("Things");
    }

    @Test
    void putGetDeleteRoundTripEveryType() {
        Map<String, AttributeValue> value = item("id", s("t1"),
                "s", s(""), "n", n("1.50"), "b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, 3})),
                "bool", AttributeValue.fromBool(true), "nul", AttributeValue.fromNul(true),
                "m", AttributeValue.fromM(item("x", n("1"), "y", AttributeValue.fromL(List.of(s("a"), n("2"))))),
                "ss", AttributeValue.fromSs(List.of("b", "a")), "ns", AttributeValue.fromNs(List.of("10", "2.0")),
                "bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("z"))));
        dynamo.putItem(b -> b.tableName("Things").item(value));

        Map<String, AttributeValue> read = dynamo.getItem(b -> b.tableName("Things").key(item("id", s("t1"))).consistentRead(true)).item();
        assertThat(read.get("n").n()).isEqualTo("1.5");
        assertThat(read.get("s").s()).isEmpty();
        assertThat(read.get("b").b().asByteArray()).containsExactly(1, 2, 3);
        assertThat(read.get("ss").ss()).containsExactlyInAnyOrder("a", "b");
        assertThat(read.get("ns").ns()).containsExactlyInAnyOrder("10", "2");
        assertThat(read.get("m").m().get("y").l()).containsExactly(s("a"), n("2"));
        assertThat(read.get("nul").nul()).isTrue();

        Map<String, AttributeValue> old = dynamo.deleteItem(b -> b.tableName("Things").key(item("id", s("t1")))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        assertThat(old).containsEntry("id", s("t1"));
        assertThat(dynamo.getItem(b -> b.tableName("Things").key(item("id", s("t1")))).hasItem()).isFalse();
    }

    @Test
    void putReturnsTheOldItem() {
        dynamo.putItem(b -> b.tableName("Things").item(item("id", s("a"), "v", n("1"))));
        Map<String, AttributeValue> old = dynamo.putItem(b -> b.tableName("Things").item(item("id", s("a"), "v", n("2")))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        assertThat(old).containsEntry("v", n("1"));
    }

    @Test
    void projectionExpressionPicksNestedPaths() {
        dynamo.putItem(b -> b.tableName("Things").item(item("id", s("p"), "name", s("n"),
                "profile", AttributeValue.fromM(item("city", s("Oslo"), "zip", s("0150"))),
                "tags", AttributeValue.fromL(List.of(s("t0"), s("t1"), s("t2"))))));
        Map<String, AttributeValue> read = dynamo.getItem(b -> b.tableName("Things").key(item("id", s("p")))
                .projectionExpression("#n, profile.city, tags[2]").expressionAttributeNames(Map.of("#n", "name"))).item();
        assertThat(read).containsOnlyKeys("name", "profile", "tags");
        assertThat(read.get("profile").m()).containsOnlyKeys("city");
        assertThat(read.get("tags").l()).containsExactly(s("t2"));
    }

    @Test
    void attributeNotExistsGuardsUniqueness() {
        dynamo.putItem(b -> b.tableName("Things").item(item("id", s("email#a@x.io"))).conditionExpression("attribute_not_exists(id)"));
        assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName("Things").item(item("id", s("email#a@x.io"), "v", n("2")))
                .conditionExpression("attribute_not_exists(id)")))
                .isInstanceOf(ConditionalCheckFailedException.class)
                .hasMessageContaining("The conditional request failed");
    }

    @Test
    void conditionsWithComparisonsFunctionsAndLogic() {
        dynamo.putItem(b -> b.tableName("Things").item(item("id", s("c"), "n", n("5"), "s", s("hello world"),
                "set", AttributeValue.fromSs(List.of("x", "y")), "list", AttributeValue.fromL(List.of(n("1"))))));
        String[] holding = {
            "n = :five", "n <> :six", "n < :six", "n <= :five", "n > :four", "n >= :five", "n BETWEEN :four AND :six",
            "n IN (:four, :five)", "begins_with(s, :hel)", "contains(s, :wor)", "contains(#set, :x)", "contains(#list, :one)",
            "size(s) = :eleven", "size(#set) < :three", "attribute_type(n, :N)", "attribute_exists(s) AND NOT attribute_exists(nope)",
            "n = :six OR n = :five", "NOT (n = :six AND n = :five)", "(n = :six OR n = :five) AND s <> :hel", "absent <> :x"
        };
        Map<String, AttributeValue> values = item(":four", n("4"), ":five", n("5.0"), ":six", n("6"), ":hel", s("hel"),
                ":wor", s("wor"), ":x", s("x"), ":one", n("1"), ":eleven", n("11"), ":three", n("3"), ":N", s("N"));
        for (String condition : holding) {
            Map<String, AttributeValue> used = new java.util.HashMap<>();
            values.forEach((k, v) -> {
                if (java.util.regex.Pattern.compile(k + "\\b").matcher(condition).find()) {
                    used.put(k, v);
                }
            });
            Map<String, String> names = new java.util.HashMap<>();
            if (condition.contains("#set")) {
                names.put("#set", "set");
            }
            if (condition.contains("#list")) {
                names.put("#list", "list");
            }
            // UpdateItem without an UpdateExpression changes nothing: it only checks the condition
            Map<String, AttributeValue> none = used.isEmpty() ? null : used;
            dynamo.updateItem(b -> b.tableName("Things").key(item("id", s("c"))).conditionExpression(condition)
                    .expressionAttributeValues(none).expressionAttributeNames(names.isEmpty() ? null : names));
            assertThatThrownBy(() -> dynamo.updateItem(b -> b.tableName("Things").key(item("id", s("c")))
                    .conditionExpression("NOT (" + condition + ")").expressionAttributeValues(none)
                    .expressionAttributeNames(names.isEmpty() ? null : names)))
                    .as(condition).isInstanceOf(ConditionalCheckFailedException.class);
        }
    }

    @Test
    void conditionFailureCanReturnTheItem() {
        dynamo.putItem(b -> b.tableName("Things").item(item("id", s("r"), "v", n("1"))));
        assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName("Things").item(item("id", s("r")))
                .conditionExpression("v = :two").expressionAttributeValues(item(":two", n("2")))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                .isInstanceOf(ConditionalCheckFailedException.class);

        // the item travels in the error body's "Item" field; the service produces it
        try {
            service.handle("PutItem", new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    "{\"TableName\":\"Things\",\"Item\":{\"id\":{\"S\":\"r\"}},\"ConditionExpression\":\"attribute_not_exists(id)\","
                            + "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"}"));
        } catch (io.pyairtable.local.dynamodb.DynamoDbException e) {
            assertThat(e.type()).isEqualTo("ConditionalCheckFailedException");
            assertThat(e.extraFields().path("Item").path("v").path("N").asText()).isEqualTo("1");
            return;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a conditional check failure");
    }

    @Test
    void batchWriteAndBatchGet() {
        List<WriteRequest> writes = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Map<String, AttributeValue> value = item("id", s("b" + i), "i", n(Integer.toString(i)));
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(value).build()).build());
        }
        assertThat(dynamo.batchWriteItem(b -> b.requestItems(Map.of("Things", writes))).unprocessedItems()).isEmpty();

        Map<String, List<Map<String, AttributeValue>>> responses = dynamo.batchGetItem(b -> b.requestItems(Map.of("Things",
                KeysAndAttributes.builder().keys(item("id", s("b1")), item("id", s("b24")), item("id", s("none")))
                        .projectionExpression("i").build()))).responses();
        assertThat(responses.get("Things")).containsExactlyInAnyOrder(item("i", n("1")), item("i", n("24")));

        writes.add(writes.get(0));
        assertThatThrownBy(() -> dynamo.batchWriteItem(b -> b.requestItems(Map.of("Things", writes))))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("25");
    }

    @Test
    void keyValidation() {
        assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName("Users").item(item("pk", s("u")))))
                .hasMessageContaining("Missing the key sk in the item");
        assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName("Users").item(item("pk", n("1"), "sk", s("x")))))
                .hasMessageContaining("Type mismatch for key pk expected: S actual: N");
        assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName("Users").item(item("pk", s(""), "sk", s("x")))))
                .hasMessageContaining("cannot contain an empty string value");
        assertThatThrownBy(() -> dynamo.getItem(b -> b.tableName("Users").key(item("pk", s("u")))))
                .hasMessageContaining("The provided key element does not match the schema");
        assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName("Users").item(item("pk", s("u"), "sk", s("x"), "email", n("1")))))
                .hasMessageContaining("Type mismatch for Index Key email");
    }

    @Test
    void hostileInputIsAValidationErrorNeverA500() {
        String big = "x".repeat(401 * 1024);
        assertValidation(() -> dynamo.putItem(b -> b.tableName("Things").item(item("id", s("big"), "v", s(big)))),
                "Item size has exceeded the maximum allowed size");
        assertValidation(() -> dynamo.putItem(b -> b.tableName("Things").item(item("id", s("n"), "v", n("not-a-number")))),
                "cannot be converted into a number");
        assertValidation(() -> dynamo.putItem(b -> b.tableName("Things").item(item("id", s("n"), "v",
                n("1234567890123456789012345678901234567890")))), "38 significant digits");
        assertValidation(() -> dynamo.putItem(b -> b.tableName("Things").item(item("id", s("n"), "v", n("1e400")))), "overflow");
        assertValidation(() -> dynamo.putItem(b -> b.tableName("Things").item(item("id", s("n"), "v",
                AttributeValue.fromSs(List.of("a", "a"))))), "duplicates");
        assertValidation(() -> dynamo.putItem(b -> b.tableName("Things").item(item("id", s("n")))
                .conditionExpression("attribute_not_exists(id) AND")), "Syntax error; token: \"<EOF>\"");
        assertValidation(() -> dynamo.putItem(b -> b.tableName("Things").item(item("id", s("n")))
                .conditionExpression("status = :s").expressionAttributeValues(item(":s", s("x")))),
                "Attribute name is a reserved keyword; reserved keyword: status");
        assertValidation(() -> dynamo.putItem(b -> b.tableName("Things").item(item("id", s("n")))
                .conditionExpression("a = :s").expressionAttributeValues(item(":s", s("x"), ":unused", s("y")))),
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
        assertValidation(() -> dynamo.putItem(b -> b.tableName("Things").item(item("id", s("n")))
                .conditionExpression("#a = :s").expressionAttributeValues(item(":s", s("x")))),
                "An expression attribute name used in the document path is not defined; attribute name: #a");
        assertValidation(() -> dynamo.putItem(b -> b.tableName("Things").item(item("id", s("n")))
                .conditionExpression("a = :s")), "An expression attribute value used in expression is not defined");
        assertValidation(() -> dynamo.putItem(b -> b.tableName("Things").item(item("id", s("n")))
                .conditionExpression("nofunc(a)")), "Invalid function name; function: nofunc");
        assertValidation(() -> dynamo.putItem(b -> b.tableName("Things").item(item("id", s("n")))
                .conditionExpression("a = $")), "Syntax error; token: \"$\"");
        assertValidation(() -> dynamo.putItem(b -> b.tableName("Things").item(item("id", s("n")))
                .conditionExpression("(".repeat(5000))), "Invalid ConditionExpression");
        assertValidation(() -> dynamo.putItem(b -> b.tableName("Things").item(item("id", s("n")))
                .conditionExpression("(".repeat(4000) + "a = a" + ")".repeat(4000))), "Invalid ConditionExpression");
        assertValidation(() -> dynamo.putItem(b -> b.tableName("Things").item(item("id", s("n")))
                .conditionExpression("(".repeat(2000) + "a = a" + ")".repeat(2000))), "nested too deeply");
        assertValidation(() -> dynamo.putItem(b -> b.tableName("Things").item(item("id", s("n")))
                .conditionExpression("NOT ".repeat(1000) + "a = a")), "nested too deeply");
    }

    private static void assertValidation(Runnable call, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOf(DynamoDbException.class)
                .satisfies(e -> {
                    DynamoDbException error = (DynamoDbException) e;
                    assertThat(error.statusCode()).isEqualTo(400);
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                })
                .hasMessageContaining(messagePart);
    }
}
