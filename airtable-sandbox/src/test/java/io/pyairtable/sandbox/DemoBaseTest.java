package io.pyairtable.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class DemoBaseTest extends SandboxTestSupport {

    @Test
    void hasTheDocumentedTablesAndRecordCounts() {
        assertThat(demoBase).isEqualTo("appDemoCrmSandbox");
        assertThat(api.get(path(demoBase, "Companies")).json().path("records")).hasSize(8);
        assertThat(api.get(path(demoBase, "Contacts")).json().path("records")).hasSize(20);
        assertThat(api.get(path(demoBase, "Deals")).json().path("records")).hasSize(25);
    }

    @Test
    void idsAreTheSameInEverySandbox() {
        try (AirtableSandbox other = AirtableSandbox.builder().start()) {
            ApiClient otherApi = new ApiClient(other.baseUrl(), other.demoToken());
            JsonNode mine = api.get("/v0/meta/bases/" + demoBase + "/tables").json();
            JsonNode theirs = otherApi.get("/v0/meta/bases/" + demoBase + "/tables").json();
            assertThat(theirs).isEqualTo(mine);
            assertThat(otherApi.get(path(demoBase, "Deals?maxRecords=3")).json())
                    .isEqualTo(api.get(path(demoBase, "Deals?maxRecords=3")).json());
        }
    }

    @Test
    void documentedIdsNeverChange() {
        JsonNode tables = api.get("/v0/meta/bases/" + demoBase + "/tables").json().path("tables");
        assertThat(tables.get(0).path("id").asText()).isEqualTo("tbl5SRDm83NG8ONDi");
        assertThat(tables.get(1).path("id").asText()).isEqualTo("tblWkH835t93orN0q");
        assertThat(tables.get(2).path("id").asText()).isEqualTo("tbl8vdfMe0Y8ZE3Lv");
        assertThat(tables.get(2).path("views").get(1).path("id").asText()).isEqualTo("viwN7R1flSouIHSfy");
        assertThat(api.get(path(demoBase, "Companies") + "?maxRecords=1").json().path("records").get(0)
                .path("id").asText()).isEqualTo("rec97xPgG444mYJCB");
        assertThat(sandbox.demoToken())
                .isEqualTo("patSandboxDemo001.local-airtable-sandbox-demo-token-not-a-real-secret");
    }

    @Test
    void aSeededRecordLooksRealistic() {
        JsonNode contact = api.get(path(demoBase, "Contacts") + "?maxRecords=1").json().path("records").get(0);
        assertThat(contact.path("fields").path("Name").asText()).isEqualTo("Olivia Martin");
        assertThat(contact.path("fields").path("Email").asText()).isEqualTo("olivia.martin@acme-analytics.example.com");
        assertThat(contact.path("createdTime").asText()).isEqualTo("2024-01-15T09:08:00.000Z");
    }
}
