package io.pyairtable.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynamoDbTtlAndPersistenceTest extends DynamoDbTestSupport {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path tempDir;

    @Test
    void sweepDeletesExpiredItemsOnlyAndReadsSeeThemUntilThen() {
        stopDynamo();
        start(DynamoDbService.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).ttlSweepInterval(null).build());
        createSimpleTable("Sessions");
        dynamo.updateTimeToLive(b -> b.tableName("Sessions").timeToLiveSpecification(t -> t.enabled(true).attributeName("ttl")));
        long now = NOW.getEpochSecond();
        dynamo.putItem(b -> b.tableName("Sessions").item(item("id", s("expired"), "ttl", n(Long.toString(now - 10)))));
        dynamo.putItem(b -> b.tableName("Sessions").item(item("id", s("live"), "ttl", n(Long.toString(now + 3600)))));
        dynamo.putItem(b -> b.tableName("Sessions").item(item("id", s("ancient"), "ttl", n("1"))));
        dynamo.putItem(b -> b.tableName("Sessions").item(item("id", s("text"), "ttl", s("yesterday"))));
        dynamo.putItem(b -> b.tableName("Sessions").item(item("id", s("none"))));

        assertThat(dynamo.getItem(b -> b.tableName("Sessions").key(item("id", s("expired")))).hasItem()).isTrue();
        assertThat(service.sweepExpiredItems()).isEqualTo(1);
        assertThat(dynamo.getItem(b -> b.tableName("Sessions").key(item("id", s("expired")))).hasItem()).isFalse();
        assertThat(dynamo.scan(b -> b.tableName("Sessions")).count()).isEqualTo(4);
    }

    @Test
    void backgroundSweepRuns() throws Exception {
        stopDynamo();
        start(DynamoDbService.builder().ttlSweepInterval(java.time.Duration.ofMillis(50)).build());
        createSimpleTable("Sessions");
        dynamo.updateTimeToLive(b -> b.tableName("Sessions").timeToLiveSpecification(t -> t.enabled(true).attributeName("ttl")));
        dynamo.putItem(b -> b.tableName("Sessions").item(item("id", s("x"),
                "ttl", n(Long.toString(Instant.now().getEpochSecond() - 1)))));
        long deadline = System.currentTimeMillis() + 5000;
        while (dynamo.getItem(b -> b.tableName("Sessions").key(item("id", s("x")))).hasItem()) {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void persistsTablesSettingsAndItemsAcrossRestarts() {
        Path file = tempDir.resolve("data/dynamodb.json");
        stopDynamo();
        start(DynamoDbService.builder().dataFile(file).ttlSweepInterval(null).build());
        createUsersTable("Users");
        dynamo.updateTimeToLive(b -> b.tableName("Users").timeToLiveSpecification(t -> t.enabled(true).attributeName("ttl")));
        dynamo.updateContinuousBackups(b -> b.tableName("Users").pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        dynamo.putItem(b -> b.tableName("Users").item(item("pk", s("u1"), "sk", s("profile"), "email", s("a@x.io"), "n", n("1.50"))));
        stopDynamo();
        assertThat(Files.exists(file)).isTrue();

        start(DynamoDbService.builder().dataFile(file).ttlSweepInterval(null).build());
        assertThat(dynamo.getItem(b -> b.tableName("Users").key(item("pk", s("u1"), "sk", s("profile")))).item())
                .containsEntry("n", n("1.5"));
        assertThat(dynamo.query(b -> b.tableName("Users").indexName("byEmail").keyConditionExpression("email = :e")
                .expressionAttributeValues(item(":e", s("a@x.io")))).count()).isEqualTo(1);
        assertThat(dynamo.describeTimeToLive(b -> b.tableName("Users")).timeToLiveDescription().attributeName()).isEqualTo("ttl");
        assertThat(dynamo.describeContinuousBackups(b -> b.tableName("Users")).continuousBackupsDescription()
                .pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString()).isEqualTo("ENABLED");
    }
}
