package io.pyairtable.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordsCrudTest extends SandboxTestSupport {

    @Test
    void createsGetsAndDeletesASingleRecord() {
        JsonNode created = createItem("Items", Map.of("Name", "Alpha", "Count", 3, "Done", true));

        assertThat(created.path("id").asText()).matches("rec[A-Za-z0-9]{14}");
        assertThat(created.path("createdTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(created.path("fields").path("Name").asText()).isEqualTo("Alpha");
        assertThat(created.path("fields").path("Count").asInt()).isEqualTo(3);
        assertThat(created.path("fields").path("Seq").asLong()).isPositive();
        assertThat(created.path("fields").has("Created")).isTrue();

        String id = created.path("id").asText();
        ApiClient.Response fetched = api.get(path(testBase, "Items") + "/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json().path("fields").path("Name").asText()).isEqualTo("Alpha");

        ApiClient.Response deleted = api.delete(path(testBase, "Items") + "/" + id);
        assertThat(deleted.json().path("id").asText()).isEqualTo(id);
        assertThat(deleted.json().path("deleted").asBoolean()).isTrue();

        ApiClient.Response gone = api.get(path(testBase, "Items") + "/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("error").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void tableCanBeAddressedByIdAndEmptyFieldsAreOmitted() {
        String tableId = api.get("/v0/meta/bases/" + testBase + "/tables").json().path("tables").get(0)
                .path("id").asText();
        ApiClient.Response created = api.post("/v0/" + testBase + "/" + tableId,
                Map.of("fields", Map.of("Name", "ById", "Notes", "", "Done", false, "Tags", List.of())));

        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().path("fields").has("Notes")).isFalse();
        assertThat(created.json().path("fields").has("Done")).isFalse();
        assertThat(created.json().path("fields").has("Tags")).isFalse();
    }

    @Test
    void createsUpToTenRecordsInABatch() {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(Map.of("fields", Map.of("Name", "Batch " + i)));
        }
        ApiClient.Response ok = api.post(path(testBase, "Items"), Map.of("records", records));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("records")).hasSize(10);

        records.add(Map.of("fields", Map.of("Name", "Batch 10")));
        ApiClient.Response tooMany = api.post(path(testBase, "Items"), Map.of("records", records));
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.errorType()).isEqualTo("INVALID_RECORDS");
    }

    @Test
    void patchMergesAndPutReplaces() {
        String id = createItem("Items", Map.of("Name", "Merge me", "Count", 1, "Notes", "keep?")).path("id").asText();

        ApiClient.Response patched = api.patch(path(testBase, "Items") + "/" + id, Map.of("fields", Map.of("Count", 2)));
        assertThat(patched.json().path("fields").path("Notes").asText()).isEqualTo("keep?");
        assertThat(patched.json().path("fields").path("Count").asInt()).isEqualTo(2);

        ApiClient.Response replaced = api.put(path(testBase, "Items"),
                Map.of("records", List.of(Map.of("id", id, "fields", Map.of("Name", "Replaced")))));
        JsonNode fields = replaced.json().path("records").get(0).path("fields");
        assertThat(fields.path("Name").asText()).isEqualTo("Replaced");
        assertThat(fields.has("Notes")).isFalse();
        assertThat(fields.has("Count")).isFalse();
        assertThat(fields.has("Seq")).as("computed fields survive PUT").isTrue();
    }

    @Test
    void batchUpdateAndDelete() {
        String a = createItem("Items", Map.of("Name", "A")).path("id").asText();
        String b = createItem("Items", Map.of("Name", "B")).path("id").asText();

        ApiClient.Response updated = api.patch(path(testBase, "Items"), Map.of("records", List.of(
                Map.of("id", a, "fields", Map.of("Count", 10)),
                Map.of("id", b, "fields", Map.of("Count", 20)))));
        assertThat(updated.json().path("records").findValuesAsText("id")).containsExactly(a, b);

        ApiClient.Response deleted = api.delete(path(testBase, "Items") + "?records[]=" + a + "&records%5B%5D=" + b);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().path("records").get(1).path("deleted").asBoolean()).isTrue();
        assertThat(api.get(path(testBase, "Items") + "/" + a).status()).isEqualTo(404);
    }

    @Test
    void unknownRecordIds() {
        ApiClient.Response single = api.patch(path(testBase, "Items") + "/recDoesNotExist01", Map.of("fields", Map.of()));
        assertThat(single.status()).isEqualTo(404);
        assertThat(single.json().path("error").asText()).isEqualTo("NOT_FOUND");

        ApiClient.Response batch = api.patch(path(testBase, "Items"),
                Map.of("records", List.of(Map.of("id", "recDoesNotExist01", "fields", Map.of()))));
        assertThat(batch.status()).isEqualTo(422);
        assertThat(batch.errorType()).isEqualTo("ROW_DOES_NOT_EXIST");

        assertThat(api.delete(path(testBase, "Items") + "?records[]=recDoesNotExist01").errorType())
                .isEqualTo("ROW_DOES_NOT_EXIST");
    }

    @Test
    void batchesAreAllOrNothing() {
        ApiClient.Response rejected = api.post(path(testBase, "Items"), Map.of("records", List.of(
                Map.of("fields", Map.of("Name", "Valid but rolled back")),
                Map.of("fields", Map.of("Count", "not a number")))));
        assertThat(rejected.status()).isEqualTo(422);

        ApiClient.Response list = api.get(path(testBase, "Items") + "?filterByFormula="
                + ApiClient.enc("{Name} = 'Valid but rolled back'"));
        assertThat(list.json().path("records")).isEmpty();
    }

    @Test
    void validationErrors() {
        ApiClient.Response malformed = api.send("POST", path(testBase, "Items"), "{\"fields\": ");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.errorType()).isEqualTo("INVALID_REQUEST_UNKNOWN");
        assertThat(malformed.errorMessage())
                .isEqualTo("Invalid request: parameter validation failed. Check your request data.");

        ApiClient.Response unknownField = api.post(path(testBase, "Items"), Map.of("fields", Map.of("Nope", 1)));
        assertThat(unknownField.status()).isEqualTo(422);
        assertThat(unknownField.errorType()).isEqualTo("UNKNOWN_FIELD_NAME");
        assertThat(unknownField.errorMessage()).isEqualTo("Unknown field name: \"Nope\"");

        ApiClient.Response badValue = api.post(path(testBase, "Items"), Map.of("fields", Map.of("Count", "three")));
        assertThat(badValue.errorType()).isEqualTo("INVALID_VALUE_FOR_COLUMN");
        assertThat(badValue.errorMessage()).isEqualTo("Field \"Count\" cannot accept the provided value");

        ApiClient.Response computed = api.post(path(testBase, "Items"), Map.of("fields", Map.of("Seq", 5)));
        assertThat(computed.errorType()).isEqualTo("INVALID_VALUE_FOR_COLUMN");
        assertThat(computed.errorMessage()).contains("computed");

        ApiClient.Response badSelect = api.post(path(testBase, "Items"), Map.of("fields", Map.of("Status", "Blocked")));
        assertThat(badSelect.errorType()).isEqualTo("INVALID_MULTIPLE_CHOICE_OPTIONS");
        assertThat(badSelect.errorMessage()).isEqualTo("Insufficient permissions to create new select option \"\"Blocked\"\"");

        ApiClient.Response badDate = api.post(path(testBase, "Items"), Map.of("fields", Map.of("Due", "tomorrow")));
        assertThat(badDate.errorType()).isEqualTo("INVALID_VALUE_FOR_COLUMN");

        ApiClient.Response badLink = api.post(path(testBase, "Items"), Map.of("fields", Map.of("Owner", List.of("recNope"))));
        assertThat(badLink.status()).isEqualTo(422);
    }

    @Test
    void unknownTableRouteAndMethod() {
        ApiClient.Response table = api.get(path(testBase, "Nope"));
        assertThat(table.status()).isEqualTo(404);
        assertThat(table.errorType()).isEqualTo("TABLE_NOT_FOUND");
        assertThat(table.errorMessage()).isEqualTo("Could not find table Nope in application " + testBase);

        ApiClient.Response route = api.get("/v1/whatever");
        assertThat(route.status()).isEqualTo(404);
        assertThat(route.json().path("error").asText()).isEqualTo("NOT_FOUND");

        ApiClient.Response method = api.send("DELETE", "/v0/meta/whoami", null);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.errorType()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void bodiesOverTwoMegabytesAreRejected() {
        String huge = "{\"fields\":{\"Notes\":\"" + "x".repeat(2 * 1024 * 1024 + 10) + "\"}}";
        ApiClient.Response response = api.send("POST", path(testBase, "Items"), huge);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/json");
    }

    @Test
    void typecastConvertsStrings() {
        ApiClient.Response response = api.post(path(testBase, "Items"), Map.of("typecast", true, "fields", Map.of(
                "Name", 42, "Count", "1,234", "Price", "$9.999", "Done", "yes", "Status", "Blocked",
                "Tags", "red, purple", "Due", "2024-03-05T10:00:00Z")));
        assertThat(response.status()).isEqualTo(200);
        JsonNode fields = response.json().path("fields");
        assertThat(fields.path("Name").asText()).isEqualTo("42");
        assertThat(fields.path("Count").asInt()).isEqualTo(1234);
        assertThat(fields.path("Price").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(fields.path("Done").asBoolean()).isTrue();
        assertThat(fields.path("Status").asText()).isEqualTo("Blocked");
        assertThat(fields.path("Tags").toString()).isEqualTo("[\"red\",\"purple\"]");
        assertThat(fields.path("Due").asText()).isEqualTo("2024-03-05");

        JsonNode status = api.get("/v0/meta/bases/" + testBase + "/tables").json().path("tables").get(0)
                .path("fields").findParents("name").stream()
                .filter(field -> field.path("name").asText().equals("Status")).findFirst().orElseThrow();
        assertThat(status.path("options").path("choices").findValuesAsText("name")).contains("Blocked");
    }

    @Test
    void normalisesDateTimesAndNumbers() {
        JsonNode fields = createItem("Items", Map.of("At", "2024-05-01T12:30:00+02:00", "Count", 2.6,
                "Ratio", 0.125, "Stars", 4)).path("fields");
        assertThat(fields.path("At").asText()).isEqualTo("2024-05-01T10:30:00.000Z");
        assertThat(fields.path("Count").asInt()).as("precision 0 rounds").isEqualTo(3);
        assertThat(fields.path("Ratio").asDouble()).isEqualTo(0.125);
        assertThat(fields.path("Stars").asInt()).isEqualTo(4);

        ApiClient.Response tooManyStars = api.post(path(testBase, "Items"), Map.of("fields", Map.of("Stars", 6)));
        assertThat(tooManyStars.errorType()).isEqualTo("INVALID_VALUE_FOR_COLUMN");
    }
}
