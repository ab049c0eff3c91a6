package io.pyairtable.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

class DynamoDbQueryTest extends DynamoDbTestSupport {

    @BeforeEach
    void data() {
        createUsersTable("Users");
        for (int i = 0; i < 30; i++) {
            String sk = String.format("order#%02d", i);
            int n = i;
            dynamo.putItem(b -> b.tableName("Users").item(item("pk", s("u1"), "sk", s(sk), "total", n(Integer.toString(n)))));
        }
        dynamo.putItem(b -> b.tableName("Users").item(item("pk", s("u1"), "sk", s("profile"), "email", s("a@x.io"))));
        dynamo.putItem(b -> b.tableName("Users").item(item("pk", s("u2"), "sk", s("profile"), "email", s("b@x.io"))));
        dynamo.putItem(b -> b.tableName("Users").item(item("pk", s("u3"), "sk", s("profile"), "email", s("b@x.io"))));
    }

    private List<String> sortKeys(String condition, Map<String, AttributeValue> values) {
        return dynamo.query(b -> b.tableName("Users").keyConditionExpression(condition).expressionAttributeValues(values))
                .items().stream().map(i -> i.get("sk").s()).toList();
    }

    @Test
    void rangeConditions() {
        assertThat(sortKeys("pk = :u", item(":u", s("u1")))).hasSize(31).startsWith("order#00").endsWith("profile");
        assertThat(sortKeys("pk = :u AND sk = :k", item(":u", s("u1"), ":k", s("order#05")))).containsExactly("order#05");
        assertThat(sortKeys("pk = :u AND sk < :k", item(":u", s("u1"), ":k", s("order#02")))).containsExactly("order#00", "order#01");
        assertThat(sortKeys("pk = :u AND sk <= :k", item(":u", s("u1"), ":k", s("order#01")))).containsExactly("order#00", "order#01");
        assertThat(sortKeys("sk > :k AND pk = :u", item(":u", s("u1"), ":k", s("order#29")))).containsExactly("profile");
        assertThat(sortKeys("pk = :u AND sk >= :k", item(":u", s("u1"), ":k", s("order#29")))).containsExactly("order#29", "profile");
        assertThat(sortKeys("pk = :u AND sk BETWEEN :a AND :b", item(":u", s("u1"), ":a", s("order#10"), ":b", s("order#12"))))
                .containsExactly("order#10", "order#11", "order#12");
        assertThat(sortKeys("pk = :u AND begins_with(sk, :p)", item(":u", s("u1"), ":p", s("order#2")))).hasSize(10);
        assertThat(sortKeys("pk = :u", item(":u", s("nobody")))).isEmpty();
    }

