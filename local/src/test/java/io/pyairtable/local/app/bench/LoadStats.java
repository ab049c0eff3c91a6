package io.pyairtable.local.app.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@link LoadTest} counts: every request's latency by operation, the errors (with the first few samples) and
 * the API's "budget busy" answers, kept apart. Thread-safe.
 */
final class LoadStats {
    private static final int SAMPLES = 25;
    private final Map<String, long[]> latencies = new TreeMap<>();
    private final Map<String, Integer> counts = new TreeMap<>();
    private final Map<String, Integer> errorsByOp = new TreeMap<>();
    private final List<String> errorSamples = new ArrayList<>();
    private long requests;
    private long errors;
    private long budgetBusy;

    synchronized void ok(String op, long nanos) {
        record(op, nanos);
    }

    /** A request that got an answer, or failed, that the test did not expect: an error. */
    synchronized void error(String op, long nanos, String detail) {
        record(op, nanos);
        errors++;
        errorsByOp.merge(op, 1, Integer::sum);
        if (errorSamples.size() < SAMPLES) {
            errorSamples.add(op + ": " + detail);
        }
    }

    /** An answer of the documented "rate budget busy" kind (503 AIRTABLE_RATE_LIMITED + Retry-After): an error too. */
    synchronized void budgetBusy(String op, long nanos, String detail) {
        budgetBusy++;
        error(op, nanos, detail);
    }

    /** A failure that is not one request (an import that did not reach SUCCEEDED): an error, no latency. */
    synchronized void failure(String what, String detail) {
        errors++;
        errorsByOp.merge(what, 1, Integer::sum);
        if (errorSamples.size() < SAMPLES) {
            errorSamples.add(what + ": " + detail);
        }
    }

    private void record(String op, long nanos) {
        requests++;
        int n = counts.getOrDefault(op, 0);
        long[] values = latencies.computeIfAbsent(op, k -> new long[64]);
        if (n == values.length) {
            values = Arrays.copyOf(values, n * 2);
            latencies.put(op, values);
        }
        values[n] = nanos;
        counts.put(op, n + 1);
    }

    synchronized long requests() {
        return requests;
    }

    synchronized long errors() {
        return errors;
    }

    synchronized long budgetBusy() {
        return budgetBusy;
    }

    synchronized List<String> errorSamples() {
        return List.copyOf(errorSamples);
    }

    synchronized Map<String, Integer> errorsByOp() {
        return Map.copyOf(errorsByOp);
    }

    /** One line per operation: count, p50, p95, p99, max (ms). */
    synchronized List<String> table() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "  %-44s %7s %9s %9s %9s %9s", "operation", "count", "p50 ms", "p95 ms",
                "p99 ms", "max ms"));
        latencies.forEach((op, values) -> {
            int n = counts.get(op);
            long[] sorted = Arrays.copyOf(values, n);
            Arrays.sort(sorted);
            lines.add(String.format(Locale.ROOT, "  %-44s %7d %9.1f %9.1f %9.1f %9.1f", op, n, pct(sorted, 0.50),
                    pct(sorted, 0.95), pct(sorted, 0.99), sorted[n - 1] / 1e6));
        });
        return lines;
    }

    /** Nearest-rank percentile, ms. */
    static double pct(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
