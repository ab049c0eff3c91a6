package io.pyairtable.local.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.junit.LocalCloudExtension;
import io.pyairtable.local.lambda.InvocationResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The records samples in events/ (like `./run-local invoke RecordsFunction -e events/…`) answer as docs/api.md says. */
@ExtendWith(LocalCloudExtension.class)
class RecordsEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The placeholder record id of the update and delete samples (their README-style "put your id here"). */
    private static final String SAMPLE_ID = "recSampleDeal0001";

    private static JsonNode invoke(LocalCloud cloud, String file) throws Exception {
        return invoke(cloud, file, SAMPLE_ID);
    }

    /** Invokes a sample with its placeholder record id replaced (as a user edits the file before running it). */
    private static JsonNode invoke(LocalCloud cloud, String file, String recordIds) throws Exception {
        String event = Files.readString(Path.of("../events").resolve(file)).replace(SAMPLE_ID, recordIds);
        InvocationResult result = cloud.lambdas()
                .invokeAsync("RecordsFunction", event.getBytes(StandardCharsets.UTF_8)).get();
        assertThat(result.isError()).as(result.payloadAsString()).isFalse();
        return JSON.readTree(result.payload());
    }

    private static JsonNode body(JsonNode response) throws Exception {
        return JSON.readTree(response.get("body").asText());
    }

    @Test
    void theSampleUserSeesTheDefaultConnection(LocalCloud cloud) throws Exception {
        JsonNode response = invoke(cloud, "connections-get.json");
        assertThat(response.get("statusCode").asInt()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.get("body").asText());
        assertThat(body.path("connection").path("status").asText()).isEqualTo("default");
        assertThat(response.get("body").asText()).doesNotContain(cloud.sandbox().demoToken());
    }

    /**
     * The write samples on the demo base: create a deal, update it (the samples' placeholder id names no record:
     * 422 as from Airtable; with the created id: 200), upsert another by name (created, then updated), and delete
     * both, which leaves the demo base as it was.
     */
    @Test
    void theWriteSamplesCreateUpdateUpsertAndDeleteDeals(LocalCloud cloud) throws Exception {
        JsonNode created = invoke(cloud, "records-create.json");
        assertThat(created.get("statusCode").asInt()).as(created.toString()).isEqualTo(201);
        JsonNode deal = body(created).at("/records/0");
        assertThat(deal.at("/fields/Name").asText()).isEqualTo("Sample deal (events/records-create.json)");
        assertThat(deal.at("/fields/Stage").asText()).isEqualTo("Lead");
        String id = deal.get("id").asText();

        JsonNode unknown = invoke(cloud, "records-update.json");
        assertThat(unknown.get("statusCode").asInt()).as(unknown.toString()).isEqualTo(422);
        assertThat(body(unknown).at("/error/code").asText()).isEqualTo("AIRTABLE_INVALID_REQUEST");
        assertThat(body(unknown).at("/error/message").asText()).contains("ROW_DOES_NOT_EXIST");
        JsonNode updated = invoke(cloud, "records-update.json", id);
        assertThat(updated.get("statusCode").asInt()).as(updated.toString()).isEqualTo(200);
        assertThat(body(updated).at("/records/0/fields/Stage").asText()).isEqualTo("Qualified");
        assertThat(body(updated).at("/records/0/fields/Name").asText()).as("PATCH merges")
                .isEqualTo("Sample deal (events/records-create.json)");

        JsonNode upserted = invoke(cloud, "records-upsert.json");
        assertThat(upserted.get("statusCode").asInt()).as(upserted.toString()).isEqualTo(200);
        assertThat(body(upserted).get("createdRecords")).hasSize(1);
        String upsertedId = body(upserted).at("/createdRecords/0").asText();
        JsonNode again = invoke(cloud, "records-upsert.json");
        assertThat(body(again).get("createdRecords")).isEmpty();
        assertThat(body(again).at("/updatedRecords/0").asText()).isEqualTo(upsertedId);

        JsonNode notThere = invoke(cloud, "records-delete.json");
        assertThat(notThere.get("statusCode").asInt()).as(notThere.toString()).isEqualTo(422);
        assertThat(body(notThere).at("/error/message").asText()).contains("ROW_DOES_NOT_EXIST");
        JsonNode deleted = invoke(cloud, "records-delete.json", id + "," + upsertedId);
        assertThat(deleted.get("statusCode").asInt()).as(deleted.toString()).isEqualTo(200);
        assertThat(JSON.convertValue(body(deleted).get("deleted"), String[].class)).containsExactly(id, upsertedId);
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
