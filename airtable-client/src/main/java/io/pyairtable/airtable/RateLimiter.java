package io.pyairtable.airtable;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides when a request to Airtable may start. One limiter is shared by every {@link AirtableApi} that should
 * share a budget (Airtable counts per base and per token, whatever process sends).
 *
 * <p>The default is {@link SlidingWindowRateLimiter} (in-process). A distributed implementation, shared by many
 * processes, plugs in through this interface.
 */
public interface RateLimiter {

    /**
     * Blocks until a request for {@code key} may be sent, and counts it.
     *
     * @return the permit, which the caller must {@linkplain Permit#release() release} when the response (or the
     *     failure) arrives; null, without counting, when the request could not start before {@code deadline}
     * @throws InterruptedException when the waiting thread is interrupted
     */
    Permit acquire(RateLimitKey key, Instant deadline) throws InterruptedException;

    /**
     * Airtable answered 429 for {@code key}: no request for that key's base (or token, for requests without a
     * base) may start during {@code penalty}.
     */
    void penalize(RateLimitKey key, Duration penalty);

    /** One counted request. */
    interface Permit {
        /** The request is over (its response or failure arrived). Idempotent. */
        void release();
    }

    /** A limiter that never waits: for tests of the retry logic and for callers that limit elsewhere. */
    static RateLimiter unlimited() {
        return new RateLimiter() {
            @Override
            public Permit acquire(RateLimitKey key, Instant deadline) {
                return () -> {};
            }

            @Override
            public void penalize(RateLimitKey key, Duration penalty) {}
        };
    }
}
