package io.pyairtable.local.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EmfCaptureTest {
    private static final String EMF = "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"PyAirtable\","
            + "\"Dimensions\":[[\"service\"]],\"Metrics\":[{\"Name\":\"ApiRequests\",\"Unit\":\"Count\"},"
            + "{\"Name\":\"AirtableRequestLatency\",\"Unit\":\"Milliseconds\"}]}]},\"service\":\"pyairtable\","
            + "\"ApiRequests\":1.0,\"AirtableRequestLatency\":[12.0,3.0]}";
    private final LocalMetrics first = new LocalMetrics();
    private final LocalMetrics second = new LocalMetrics();

    @AfterEach
    void unregister() {
        EmfCapture.unregister(first);
        EmfCapture.unregister(second);
    }

    @Test
    void everyBytePassesThroughUnchangedAndEmfLinesAreCounted() throws Exception {
        EmfCapture.register(first);
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        OutputStream tee = EmfCapture.lineTee(new PrintStream(target, true, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        String text = "plain line\n{\"level\":\"INFO\",\"message\":\"x\"}\n" + EMF + "\r\nnot finished";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int half = text.indexOf(EMF) + 20; // an EMF line written in two pieces
        tee.write(bytes, 0, half);
        tee.write(bytes, half, bytes.length - half);

        assertThat(target.toByteArray()).isEqualTo(bytes);
        assertThat(stat(first, "ApiRequests").path("count").asLong()).isEqualTo(1);
        JsonNode latency = stat(first, "AirtableRequestLatency");
        assertThat(latency.path("unit").asText()).isEqualTo("Milliseconds");
        assertThat(latency.path("count").asLong()).isEqualTo(2);
        assertThat(latency.path("sum").asDouble()).isEqualTo(15.0);
        assertThat(latency.path("min").asDouble()).isEqualTo(3.0);
        assertThat(latency.path("max").asDouble()).isEqualTo(12.0);
        assertThat(latency.path("last").asDouble()).isEqualTo(3.0);
        assertThat(first.snapshot().path("since").asText()).isNotBlank();
    }

    @Test
    void aLinePrintedForOneCloudCountsForItAloneOtherLinesForEveryCloud() {
        EmfCapture.register(first);
        EmfCapture.register(second);
        EmfCapture.attributedTo(first, () -> {
            EmfCapture.line(EMF);
            return null;
        });
        assertThat(stat(first, "ApiRequests").path("count").asLong()).isEqualTo(1);
        assertThat(stat(second, "ApiRequests")).isNull();

        EmfCapture.line(EMF);
        assertThat(stat(first, "ApiRequests").path("count").asLong()).isEqualTo(2);
        assertThat(stat(second, "ApiRequests").path("count").asLong()).isEqualTo(1);

        EmfCapture.unregister(first);
        EmfCapture.attributedTo(first, () -> {
            EmfCapture.line(EMF); // its cloud has stopped: counted by the ones still running
            return null;
        });
        assertThat(stat(first, "ApiRequests").path("count").asLong()).isEqualTo(2);
        assertThat(stat(second, "ApiRequests").path("count").asLong()).isEqualTo(2);
    }

    private static JsonNode stat(LocalMetrics metrics, String name) {
        for (JsonNode metric : metrics.snapshot().path("metrics")) {
            if (metric.path("name").asText().equals(name)) {
                return metric;
            }
        }
        return null;
    }
}
