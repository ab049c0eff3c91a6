package io.pyairtable.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataTest extends SandboxTestSupport {

    private JsonNode table(String baseId, String name) {
        for (JsonNode table : api.get("/v0/meta/bases/" + baseId + "/tables").json().path("tables")) {
            if (table.path("name").asText().equals(name)) {
                return table;
            }
        }
        throw new AssertionError("no table " + name);
    }

    @Test
    void listsBasesWithPermissionLevel() {
        JsonNode bases = api.get("/v0/meta/bases").json().path("bases");
        assertThat(bases.findValuesAsText("id")).contains(demoBase, testBase);
        assertThat(bases.get(0).path("name").asText()).isEqualTo("Demo CRM");
        assertThat(bases.get(0).path("permissionLevel").asText()).isEqualTo("create");
    }

    @Test
    void describesTablesFieldsAndViews() {
        JsonNode deals = table(demoBase, "Deals");
        assertThat(deals.path("id").asText()).matches("tbl[A-Za-z0-9]{14}");
        assertThat(deals.path("primaryFieldId").asText()).isEqualTo(deals.path("fields").get(0).path("id").asText());
        List<String> fieldNames = new java.util.ArrayList<>();
        deals.path("fields").forEach(field -> fieldNames.add(field.path("name").asText()));
        assertThat(fieldNames).containsExactly("Name", "Company", "Stage", "Amount", "Close Date", "Owner", "Hours");
        JsonNode stage = deals.path("fields").get(2);
        assertThat(stage.path("type").asText()).isEqualTo("singleSelect");
        assertThat(stage.path("options").path("choices").findValuesAsText("name"))
                .containsExactly("Lead", "Qualified", "Proposal", "Won", "Lost");
        assertThat(deals.path("views").findValuesAsText("name")).containsExactly("Grid view", "Open deals");
        assertThat(deals.path("views").get(0).path("type").asText()).isEqualTo("grid");

        JsonNode companyLink = deals.path("fields").get(1);
        assertThat(companyLink.path("options").path("linkedTableId").asText())
                .isEqualTo(table(demoBase, "Companies").path("id").asText());
    }

    @Test
    void createsATableAndAField() {
        ApiClient.Response created = api.post("/v0/meta/bases/" + testBase + "/tables", Map.of(
                "name", "Projects", "description", "Things we do",
                "fields", List.of(Map.of("name", "Title", "type", "singleLineText"),
                        Map.of("name", "Budget", "type", "currency", "options", Map.of("precision", 0, "symbol", "€")))));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().path("name").asText()).isEqualTo("Projects");
        assertThat(created.json().path("description").asText()).isEqualTo("Things we do");
        assertThat(created.json().path("views").get(0).path("name").asText()).isEqualTo("Grid view");

        ApiClient.Response duplicate = api.post("/v0/meta/bases/" + testBase + "/tables",
                Map.of("name", "projects", "fields", List.of(Map.of("name", "Title", "type", "singleLineText"))));
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.errorType()).isEqualTo("DUPLICATE_TABLE_NAME");

        ApiClient.Response badPrimary = api.post("/v0/meta/bases/" + testBase + "/tables",
                Map.of("name", "Bad", "fields", List.of(Map.of("name", "Done", "type", "checkbox"))));
        assertThat(badPrimary.status()).isEqualTo(422);

        ApiClient.Response field = api.post("/v0/meta/bases/" + testBase + "/tables/Projects/fields",
                Map.of("name", "Lead", "type", "multipleRecordLinks", "options",
                        Map.of("linkedTableId", table(testBase, "People").path("id").asText())));
        assertThat(field.status()).isEqualTo(200);
        assertThat(field.json().path("id").asText()).matches("fld[A-Za-z0-9]{14}");
        String inverseId = field.json().path("options").path("inverseLinkFieldId").asText();
        assertThat(table(testBase, "People").path("fields").findValuesAsText("id")).contains(inverseId);

        ApiClient.Response duplicateField = api.post("/v0/meta/bases/" + testBase + "/tables/Projects/fields",
                Map.of("name", "budget", "type", "number"));
        assertThat(duplicateField.errorType()).isEqualTo("DUPLICATE_OR_EMPTY_FIELD_NAME");

        ApiClient.Response badType = api.post("/v0/meta/bases/" + testBase + "/tables/Projects/fields",
                Map.of("name", "Weird", "type", "hologram"));
        assertThat(badType.status()).isEqualTo(422);

        ApiClient.Response record = api.post(path(testBase, "Projects"), Map.of("fields", Map.of("Title", "P1", "Budget", 1200)));
        assertThat(record.status()).isEqualTo(200);
    }

    @Test
    void renamesATableAndAField() {
        api.post("/v0/meta/bases/" + testBase + "/tables",
                Map.of("name", "Renamable", "fields", List.of(Map.of("name", "Title", "type", "singleLineText"))));
        ApiClient.Response renamed = api.patch("/v0/meta/bases/" + testBase + "/tables/Renamable",
                Map.of("name", "Renamed", "description", "new"));
        assertThat(renamed.json().path("name").asText()).isEqualTo("Renamed");
        String fieldId = renamed.json().path("fields").get(0).path("id").asText();
        ApiClient.Response field = api.patch("/v0/meta/bases/" + testBase + "/tables/Renamed/fields/" + fieldId,
                Map.of("name", "Heading"));
        assertThat(field.json().path("name").asText()).isEqualTo("Heading");
    }
}
