package io.pyairtable.local.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pyairtable.local.dynamodb.DynamoDbService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The fault hook around the local DynamoDB, through the real SDK client (no SDK retries, so each call is one). */
class FaultInjectingServiceTest {
    private DynamoDbService dynamoDb;
    private FaultInjectingService faults;
    private AwsEndpoint endpoint;
    private DynamoDbClient client;

    @BeforeEach
    void start() {
        dynamoDb = DynamoDbService.builder().ttlSweepInterval(null).build();
        faults = new FaultInjectingService(dynamoDb);
        endpoint = AwsEndpoint.start("127.0.0.1", 0, List.of(faults));
        client = DynamoDbClient.builder().endpointOverride(endpoint.url()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none())).build();
        client.createTable(b -> b.tableName("Faults").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
    }

    @AfterEach
    void stop() {
        client.close();
        endpoint.close();
        dynamoDb.close();
    }

    private void put(String pk) {
        client.putItem(b -> b.tableName("Faults").item(Map.of("pk", AttributeValue.fromS(pk))));
    }

    private boolean exists(String pk) {
        return client.getItem(b -> b.tableName("Faults").key(Map.of("pk", AttributeValue.fromS(pk)))).hasItem();
    }

    @Test
    void failsTheNextMatchingCallsWithDynamoDbsInternalServerErrorAndAppliesNothing() {
        FaultInjectingService.Rule rule = faults.failNext("PutItem",
                body -> body.at("/Item/pk/S").asText().startsWith("bad"), 2);

        put("good-1"); // another body: through
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> put("bad-1")).isInstanceOfSatisfying(InternalServerErrorException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(500);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalServerError");
            });
        }
        assertThat(exists("bad-1")).isFalse();
        put("bad-1"); // the rule is used up
        assertThat(exists("bad-1")).isTrue();
        assertThat(exists("good-1")).isTrue();
        assertThat(rule.fired()).isEqualTo(2);
        assertThat(rule.remaining()).isZero();
    }

    @Test
    void matchesOnlyItsOperationAndStopsWhenRemoved() {
        FaultInjectingService.Rule rule = faults.failNext("GetItem", null, 5);
        put("a");
        assertThatThrownBy(() -> exists("a")).isInstanceOf(InternalServerErrorException.class);
        rule.remove();
        assertThat(exists("a")).isTrue();
        assertThat(rule.fired()).isEqualTo(1);
        assertThat(faults.rules()).isEmpty();

        faults.failNext("GetItem", null, 1);
        faults.clear();
        assertThat(exists("a")).isTrue();
        assertThatThrownBy(() -> faults.failNext("GetItem", null, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
