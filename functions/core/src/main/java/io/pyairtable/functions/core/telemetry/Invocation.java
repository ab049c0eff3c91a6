package io.pyairtable.functions.core.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import software.amazon.lambda.powertools.logging.argument.StructuredArgument;
import software.amazon.lambda.powertools.logging.argument.StructuredArguments;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * One invocation of a handler, opened by {@link Telemetry}: its correlation id (also in every log line it writes),
 * the fields of its one summary log line and the metric datapoints flushed as one EMF document when it ends.
 * Fields must never hold a header, body, token, password or URL with credentials.
 */
public final class Invocation {
    private final Logger log;
    private final String correlationId;
    private final long startNanos;
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final List<Datapoint> datapoints = new ArrayList<>();
    private Throwable expected;

    /** One metric value. */
    record Datapoint(String name, double value, MetricUnit unit) {
    }

    Invocation(Logger log, String correlationId, long startNanos) {
        this.log = log;
        this.correlationId = correlationId;
        this.startNanos = startNanos;
    }

    /** The request id (HTTP), job id (saga) or object key and sequencer (S3 trigger); may be empty. */
    public String correlationId() {
        return correlationId;
    }

    /** Adds a field to the summary line ({@code snake_case} key; a number, boolean or short string). */
    public synchronized Invocation field(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    /** The caller's user id (the authorizer's {@code sub}, never an email). */
    public Invocation user(String userId) {
        return userId == null ? this : field("user_id", userId);
    }

    public void count(String metric) {
        record(metric, 1, MetricUnit.COUNT);
    }

    public void count(String metric, long times) {
        record(metric, times, MetricUnit.COUNT);
    }

    public synchronized void record(String metric, double value, MetricUnit unit) {
        datapoints.add(new Datapoint(metric, value, unit));
    }

    /**
     * An exception nobody expected (a bug or an outage): logged at ERROR with its class and stack trace; the
     * summary line gets {@code error_type}. The caller answers without any of it (a 500 quoting the request id).
     */
    public void unexpected(Throwable error) {
        field("error_type", error.getClass().getName());
        log.error("unexpected " + error.getClass().getName(), error);
    }

    /**
     * A failure the handler throws on purpose (for example a saga step Step Functions retries): when it escapes,
     * the summary line (at WARN) names its class, and no stack trace is logged.
     */
    public synchronized void expectedFailure(Throwable error) {
        expected = error;
        fields.put("error_type", error.getClass().getName());
    }

    synchronized boolean isExpected(Throwable error) {
        return expected == error;
    }

    synchronized List<Datapoint> datapoints() {
        return List.copyOf(datapoints);
    }

    /** The summary line's structured fields, {@code latency_ms} last. */
    synchronized Object[] summary(long endNanos) {
        List<StructuredArgument> out = new ArrayList<>(fields.size() + 1);
        fields.forEach((key, value) -> out.add(StructuredArguments.entry(key, value)));
        out.add(StructuredArguments.entry("latency_ms", (endNanos - startNanos) / 1_000_000));
        return out.toArray();
    }

    synchronized Object field(String key) {
        return fields.get(key);
    }
}