    @Test
    void descendingWithLimitAndPaging() {
        QueryResponse first = dynamo.query(b -> b.tableName("Users").keyConditionExpression("pk = :u AND begins_with(sk, :p)")
                .expressionAttributeValues(item(":u", s("u1"), ":p", s("order#"))).scanIndexForward(false).limit(4));
        assertThat(first.items()).extracting(i -> i.get("sk").s()).containsExactly("order#29", "order#28", "order#27", "order#26");
        assertThat(first.lastEvaluatedKey()).isEqualTo(item("pk", s("u1"), "sk", s("order#26")));

        List<String> all = new ArrayList<>();
        dynamo.queryPaginator(b -> b.tableName("Users").keyConditionExpression("pk = :u")
                .expressionAttributeValues(item(":u", s("u1"))).limit(7)).items().forEach(i -> all.add(i.get("sk").s()));
        assertThat(all).hasSize(31).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void filterProjectionAndCount() {
        QueryResponse filtered = dynamo.query(b -> b.tableName("Users").keyConditionExpression("pk = :u")
                .filterExpression("#t >= :min").expressionAttributeNames(Map.of("#t", "total"))
                .expressionAttributeValues(item(":u", s("u1"), ":min", n("25"))).projectionExpression("sk").limit(10));
        assertThat(filtered.count()).isZero();
        assertThat(filtered.scannedCount()).isEqualTo(10);

        QueryResponse all = dynamo.query(b -> b.tableName("Users").keyConditionExpression("pk = :u")
                .filterExpression("#t >= :min").expressionAttributeNames(Map.of("#t", "total"))
                .expressionAttributeValues(item(":u", s("u1"), ":min", n("25"))).projectionExpression("sk"));
        assertThat(all.items()).extracting(i -> i.get("sk").s()).containsExactly("order#25", "order#26", "order#27", "order#28", "order#29");
        assertThat(all.items()).allSatisfy(i -> assertThat(i).containsOnlyKeys("sk"));

        QueryResponse count = dynamo.query(b -> b.tableName("Users").keyConditionExpression("pk = :u")
                .expressionAttributeValues(item(":u", s("u1"))).select(Select.COUNT));
        assertThat(count.count()).isEqualTo(31);
        assertThat(count.hasItems()).isFalse();
    }

    @Test
    void queryAGlobalSecondaryIndex() {
        QueryResponse byEmail = dynamo.query(b -> b.tableName("Users").indexName("byEmail").keyConditionExpression("email = :e")
                .expressionAttributeValues(item(":e", s("b@x.io"))));
        assertThat(byEmail.items()).extracting(i -> i.get("pk").s()).containsExactly("u2", "u3");

        QueryResponse page = dynamo.query(b -> b.tableName("Users").indexName("byEmail").keyConditionExpression("email = :e")
                .expressionAttributeValues(item(":e", s("b@x.io"))).limit(1));
        assertThat(page.lastEvaluatedKey()).isEqualTo(item("pk", s("u2"), "sk", s("profile"), "email", s("b@x.io")));
        QueryResponse next = dynamo.query(b -> b.tableName("Users").indexName("byEmail").keyConditionExpression("email = :e")
                .expressionAttributeValues(item(":e", s("b@x.io"))).limit(1).exclusiveStartKey(page.lastEvaluatedKey()));
        assertThat(next.items()).extracting(i -> i.get("pk").s()).containsExactly("u3");

        assertThatThrownBy(() -> dynamo.query(b -> b.tableName("Users").indexName("byEmail").consistentRead(true)
                .keyConditionExpression("email = :e").expressionAttributeValues(item(":e", s("b@x.io")))))
                .hasMessageContaining("Consistent reads are not supported on global secondary indexes");
        assertThatThrownBy(() -> dynamo.query(b -> b.tableName("Users").indexName("nope")
                .keyConditionExpression("email = :e").expressionAttributeValues(item(":e", s("b@x.io")))))
                .hasMessageContaining("The table does not have the specified index: nope");
    }

    @Test
    void invalidKeyConditions() {
        assertThatThrownBy(() -> sortKeys("sk = :k", item(":k", s("x")))).hasMessageContaining("Query condition missed key schema element: pk");
        assertThatThrownBy(() -> sortKeys("pk = :u OR sk = :k", item(":u", s("u1"), ":k", s("x"))))
                .hasMessageContaining("Invalid KeyConditionExpression");
        assertThatThrownBy(() -> sortKeys("pk = :u", item(":u", n("1"))))
                .hasMessageContaining("Condition parameter type does not match schema type");
        assertThatThrownBy(() -> sortKeys("pk = :u AND email = :k", item(":u", s("u1"), ":k", s("a@x.io"))))
                .hasMessageContaining("Query key condition not supported");
        assertThatThrownBy(() -> sortKeys("pk = :u AND sk BETWEEN :b AND :a", item(":u", s("u1"), ":a", s("a"), ":b", s("b"))))
                .hasMessageContaining("The BETWEEN operator requires upper bound to be greater than or equal to lower bound");
    }

    @Test
    void scanWithFilterPagingAndSegments() {
        ScanResponse filtered = dynamo.scan(b -> b.tableName("Users").filterExpression("attribute_exists(email)"));
        assertThat(filtered.count()).isEqualTo(3);
        assertThat(filtered.scannedCount()).isEqualTo(33);

        List<Map<String, AttributeValue>> all = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName("Users").limit(5)).items().forEach(all::add);
        assertThat(all).hasSize(33).doesNotHaveDuplicates();

        int total = 0;
        for (int segment = 0; segment < 3; segment++) {
            int seg = segment;
            total += dynamo.scan(b -> b.tableName("Users").segment(seg).totalSegments(3)).count();
        }
        assertThat(total).isEqualTo(33);

        assertThat(dynamo.scan(b -> b.tableName("Users").indexName("byEmail")).items()).extracting(i -> i.get("email").s())
                .containsExactly("a@x.io", "b@x.io", "b@x.io");
    }
}
