package io.pyairtable.airtable;

import static org.assertj.core.api.Assertions.assertThat;

import io.pyairtable.sandbox.AirtableSandbox;
import io.pyairtable.sandbox.Fault;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client tells its {@link RequestListener} about every response, 429s and retries included. */
class RequestListenerTest {
    private record Seen(int status, long nanos) {
    }

    private AirtableSandbox sandbox;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        sandbox = AirtableSandbox.builder().port(0).start();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private AirtableApi client(RequestListener listener) {
        return AirtableApi.builder(sandbox.demoToken()).apiUrl(sandbox.baseUrl()).rateLimiter(RateLimiter.unlimited())
                .retryPolicy(RetryPolicy.defaults().withRateLimitPenalty(Duration.ofMillis(10))
                        .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5)))
                .requestListener(listener).build();
    }

    @Test
    void eachResponseIsReportedWithItsStatusAndDuration() {
        client((status, nanos) -> seen.add(new Seen(status, nanos))).whoami();
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).status()).isEqualTo(200);
        assertThat(seen.get(0).nanos()).isPositive();
    }

    @Test
    void a429AndItsRetryAreTwoResponses() {
        sandbox.faults().add(Fault.on("GET", "/v0/meta/whoami").times(1).rateLimited());
        client((status, nanos) -> seen.add(new Seen(status, nanos))).whoami();
        assertThat(seen).extracting(Seen::status).containsExactly(429, 200);
    }

    @Test
    void aListenerThatThrowsChangesNothing() {
        Schema.WhoAmI whoami = client((status, nanos) -> {
            throw new IllegalStateException("broken listener");
        }).whoami();
        assertThat(whoami.id()).isNotBlank();
    }
}
