package io.pyairtable.airtable;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the client retries.
 *
 * <ul>
 *   <li><b>429</b>: the base (or token) is put in a penalty of {@code Retry-After} seconds when Airtable sends the
 *   header, else {@link #rateLimitPenalty()} (30 s, Airtable's documented penalty); the request is retried after
 *   it, any number of times, as long as it can start before {@link #deadline()} from the first attempt.</li>
 *   <li><b>500, 502, 503, 504, timeouts, connection failures</b>: jittered exponential backoff
 *   ({@link #initialBackoff()} doubling up to {@link #maxBackoff()}, "full jitter"), at most
 *   {@link #maxAttempts()} attempts, within the deadline. Only for requests that are safe to repeat: reads,
 *   PATCH/PUT/DELETE, upserts. A POST that creates records is retried on a server error or timeout only when
 *   {@link #retryCreates()} is on, because Airtable may have created the records before the failure; a refused
 *   connection (nothing was sent) is always retried.</li>
 * </ul>
 */
public record RetryPolicy(
        Duration deadline,
        Duration rateLimitPenalty,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        boolean retryCreates) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (deadline.isNegative() || rateLimitPenalty.isNegative() || initialBackoff.isNegative()
                || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    /** 2 minute deadline, 30 s penalty, 5 attempts for transient errors, backoff 250 ms → 8 s, creates not retried. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofMinutes(2), Duration.ofSeconds(30), 5,
                Duration.ofMillis(250), Duration.ofSeconds(8), false);
    }

    /** Never retries: every error surfaces at once. */
    public static RetryPolicy none() {
        return new RetryPolicy(Duration.ZERO, Duration.ofSeconds(30), 1, Duration.ZERO, Duration.ZERO, false);
    }

    public RetryPolicy withDeadline(Duration value) {
        return new RetryPolicy(value, rateLimitPenalty, maxAttempts, initialBackoff, maxBackoff, retryCreates);
    }

    public RetryPolicy withRateLimitPenalty(Duration value) {
        return new RetryPolicy(deadline, value, maxAttempts, initialBackoff, maxBackoff, retryCreates);
    }

    public RetryPolicy withBackoff(Duration initial, Duration max) {
        return new RetryPolicy(deadline, rateLimitPenalty, maxAttempts, initial, max, retryCreates);
    }

    public RetryPolicy withMaxAttempts(int value) {
        return new RetryPolicy(deadline, rateLimitPenalty, value, initialBackoff, maxBackoff, retryCreates);
    }

    public RetryPolicy withRetryCreates(boolean value) {
        return new RetryPolicy(deadline, rateLimitPenalty, maxAttempts, initialBackoff, maxBackoff, value);
    }

    /** Backoff before retry number {@code retry} (1 = first retry): uniform in [0, min(max, initial·2^(retry-1))]. */
    Duration backoff(int retry) {
        long cap = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(retry - 1, 30));
        return Duration.ofMillis(cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1));
    }

    static boolean isTransientStatus(int status) {
        return status == 500 || status == 502 || status == 503 || status == 504;
    }
}
