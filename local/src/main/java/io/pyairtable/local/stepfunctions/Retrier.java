package io.pyairtable.local.stepfunctions;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * One element of a state's {@code Retry} array. The n-th retry (n = 0, 1, ...) by this retrier waits
 * {@code IntervalSeconds × BackoffRate^n}, capped at {@code MaxDelaySeconds}; with {@code JitterStrategy FULL} the wait
 * is drawn uniformly from {@code [0, that delay]}. {@code MaxAttempts 0} never retries.
 */
record Retrier(List<String> errorEquals, int intervalSeconds, int maxAttempts, double backoffRate,
        Integer maxDelaySeconds, boolean fullJitter) {

    static final int DEFAULT_INTERVAL_SECONDS = 1;
    static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final double DEFAULT_BACKOFF_RATE = 2.0;

    boolean matches(String error) {
        return ErrorNames.matches(errorEquals, error);
    }

    /** The wait before retry number {@code retriesSoFar + 1} of this retrier. */
    Duration delay(int retriesSoFar, Random random) {
        double seconds = intervalSeconds * Math.pow(backoffRate, retriesSoFar);
        if (maxDelaySeconds != null) {
            seconds = Math.min(seconds, maxDelaySeconds);
        }
        if (fullJitter) {
            seconds = random.nextDouble() * seconds;
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
