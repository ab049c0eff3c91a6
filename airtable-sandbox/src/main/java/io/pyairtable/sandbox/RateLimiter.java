package io.pyairtable.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Airtable's rate limits: at most N accepted requests per base (and, separately, per token) in
 * any sliding one-second window. The first request over the limit is rejected and starts a
 * penalty during which every request for that key is rejected. Rejected requests do not count
 * towards the window.
 */
final class RateLimiter {

    private static final long WINDOW_NANOS = Duration.ofSeconds(1).toNanos();

    /** Accepted arrival times of one key and the end of its current penalty. */
    private static final class Window {
        final Deque<Long> accepted = new ArrayDeque<>();
        long penaltyEndsAt = Long.MIN_VALUE;
        boolean penalised;
    }

    private final int perBase;
    private final int perToken;
    private final long penaltyNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Window> windows = new HashMap<>();

    /** Limits of 0 disable the corresponding limit. */
    RateLimiter(int perBase, int perToken, Duration penalty, LongSupplier nanoClock) {
        this.perBase = perBase;
        this.perToken = perToken;
        this.penaltyNanos = penalty.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * Admits a request or returns {@code false} (→ 429).
     *
     * @param baseId the base the request concerns, or {@code null} for base-less metadata calls
     */
    synchronized boolean tryAcquire(String token, String baseId) {
        long now = nanoClock.getAsLong();
        Window tokenWindow = perToken > 0 ? windows.computeIfAbsent("token:" + token, key -> new Window()) : null;
        Window baseWindow = perBase > 0 && baseId != null
                ? windows.computeIfAbsent("base:" + baseId, key -> new Window())
                : null;
        boolean baseOk = admits(baseWindow, perBase, now);
        boolean tokenOk = admits(tokenWindow, perToken, now);
        if (!baseOk || !tokenOk) {
            return false;
        }
        record(baseWindow, now);
        record(tokenWindow, now);
        return true;
    }

    synchronized void reset() {
        windows.clear();
    }

    /** Checks one window; going over the limit starts its penalty. */
    private boolean admits(Window window, int limit, long now) {
        if (window == null) {
            return true;
        }
        if (window.penalised && now - window.penaltyEndsAt < 0) {
            return false;
        }
        window.penalised = false;
        while (!window.accepted.isEmpty() && now - window.accepted.peekFirst() >= WINDOW_NANOS) {
            window.accepted.pollFirst();
        }
        if (window.accepted.size() >= limit) {
            window.penalised = true;
            window.penaltyEndsAt = now + penaltyNanos;
            window.accepted.clear();
            return false;
        }
        return true;
    }

    private static void record(Window window, long now) {
        if (window != null) {
            window.accepted.addLast(now);
        }
    }
}
