package io.pyairtable.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

class DynamoDbUpdateItemTest extends DynamoDbTestSupport {

    @BeforeEach
    void table() {
        createSimpleTable("Things");
        dynamo.putItem(b -> b.tableName("Things").item(item("id", s("u"), "n", n("10"), "legacy", s("x"),
                "list", AttributeValue.fromL(List.of(s("a"), s("b"), s("c"))),
                "tags", AttributeValue.fromSs(List.of("red", "green")),
                "profile", AttributeValue.fromM(item("city", s("Oslo"))))));
    }

    private Map<String, AttributeValue> update(String expression, Map<String, AttributeValue> values, Map<String, String> names,
            ReturnValue returnValue) {
        return dynamo.updateItem(b -> b.tableName("Things").key(item("id", s("u"))).updateExpression(expression)
                .expressionAttributeValues(values).expressionAttributeNames(names).returnValues(returnValue)).attributes();
    }

    private Map<String, AttributeValue> current() {
        return dynamo.getItem(b -> b.tableName("Things").key(item("id", s("u")))).item();
    }

    @Test
    void setWithArithmeticIfNotExistsAndListAppend() {
        Map<String, AttributeValue> updated = update(
                "SET n = n + :one, m = :five - n, c = if_not_exists(c, :zero) + :one, #l = list_append(#l, :more), "
                        + "profile.zip = :zip",
                item(":one", n("1"), ":five", n("5"), ":zero", n("0"), ":more", AttributeValue.fromL(List.of(s("d"))),
                        ":zip", s("0150")),
                Map.of("#l", "list"), ReturnValue.ALL_NEW);
        assertThat(updated.get("n")).isEqualTo(n("11"));
        assertThat(updated.get("m")).isEqualTo(n("-5"));
        assertThat(updated.get("c")).isEqualTo(n("1"));
        assertThat(updated.get("list").l()).containsExactly(s("a"), s("b"), s("c"), s("d"));
        // an index past the end appends
        update("SET #l[0] = :first, #l[9] = :last", item(":first", s("A"), ":last", s("Z")), Map.of("#l", "list"), ReturnValue.NONE);
        assertThat(current().get("list").l()).containsExactly(s("A"), s("b"), s("c"), s("d"), s("Z"));
        assertThat(updated.get("profile").m()).containsEntry("zip", s("0150")).containsEntry("city", s("Oslo"));
    }

    @Test
    void removeTopLevelNestedAndListElements() {
        update("REMOVE legacy, profile.city, #l[0], #l[2]", null, Map.of("#l", "list"), ReturnValue.NONE);
        Map<String, AttributeValue> item = current();
        assertThat(item).doesNotContainKey("legacy");
        assertThat(item.get("profile").m()).isEmpty();
        assertThat(item.get("list").l()).containsExactly(s("b"));
    }

    @Test
    void addNumbersAndSetsDeleteFromSets() {
        update("ADD n :two, tags :blue, fresh :three DELETE #s :nothing", item(":two", n("2.5"),
                ":blue", AttributeValue.fromSs(List.of("blue", "red")), ":three", n("3"),
                ":nothing", AttributeValue.fromSs(List.of("x"))), Map.of("#s", "absentSet"), ReturnValue.NONE);
        Map<String, AttributeValue> item = current();
        assertThat(item.get("n")).isEqualTo(n("12.5"));
        assertThat(item.get("fresh")).isEqualTo(n("3"));
        assertThat(item.get("tags").ss()).containsExactlyInAnyOrder("red", "green", "blue");

        update("DELETE tags :rg", item(":rg", AttributeValue.fromSs(List.of("red", "green"))), null, ReturnValue.NONE);
        assertThat(current().get("tags").ss()).containsExactly("blue");
        update("DELETE tags :b", item(":b", AttributeValue.fromSs(List.of("blue"))), null, ReturnValue.NONE);
        assertThat(current()).doesNotContainKey("tags");
    }

    @Test
    void returnValuesVariants() {
        assertThat(update("SET n = :v", item(":v", n("20")), null, ReturnValue.UPDATED_OLD)).isEqualTo(item("n", n("10")));
        assertThat(update("SET n = :v", item(":v", n("30")), null, ReturnValue.UPDATED_NEW)).isEqualTo(item("n", n("30")));
        assertThat(update("SET n = :v", item(":v", n("40")), null, ReturnValue.ALL_OLD)).containsEntry("n", n("30"))
                .containsKey("legacy");
        assertThat(update("SET n = :v", item(":v", n("50")), null, ReturnValue.NONE)).isEmpty();
    }

    @Test
    void updateCreatesAMissingItem() {
        Map<String, AttributeValue> created = dynamo.updateItem(b -> b.tableName("Things").key(item("id", s("new")))
                .updateExpression("ADD visits :one").expressionAttributeValues(item(":one", n("1")))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        assertThat(created).isEqualTo(item("id", s("new"), "visits", n("1")));
    }

    @Test
    void invalidUpdates() {
        assertThatThrownBy(() -> update("SET n = n +", null, null, ReturnValue.NONE))
                .isInstanceOf(DynamoDbException.class).hasMessageContaining("Invalid UpdateExpression: Syntax error; token: \"<EOF>\"");
        assertThatThrownBy(() -> update("SET n = :v REMOVE n", item(":v", n("1")), null, ReturnValue.NONE))
                .hasMessageContaining("Two document paths overlap");
        assertThatThrownBy(() -> update("SET a = :v SET b = :v", item(":v", n("1")), null, ReturnValue.NONE))
                .hasMessageContaining("The \"SET\" section can only be used once");
        assertThatThrownBy(() -> update("SET id = :v", item(":v", s("z")), null, ReturnValue.NONE))
                .hasMessageContaining("Cannot update attribute id. This attribute is part of the key");
        assertThatThrownBy(() -> update("SET n = legacy + :v", item(":v", n("1")), null, ReturnValue.NONE))
                .hasMessageContaining("An operand in the update expression has an incorrect data type");
        assertThatThrownBy(() -> update("SET n = nothing", null, null, ReturnValue.NONE))
                .hasMessageContaining("The provided expression refers to an attribute that does not exist in the item");
        assertThatThrownBy(() -> update("ADD legacy :s", item(":s", s("x")), null, ReturnValue.NONE))
                .hasMessageContaining("Incorrect operand type for operator or function; operator: ADD");
        assertThatThrownBy(() -> update("SET nothing.deeper = :v", item(":v", n("1")), null, ReturnValue.NONE))
                .hasMessageContaining("The document path provided in the update expression is invalid for update");
        assertThatThrownBy(() -> update("", null, null, ReturnValue.NONE))
                .hasMessageContaining("Invalid UpdateExpression: The expression can not be empty;");
        assertThatThrownBy(() -> update("SET n = :v", item(":v", n("1")), Map.of("#unused", "x"), ReturnValue.NONE))
                .hasMessageContaining("Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}");
        assertThat(current().get("n")).isEqualTo(n("10"));
    }
}
