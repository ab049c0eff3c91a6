package io.pyairtable.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpsertTest extends SandboxTestSupport {

    private ApiClient.Response upsert(List<Map<String, Object>> records, List<String> mergeOn) {
        return api.patch(path(testBase, "Items"), Map.of(
                "performUpsert", Map.of("fieldsToMergeOn", mergeOn),
                "records", records));
    }

    @Test
    void createsWhenNothingMatchesAndUpdatesASingleMatch() {
        ApiClient.Response first = upsert(List.of(Map.of("fields", Map.of("Name", "Upsert-1", "Count", 1))), List.of("Name"));
        assertThat(first.status()).isEqualTo(200);
        String id = first.json().path("records").get(0).path("id").asText();
        assertThat(first.json().path("createdRecords").get(0).asText()).isEqualTo(id);
        assertThat(first.json().path("updatedRecords")).isEmpty();

        ApiClient.Response second = upsert(List.of(
                Map.of("fields", Map.of("Name", "Upsert-1", "Count", 2)),
                Map.of("fields", Map.of("Name", "Upsert-2", "Count", 3))), List.of("Name"));
        assertThat(second.json().path("updatedRecords").get(0).asText()).isEqualTo(id);
        assertThat(second.json().path("createdRecords")).hasSize(1);
        assertThat(second.json().path("records").get(0).path("fields").path("Count").asInt()).isEqualTo(2);
    }

    @Test
    void severalMatchesAreRejected() {
        createItem("Items", Map.of("Name", "Twin"));
        createItem("Items", Map.of("Name", "Twin"));

        ApiClient.Response ambiguous = upsert(List.of(Map.of("fields", Map.of("Name", "Twin", "Count", 9))), List.of("Name"));
        assertThat(ambiguous.status()).isEqualTo(422);
        assertThat(ambiguous.errorMessage()).contains("2 existing records match");
    }

    @Test
    void mergeFieldsMustExistAndBePresent() {
        ApiClient.Response unknown = upsert(List.of(Map.of("fields", Map.of("Name", "X"))), List.of("Nope"));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.errorType()).isEqualTo("INVALID_REQUEST_UNKNOWN");
        assertThat(unknown.errorMessage()).contains("Nope");

        ApiClient.Response missing = upsert(List.of(Map.of("fields", Map.of("Count", 1))), List.of("Name"));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.errorMessage()).contains("\"Name\"");

        ApiClient.Response tooMany = upsert(List.of(Map.of("fields", Map.of("Name", "X"))),
                List.of("Name", "Count", "Notes", "Email"));
        assertThat(tooMany.status()).isEqualTo(422);
    }

    @Test
    void upsertWithPutReplacesTheMatchedRecord() {
        createItem("Items", Map.of("Name", "Replace-upsert", "Notes", "old"));
        ApiClient.Response replaced = api.put(path(testBase, "Items"), Map.of(
                "performUpsert", Map.of("fieldsToMergeOn", List.of("Name")),
                "records", List.of(Map.of("fields", Map.of("Name", "Replace-upsert", "Count", 5)))));
        assertThat(replaced.json().path("updatedRecords")).hasSize(1);
        assertThat(replaced.json().path("records").get(0).path("fields").has("Notes")).isFalse();
    }
}
