package io.pyairtable.airtable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * In-process limiter: at most {@code perBase} requests per base and {@code perToken} per token in any sliding
 * window, plus the shared penalty after a 429.
 *
 * <p>A request occupies its slot from the moment it is allowed to start until one window after its response
 * arrived. Airtable received it somewhere in between, so the next request that reuses the slot reaches Airtable at
 * least one window after it, whatever the network or thread scheduling did: no 429 from our own traffic, with no
 * guessed safety margin. The price is the request's latency per slot and window: about 1 % against the sandbox on
 * loopback, more against a distant Airtable (see docs/airtable-client.md).
 *
 * <p>A sliding window, not a token bucket: Airtable rejects the 6th request within a second, and a bucket that
 * refills continuously would send 5 at once and a 6th 200 ms later. Thread-safe.
 */
public final class SlidingWindowRateLimiter implements RateLimiter {
    /** Airtable's published limits. */
    public static final int AIRTABLE_REQUESTS_PER_BASE = 5;
    public static final int AIRTABLE_REQUESTS_PER_TOKEN = 50;

    private static final long IN_FLIGHT = Long.MAX_VALUE;

    private final int perBase;
    private final int perToken;
    private final long windowNanos;
    private final Map<String, List<Slot>> slots = new HashMap<>();
    private final Map<String, Long> penaltyEnds = new HashMap<>();

    /** One counted request: {@code releasedAt} is IN_FLIGHT until its response arrived. */
    private static final class Slot {
        long releasedAt = IN_FLIGHT;
    }

    public SlidingWindowRateLimiter(int perBase, int perToken, Duration window) {
        if (perBase < 1 || perToken < 1) {
            throw new IllegalArgumentException("limits must be at least 1 request per window");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.perBase = perBase;
        this.perToken = perToken;
        this.windowNanos = window.toNanos();
    }

    /** Airtable's limits: 5 requests per base and 50 per token in any second. */
    public static SlidingWindowRateLimiter airtableDefaults() {
        return new SlidingWindowRateLimiter(AIRTABLE_REQUESTS_PER_BASE, AIRTABLE_REQUESTS_PER_TOKEN, Duration.ofSeconds(1));
    }

    @Override
    public synchronized Permit acquire(RateLimitKey key, Instant deadline) throws InterruptedException {
        String tokenKey = "token:" + key.tokenFingerprint();
        String baseKey = key.baseId() == null ? null : "base:" + key.baseId();
        long deadlineNanos = System.nanoTime() + Math.max(0, Duration.between(Instant.now(), deadline).toNanos());
        while (true) {
            long now = System.nanoTime();
            long wait = Math.max(waitFor(tokenKey, perToken, now), baseKey == null ? 0 : waitFor(baseKey, perBase, now));
            if (wait == 0) {
                Slot tokenSlot = take(tokenKey);
                Slot baseSlot = baseKey == null ? null : take(baseKey);
                return () -> release(tokenSlot, baseSlot);
            }
            // IN_FLIGHT waits end with a release (notifyAll); others when the window or penalty passes
            if (wait != IN_FLIGHT && now + wait - deadlineNanos > 0 || now - deadlineNanos >= 0) {
                return null;
            }
            long sleepNanos = Math.min(wait, deadlineNanos - now);
            wait(Math.max(1, sleepNanos / 1_000_000), 0);
        }
    }

    @Override
    public synchronized void penalize(RateLimitKey key, Duration penalty) {
        String penalized = key.baseId() == null ? "token:" + key.tokenFingerprint() : "base:" + key.baseId();
        penaltyEnds.merge(penalized, System.nanoTime() + penalty.toNanos(), Math::max);
    }

    private synchronized void release(Slot tokenSlot, Slot baseSlot) {
        long now = System.nanoTime();
        if (tokenSlot.releasedAt == IN_FLIGHT) {
            tokenSlot.releasedAt = now;
        }
        if (baseSlot != null && baseSlot.releasedAt == IN_FLIGHT) {
            baseSlot.releasedAt = now;
        }
        notifyAll();
    }

    private Slot take(String key) {
        Slot slot = new Slot();
        slots.computeIfAbsent(key, k -> new ArrayList<>()).add(slot);
        return slot;
    }

    /**
     * Nanoseconds until one more request for {@code key} fits: 0 when it fits now, IN_FLIGHT when it must wait for
     * a response. Caller holds the lock.
     */
    private long waitFor(String key, int limit, long now) {
        long wait = 0;
        Long penaltyEnd = penaltyEnds.get(key);
        if (penaltyEnd != null) {
            if (penaltyEnd - now > 0) {
                wait = penaltyEnd - now;
            } else {
                penaltyEnds.remove(key);
            }
        }
        List<Slot> used = slots.get(key);
        if (used == null) {
            return wait;
        }
        used.removeIf(s -> s.releasedAt != IN_FLIGHT && now - s.releasedAt >= windowNanos);
        if (used.isEmpty()) {
            slots.remove(key);
        } else if (used.size() >= limit) {
            // the (size - limit + 1)-th slot to free up decides; in-flight slots free up last
            long[] frees = used.stream()
                    .mapToLong(s -> s.releasedAt == IN_FLIGHT ? IN_FLIGHT : s.releasedAt + windowNanos - now)
                    .sorted().toArray();
            wait = Math.max(wait, frees[used.size() - limit]);
        }
        return wait;
    }
}
