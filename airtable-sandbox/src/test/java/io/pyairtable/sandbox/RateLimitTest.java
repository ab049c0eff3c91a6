package io.pyairtable.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void sixthRequestWithinASecondIsRejectedAndStartsThePenalty() throws InterruptedException {
        try (AirtableSandbox sandbox = AirtableSandbox.builder().penalty(Duration.ofMillis(300)).start()) {
            ApiClient api = new ApiClient(sandbox.baseUrl(), sandbox.demoToken());
            String companies = "/v0/" + sandbox.demoBaseId() + "/Companies";

            List<Integer> statuses = new ArrayList<>();
            ApiClient.Response limited = null;
            for (int i = 0; i < 6; i++) {
                ApiClient.Response response = api.get(companies);
                statuses.add(response.status());
                if (response.status() == 429) {
                    limited = response;
                }
            }
            assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 429);
            assertThat(limited.json().path("errors").get(0).path("error").asText()).isEqualTo("RATE_LIMIT_REACHED");
            assertThat(limited.json().path("errors").get(0).path("message").asText())
                    .isEqualTo("Rate limit exceeded. Please try again later");

            assertThat(api.get(companies).status()).as("penalty applies").isEqualTo(429);
            assertThat(sandbox.rateLimitedResponses()).isEqualTo(2);
            assertThat(sandbox.requestsServed()).isEqualTo(7);

            Thread.sleep(350);
            assertThat(api.get(companies).status()).as("penalty over").isEqualTo(200);

            sandbox.resetCounters();
            assertThat(sandbox.rateLimitedResponses()).isZero();
            assertThat(sandbox.requestsServed()).isZero();
        }
    }

    @Test
    void basesAreLimitedIndependentlyAndZeroDisablesLimiting() {
        try (AirtableSandbox sandbox = AirtableSandbox.builder().penalty(Duration.ofMillis(300)).start()) {
            ApiClient api = new ApiClient(sandbox.baseUrl(), sandbox.demoToken());
            String other = sandbox.createBase("Other", List.of(TableSpec.of("T", FieldSpec.text("Name"))));
            for (int i = 0; i < 5; i++) {
                assertThat(api.get("/v0/" + sandbox.demoBaseId() + "/Companies").status()).isEqualTo(200);
            }
            assertThat(api.get("/v0/" + other + "/T").status()).isEqualTo(200);
            assertThat(api.get("/v0/meta/whoami").status()).as("no base: only the token limit").isEqualTo(200);
        }
        try (AirtableSandbox unlimited = AirtableSandbox.builder().requestsPerSecondPerBase(0).start()) {
            ApiClient api = new ApiClient(unlimited.baseUrl(), unlimited.demoToken());
            for (int i = 0; i < 20; i++) {
                assertThat(api.get("/v0/" + unlimited.demoBaseId() + "/Companies?maxRecords=1").status()).isEqualTo(200);
            }
            assertThat(unlimited.rateLimitedResponses()).isZero();
        }
    }

    @Test
    void perTokenLimitAppliesAcrossBases() {
        try (AirtableSandbox sandbox = AirtableSandbox.builder().requestsPerSecondPerBase(100)
                .requestsPerSecondPerToken(3).penalty(Duration.ofMillis(200)).start()) {
            ApiClient api = new ApiClient(sandbox.baseUrl(), sandbox.demoToken());
            for (int i = 0; i < 3; i++) {
                assertThat(api.get("/v0/meta/whoami").status()).isEqualTo(200);
            }
            assertThat(api.get("/v0/meta/whoami").status()).isEqualTo(429);
            ApiClient other = api.withToken(sandbox.createToken(java.util.Set.of("*"), java.util.Set.of()));
            assertThat(other.get("/v0/meta/whoami").status()).as("other token unaffected").isEqualTo(200);
        }
    }

    @Test
    void slidingWindowCountsArrivalTimes() {
        long[] now = {0};
        RateLimiter limiter = new RateLimiter(5, 0, Duration.ofSeconds(30), () -> now[0]);
        for (int i = 0; i < 5; i++) {
            now[0] = i * 100_000_000L; // 0.0 .. 0.4 s
            assertThat(limiter.tryAcquire("t", "app")).isTrue();
        }
        now[0] = 1_050_000_000L; // the request at 0.0 s left the window, 4 remain
        assertThat(limiter.tryAcquire("t", "app")).isTrue();
        now[0] = 1_090_000_000L; // 0.1 .. 1.05 s: 5 in the window
        assertThat(limiter.tryAcquire("t", "app")).isFalse();
        now[0] = 20_000_000_000L; // still within the 30 s penalty
        assertThat(limiter.tryAcquire("t", "app")).isFalse();
        now[0] = 31_100_000_000L;
        assertThat(limiter.tryAcquire("t", "app")).isTrue();
    }
}
