package io.pyairtable.local.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.junit.LocalCloudExtension;
import io.pyairtable.local.lambda.InvocationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The records samples in events/ (like `./run-local invoke RecordsFunction -e events/…`) answer as docs/api.md says. */
@ExtendWith(LocalCloudExtension.class)
class RecordsEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode invoke(LocalCloud cloud, String file) throws Exception {
        InvocationResult result = cloud.lambdas()
                .invokeAsync("RecordsFunction", Files.readAllBytes(Path.of("../events").resolve(file))).get();
        assertThat(result.isError()).as(result.payloadAsString()).isFalse();
        return JSON.readTree(result.payload());
    }

    @Test
    void theSampleUserSeesTheDefaultConnection(LocalCloud cloud) throws Exception {
        JsonNode response = invoke(cloud, "connections-get.json");
        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.get("body").asText());
        assertThat(body.path("connection").path("status").asText()).isEqualTo("default");
        assertThat(response.get("body").asText()).doesNotContain(cloud.sandbox().demoToken());
    }

    @Test
    void theSampleListsTheTopDealsWithTwoFields(LocalCloud cloud) throws Exception {
        JsonNode response = invoke(cloud, "records-list.json");
        assertThat(response.get("statusCode").asInt()).as(response.toString()).isEqualTo(200);
        JsonNode records = JSON.readTree(response.get("body").asText()).path("records");
        assertThat(records).hasSize(3);
        for (JsonNode record : records) {
            assertThat(record.path("fields").fieldNames()).toIterable().isSubsetOf("Name", "Stage");
        }
    }
}
