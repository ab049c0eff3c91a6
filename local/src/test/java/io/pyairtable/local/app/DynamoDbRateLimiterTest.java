package io.pyairtable.local.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.pyairtable.airtable.AirtableApi;
import io.pyairtable.airtable.RateLimitKey;
import io.pyairtable.airtable.RateLimiter;
import io.pyairtable.airtable.RecordQuery;
import io.pyairtable.airtable.RetryPolicy;
import io.pyairtable.airtable.Table;
import io.pyairtable.functions.core.DynamoDbRateLimiter;
import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.junit.LocalCloudExtension;
import io.pyairtable.sandbox.FieldSpec;
import io.pyairtable.sandbox.TableSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The distributed limiter against the sandbox (5 req/s per base in any sliding second, 429 otherwise): several
 * limiter instances (as many Lambda containers) share the budget through the local DynamoDB.
 */
@ExtendWith(LocalCloudExtension.class)
class DynamoDbRateLimiterTest {
    static final String TABLE = "pyairtable-dev-rate-limits";

    static DynamoDbClient dynamoDb(LocalCloud cloud) {
        return DynamoDbClient.builder().endpointOverride(cloud.awsUrl()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("pyairtable-local", "pyairtable-local-secret"))).build();
    }

    @Test
    void concurrentWritersAndReadersOnOneBaseNeverSeeA429(LocalCloud cloud) throws Exception {
        String base = cloud.sandbox().createBase("Limiter " + System.nanoTime(), List.of(new TableSpec("Rows",
                List.of(FieldSpec.text("Name")))));
        int requests = 50;
        AtomicInteger remaining = new AtomicInteger(requests);
        List<Long> starts = Collections.synchronizedList(new ArrayList<>());
        cloud.sandbox().resetCounters();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> done = new ArrayList<>();
        try (DynamoDbClient dynamoDb = dynamoDb(cloud)) {
            for (int worker = 0; worker < 6; worker++) {
                boolean writer = worker < 3;
                // one limiter and one client per worker, as separate function instances would have
                RateLimiter limiter = DynamoDbRateLimiter.airtableDefaults(dynamoDb, TABLE);
                RateLimiter recording = new RateLimiter() {
                    @Override
                    public Permit acquire(RateLimitKey key, Instant deadline) throws InterruptedException {
                        Permit permit = limiter.acquire(key, deadline);
                        starts.add(System.nanoTime());
                        return permit;
                    }

                    @Override
                    public void penalize(RateLimitKey key, Duration penalty) {
                        limiter.penalize(key, penalty);
                    }
                };
                Table table = AirtableApi.builder(cloud.sandbox().demoToken()).apiUrl(cloud.sandbox().baseUrl())
                        .rateLimiter(recording).retryPolicy(RetryPolicy.defaults()).build().base(base).table("Rows");
                int id = worker;
                done.add(pool.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        if (writer) {
                            table.create(Map.of("Name", "w" + id));
                        } else {
                            table.page(RecordQuery.builder().pageSize(5).build(), null);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Long> sorted = new ArrayList<>(starts);
        Collections.sort(sorted);
        double seconds = (sorted.get(sorted.size() - 1) - sorted.get(0)) / 1e9;
        double steadyRate = (sorted.size() - 5) / seconds; // the first 5 go at once; then 5 per window
        System.out.printf("limiter proof: %d requests by 3 writers + 3 readers (6 limiter instances), %.2f s, "
                + "steady %.2f req/s (%.0f %% of 5), sandbox 429s: %d%n", sorted.size(), seconds, steadyRate,
                steadyRate / 5 * 100, cloud.sandbox().rateLimitedResponses());
        assertThat(sorted).hasSize(requests);
        assertThat(cloud.sandbox().rateLimitedResponses()).isZero();
        assertThat(steadyRate).isGreaterThanOrEqualTo(4.5).isLessThanOrEqualTo(5.0);
    }

    @Test
    void aPenaltyIsHonouredByEveryInstance(LocalCloud cloud) throws Exception {
        try (DynamoDbClient dynamoDb = dynamoDb(cloud)) {
            DynamoDbRateLimiter one = DynamoDbRateLimiter.airtableDefaults(dynamoDb, TABLE);
            DynamoDbRateLimiter two = DynamoDbRateLimiter.airtableDefaults(dynamoDb, TABLE);
            RateLimitKey key = new RateLimitKey("feedfacefeedface", "appPenaltyTest0001".substring(0, 17));
            RateLimiter.Permit first = two.acquire(key, Instant.now().plusSeconds(1));
            assertThat(first).isNotNull();
            first.release();
            one.penalize(key, Duration.ofSeconds(30));
            long t0 = System.nanoTime();
            assertThat(two.acquire(key, Instant.now().plusSeconds(5))).as("the penalty outlasts the deadline").isNull();
            assertThat((System.nanoTime() - t0) / 1_000_000).as("no pointless wait").isLessThan(1000);
            one.penalize(key, Duration.ofMillis(1)); // a shorter penalty never shortens the longer one
            assertThat(two.acquire(key, Instant.now().plusSeconds(2))).isNull();
            RateLimitKey otherBase = new RateLimitKey("feedfacefeedface", "appPenaltyOther01");
            RateLimiter.Permit unaffected = two.acquire(otherBase, Instant.now().plusSeconds(1));
            assertThat(unaffected).as("another base of the same token is not penalised").isNotNull();
            unaffected.release();
        }
    }

    @Test
    void aSixthRequestWaitsForTheWindowAfterTheFirstResponse(LocalCloud cloud) throws Exception {
        try (DynamoDbClient dynamoDb = dynamoDb(cloud)) {
            List<DynamoDbRateLimiter> instances = List.of(DynamoDbRateLimiter.airtableDefaults(dynamoDb, TABLE),
                    DynamoDbRateLimiter.airtableDefaults(dynamoDb, TABLE));
            RateLimitKey key = new RateLimitKey("0123456789abcdef", "appWindowTest0001");
            List<RateLimiter.Permit> permits = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                permits.add(instances.get(i % 2).acquire(key, Instant.now().plusSeconds(1)));
            }
            assertThat(permits).doesNotContainNull();
            assertThat(instances.get(0).acquire(key, Instant.now().plusMillis(300)))
                    .as("all 5 slots in flight").isNull();
            long released = System.nanoTime();
            permits.forEach(RateLimiter.Permit::release);
            RateLimiter.Permit sixth = instances.get(1).acquire(key, Instant.now().plusSeconds(3));
            long waitedMillis = (System.nanoTime() - released) / 1_000_000;
            assertThat(sixth).isNotNull();
            assertThat(waitedMillis).as("one window (+ margin) after the responses").isBetween(1000L, 1500L);
            sixth.release();
        }
    }
}
