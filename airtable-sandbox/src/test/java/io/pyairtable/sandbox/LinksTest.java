package io.pyairtable.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinksTest extends SandboxTestSupport {

    private List<String> linkIds(String table, String recordId, String field) {
        JsonNode value = api.get(path(testBase, table) + "/" + recordId).json().path("fields").path(field);
        List<String> ids = new ArrayList<>();
        value.forEach(id -> ids.add(id.asText()));
        return ids;
    }

    @Test
    void writingOneSideUpdatesTheInverse() {
        String ann = createItem("People", Map.of("Name", "Ann")).path("id").asText();
        String bob = createItem("People", Map.of("Name", "Bob")).path("id").asText();
        String task = createItem("Items", Map.of("Name", "Task", "Owner", List.of(ann))).path("id").asText();
        assertThat(linkIds("People", ann, "Items")).containsExactly(task);

        api.patch(path(testBase, "Items") + "/" + task, Map.of("fields", Map.of("Owner", List.of(bob))));
        assertThat(linkIds("People", ann, "Items")).isEmpty();
        assertThat(linkIds("People", bob, "Items")).containsExactly(task);

        api.patch(path(testBase, "People") + "/" + ann, Map.of("fields", Map.of("Items", List.of(task))));
        assertThat(linkIds("Items", task, "Owner")).containsExactlyInAnyOrder(bob, ann);

        api.delete(path(testBase, "People") + "/" + bob);
        assertThat(linkIds("Items", task, "Owner")).containsExactly(ann);
    }

    @Test
    void typecastLinksByPrimaryFieldValue() {
        String carol = createItem("People", Map.of("Name", "Carol")).path("id").asText();
        ApiClient.Response response = api.post(path(testBase, "Items"),
                Map.of("typecast", true, "fields", Map.of("Name", "By name", "Owner", List.of("Carol"))));
        assertThat(response.json().path("fields").path("Owner").get(0).asText()).isEqualTo(carol);
    }

    @Test
    void seededLinksAreConsistentInBothDirections() {
        JsonNode companies = api.get(path(demoBase, "Companies")).json().path("records");
        JsonNode contacts = api.get(path(demoBase, "Contacts")).json().path("records");
        int links = 0;
        for (JsonNode contact : contacts) {
            String companyId = contact.path("fields").path("Company").get(0).asText();
            JsonNode company = null;
            for (JsonNode candidate : companies) {
                if (candidate.path("id").asText().equals(companyId)) {
                    company = candidate;
                }
            }
            assertThat(company).isNotNull();
            assertThat(company.path("fields").path("Contacts").toString()).contains(contact.path("id").asText());
            links++;
        }
        assertThat(links).isEqualTo(20);
        int deals = 0;
        for (JsonNode company : companies) {
            deals += company.path("fields").path("Deals").size();
        }
        assertThat(deals).isEqualTo(25);
    }
}
