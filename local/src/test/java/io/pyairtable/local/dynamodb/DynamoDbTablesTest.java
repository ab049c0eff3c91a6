package io.pyairtable.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryStatus;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

class DynamoDbTablesTest extends DynamoDbTestSupport {

    @Test
    void createDescribeListDelete() {
        createUsersTable("Users");
        createSimpleTable("RateLimits");

        TableDescription table = dynamo.describeTable(b -> b.tableName("Users")).table();
        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/Users");
        assertThat(table.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType()).containsExactly("pk:HASH", "sk:RANGE");
        assertThat(table.itemCount()).isZero();
        assertThat(table.globalSecondaryIndexes()).singleElement().satisfies(gsi -> {
            assertThat(gsi.indexName()).isEqualTo("byEmail");
            assertThat(gsi.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
        });
        assertThat(table.creationDateTime()).isNotNull();

        dynamo.putItem(b -> b.tableName("Users").item(item("pk", s("u1"), "sk", s("profile"), "email", s("a@x.io"))));
        assertThat(dynamo.describeTable(b -> b.tableName("Users")).table().itemCount()).isEqualTo(1);

        assertThat(dynamo.listTables().tableNames()).containsExactly("RateLimits", "Users");
        assertThat(dynamo.listTables(b -> b.limit(1)).lastEvaluatedTableName()).isEqualTo("RateLimits");
        assertThat(dynamo.listTablesPaginator(b -> b.limit(1)).tableNames()).containsExactly("RateLimits", "Users");

        dynamo.deleteTable(b -> b.tableName("Users"));
        assertThat(dynamo.listTables().tableNames()).containsExactly("RateLimits");
        assertThatThrownBy(() -> dynamo.describeTable(b -> b.tableName("Users")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Requested resource not found");
    }

    @Test
    void sdkWaiterSeesTheTableActive() {
        createSimpleTable("Waited");
        assertThat(dynamo.waiter().waitUntilTableExists(b -> b.tableName("Waited")).matched().response()).isPresent();
    }

    @Test
    void rejectsDuplicateAndInvalidTables() {
        createSimpleTable("Dup");
        assertThatThrownBy(() -> createSimpleTable("Dup")).isInstanceOf(ResourceInUseException.class);
        assertThatThrownBy(() -> createSimpleTable("x")).isInstanceOf(DynamoDbException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> dynamo.createTable(b -> b.tableName("Unused")
                .attributeDefinitions(def("id", ScalarAttributeType.S), def("extra", ScalarAttributeType.S))
                .keySchema(key("id", KeyType.HASH)).billingMode("PAY_PER_REQUEST")))
                .hasMessageContaining("Some AttributeDefinitions are not used");
        assertThatThrownBy(() -> dynamo.createTable(b -> b.tableName("Undefined")
                .attributeDefinitions(def("id", ScalarAttributeType.S))
                .keySchema(key("other", KeyType.HASH)).billingMode("PAY_PER_REQUEST")))
                .hasMessageContaining("not defined in AttributeDefinitions");
        assertThatThrownBy(() -> dynamo.createTable(b -> b.tableName("Provisioned")
                .attributeDefinitions(def("id", ScalarAttributeType.S)).keySchema(key("id", KeyType.HASH))
                .billingMode("PROVISIONED")))
                .hasMessageContaining("ReadCapacityUnits and WriteCapacityUnits must both be specified");
        dynamo.createTable(b -> b.tableName("Provisioned")
                .attributeDefinitions(def("id", ScalarAttributeType.S)).keySchema(key("id", KeyType.HASH))
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L)));
        assertThat(dynamo.describeTable(b -> b.tableName("Provisioned")).table().provisionedThroughput().readCapacityUnits())
                .isEqualTo(5L);
    }

    @Test
    void operationsOnMissingTablesAreResourceNotFound() {
        assertThatThrownBy(() -> dynamo.getItem(b -> b.tableName("Nope").key(item("id", s("1")))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Requested resource not found");
        assertThatThrownBy(() -> dynamo.deleteTable(b -> b.tableName("Nope"))).isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> dynamo.query(b -> b.tableName("Nope").keyConditionExpression("id = :v")
                .expressionAttributeValues(item(":v", s("1"))))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void timeToLiveAndPointInTimeRecoverySettings() {
        createSimpleTable("Sessions");
        assertThat(dynamo.describeTimeToLive(b -> b.tableName("Sessions")).timeToLiveDescription().timeToLiveStatus())
                .isEqualTo(TimeToLiveStatus.DISABLED);
        dynamo.updateTimeToLive(b -> b.tableName("Sessions").timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));
        assertThat(dynamo.describeTimeToLive(b -> b.tableName("Sessions")).timeToLiveDescription())
                .satisfies(d -> {
                    assertThat(d.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
                    assertThat(d.attributeName()).isEqualTo("expiresAt");
                });

        dynamo.updateContinuousBackups(b -> b.tableName("Sessions").pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        assertThat(dynamo.describeContinuousBackups(b -> b.tableName("Sessions")).continuousBackupsDescription()
                .pointInTimeRecoveryDescription().pointInTimeRecoveryStatus()).isEqualTo(PointInTimeRecoveryStatus.ENABLED);
    }

    @Test
    void updateTableAddsAGlobalSecondaryIndex() {
        createSimpleTable("Jobs");
        dynamo.putItem(b -> b.tableName("Jobs").item(item("id", s("j1"), "status", s("DONE"))));
        dynamo.updateTable(b -> b.tableName("Jobs").attributeDefinitions(def("status", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byStatus").keySchema(key("status", KeyType.HASH))
                        .projection(p -> p.projectionType("KEYS_ONLY")))));
        assertThat(dynamo.query(b -> b.tableName("Jobs").indexName("byStatus").keyConditionExpression("#s = :s")
                .expressionAttributeNames(java.util.Map.of("#s", "status")).expressionAttributeValues(item(":s", s("DONE"))))
                .items()).containsExactly(item("id", s("j1"), "status", s("DONE")));
    }
}
