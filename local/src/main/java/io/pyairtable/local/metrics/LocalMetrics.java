package io.pyairtable.local.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics one local cloud's functions emitted, aggregated from their EMF documents ({@link EmfCapture}): per
 * namespace, metric name and unit, the number of datapoints, their sum, minimum, maximum and last value, since the
 * cloud started. Served as JSON by the HTTP API at {@code GET /_local/metrics} (local only, not part of the template).
 * Dimensions are not kept apart (every PyAirtable metric has the one {@code service} dimension).
 */
public final class LocalMetrics {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Instant since = Instant.now();
    private final Map<String, Stats> stats = new TreeMap<>();

    private static final class Stats {
        final String namespace;
        final String name;
        final String unit;
        long count;
        double sum;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double last;

        Stats(String namespace, String name, String unit) {
            this.namespace = namespace;
            this.name = name;
            this.unit = unit;
        }

        void add(double value) {
            count++;
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
            last = value;
        }
    }

    /** Adds the datapoints of one EMF document; anything that is not one is ignored. */
    public void accept(JsonNode document) {
        JsonNode directives = document.path("_aws").path("CloudWatchMetrics");
        for (JsonNode directive : directives) {
            String namespace = directive.path("Namespace").asText("");
            for (JsonNode metric : directive.path("Metrics")) {
                String name = metric.path("Name").asText("");
                JsonNode value = document.get(name);
                if (name.isEmpty() || value == null) {
                    continue;
                }
                String unit = metric.path("Unit").asText("None");
                synchronized (this) {
                    Stats entry = stats.computeIfAbsent(namespace + "\u0000" + name + "\u0000" + unit,
                            key -> new Stats(namespace, name, unit));
                    if (value.isArray()) {
                        value.forEach(v -> addNumber(entry, v));
                    } else {
                        addNumber(entry, value);
                    }
                }
            }
        }
    }

    private static void addNumber(Stats entry, JsonNode value) {
        if (value.isNumber()) {
            entry.add(value.doubleValue());
        }
    }

    /** {@code {"since": ISO-8601, "metrics": [{namespace, name, unit, count, sum, min, max, last}, …]}}, by name. */
    public synchronized ObjectNode snapshot() {
        ObjectNode out = JSON.createObjectNode().put("since", since.toString());
        ArrayNode metrics = out.putArray("metrics");
        stats.values().stream()
                .sorted(java.util.Comparator.comparing((Stats s) -> s.name).thenComparing(s -> s.unit)
                        .thenComparing(s -> s.namespace))
                .forEach(s -> metrics.addObject().put("namespace", s.namespace).put("name", s.name)
                        .put("unit", s.unit).put("count", s.count).put("sum", s.sum).put("min", s.min)
                        .put("max", s.max).put("last", s.last));
        return out;
    }
}
