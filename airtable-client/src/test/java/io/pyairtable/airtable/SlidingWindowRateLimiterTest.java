package io.pyairtable.airtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SlidingWindowRateLimiterTest {
    private static final RateLimitKey BASE_A = new RateLimitKey("tok", "appAAAAAAAAAAAAAA");
    private static final RateLimitKey BASE_B = new RateLimitKey("tok", "appBBBBBBBBBBBBBB");

    private static Instant far() {
        return Instant.now().plusSeconds(60);
    }

    private static Instant in(long millis) {
        return Instant.now().plusMillis(millis);
    }

    @Test
    void aSlotIsFreeOneWindowAfterItsResponseNotItsStart() throws Exception {
        Duration window = Duration.ofMillis(200);
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(8, 100, window);
        record Span(long start, long end) {}
        List<Span> spans = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 40; i++) {
            int n = i;
            pool.submit(() -> {
                RateLimiter.Permit permit = limiter.acquire(BASE_A, far());
                long start = System.nanoTime();
                Thread.sleep(n % 3 * 15); // requests of varying latency
                long end = System.nanoTime();
                permit.release();
                spans.add(new Span(start, end));
                return null;
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(spans).hasSize(40);
        // Airtable saw each request at some instant inside [start, end]; all requests it saw in one window were
        // therefore "held" (start <= t < end + window) at that window's last instant. So it suffices that at no
        // instant more than 8 requests are held; the maximum is reached at some request's start.
        for (Span s : spans) {
            long held = spans.stream().filter(o -> o.start() <= s.start() && s.start() < o.end() + window.toNanos()).count();
            assertThat(held).isLessThanOrEqualTo(8);
        }
        long first = spans.stream().mapToLong(Span::start).min().orElseThrow();
        long last = spans.stream().mapToLong(Span::start).max().orElseThrow();
        assertThat(Duration.ofNanos(last - first)).as("not needlessly slow: 40 requests, 8 per ~215 ms")
                .isLessThan(Duration.ofMillis(2_000));
    }

    @Test
    void anInFlightRequestHoldsItsSlotUntilReleased() throws Exception {
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(1, 10, Duration.ofMillis(100));
        RateLimiter.Permit first = limiter.acquire(BASE_A, far());
        assertThat(limiter.acquire(BASE_A, in(300))).as("slot still in flight after 300 ms").isNull();

        CompletableFuture<Long> second = CompletableFuture.supplyAsync(() -> {
            try {
                limiter.acquire(BASE_A, far());
                return System.nanoTime();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        long released = System.nanoTime();
        first.release();
        first.release(); // idempotent
        long started = second.get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(started - released)).isGreaterThanOrEqualTo(Duration.ofMillis(95));
    }

    @Test
    void basesHaveSeparateBudgetsButShareTheTokenBudget() throws Exception {
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(2, 3, Duration.ofSeconds(10));
        assertThat(limiter.acquire(BASE_A, in(100))).isNotNull();
        assertThat(limiter.acquire(BASE_A, in(100))).isNotNull();
        assertThat(limiter.acquire(BASE_A, in(100))).as("base A is full").isNull();
        assertThat(limiter.acquire(BASE_B, in(100))).as("base B has its own budget").isNotNull();
        assertThat(limiter.acquire(BASE_B, in(100))).as("but the token's 3 are used").isNull();
        assertThat(limiter.acquire(new RateLimitKey("other", "appBBBBBBBBBBBBBB"), in(100)))
                .as("another token on base B still shares base B's budget").isNotNull();
    }

    @Test
    void givesUpAtOnceWhenTheDeadlineCannotBeMet() throws Exception {
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(1, 10, Duration.ofSeconds(30));
        limiter.acquire(BASE_A, far()).release();
        long before = System.nanoTime();
        assertThat(limiter.acquire(BASE_A, in(1_000))).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void penaltyBlocksTheBaseUntilItEnds() throws Exception {
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(5, 50, Duration.ofSeconds(1));
        limiter.penalize(BASE_A, Duration.ofMillis(300));
        assertThat(limiter.acquire(BASE_A, in(100))).as("cannot start within the penalty").isNull();
        assertThat(limiter.acquire(BASE_B, in(100))).as("other bases are not penalised").isNotNull();
        long before = System.nanoTime();
        assertThat(limiter.acquire(BASE_A, far())).isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void penaltyWithoutBaseBlocksTheToken() throws Exception {
        SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(5, 50, Duration.ofSeconds(1));
        limiter.penalize(new RateLimitKey("tok", null), Duration.ofSeconds(5));
        assertThat(limiter.acquire(new RateLimitKey("tok", null), in(50))).isNull();
        assertThat(limiter.acquire(new RateLimitKey("other", null), in(50))).isNotNull();
    }

    @Test
    void rejectsNonsenseLimits() {
        assertThatThrownBy(() -> new SlidingWindowRateLimiter(0, 5, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlidingWindowRateLimiter(5, 5, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fingerprintHidesTheToken() {
        String fingerprint = RateLimitKey.fingerprint("patSecret.1234567890");
        assertThat(fingerprint).hasSize(16).doesNotContain("Secret");
        assertThat(RateLimitKey.fingerprint("patSecret.1234567890")).isEqualTo(fingerprint);
    }
}
