package io.pyairtable.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Listing the seeded demo base (read-only, so the data is known). */
class ListRecordsTest extends SandboxTestSupport {

    private String deals() {
        return path(demoBase, "Deals");
    }

    @Test
    void pagesThroughAllRecordsWithOffsets() {
        Set<String> ids = new HashSet<>();
        List<String> order = new ArrayList<>();
        String offset = null;
        int pages = 0;
        do {
            ApiClient.Response page = api.get(deals() + "?pageSize=10" + (offset == null ? "" : "&offset=" + ApiClient.enc(offset)));
            assertThat(page.status()).isEqualTo(200);
            page.json().path("records").forEach(record -> {
                ids.add(record.path("id").asText());
                order.add(record.path("createdTime").asText());
            });
            offset = page.json().has("offset") ? page.json().path("offset").asText() : null;
            if (offset != null) {
                assertThat(offset).matches("itr[A-Za-z0-9]{14}/rec[A-Za-z0-9]{14}");
            }
            pages++;
        } while (offset != null);
        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(25);
        assertThat(order).isSorted();
    }

    @Test
    void maxRecordsLimitsTheListing() {
        ApiClient.Response page = api.get(deals() + "?maxRecords=3");
        assertThat(page.json().path("records")).hasSize(3);
        assertThat(page.json().has("offset")).isFalse();
    }

    @Test
    void expiredUnknownOrMalformedOffsetsAre422() {
        String offset = api.get(deals() + "?pageSize=5").json().path("offset").asText();
        assertThat(api.get(deals() + "?pageSize=5&offset=" + ApiClient.enc(offset)).status()).isEqualTo(200);

        sandbox.expireOffsets();
        ApiClient.Response expired = api.get(deals() + "?pageSize=5&offset=" + ApiClient.enc(offset));
        assertThat(expired.status()).isEqualTo(422);
        assertThat(expired.errorType()).isEqualTo("LIST_RECORDS_ITERATOR_NOT_AVAILABLE");

        assertThat(api.get(deals() + "?offset=garbage").errorType()).isEqualTo("LIST_RECORDS_ITERATOR_NOT_AVAILABLE");
        assertThat(api.get(deals() + "?offset=itrAAAAAAAAAAAAAA%2FrecAAAAAAAAAAAAAA").errorType())
                .isEqualTo("LIST_RECORDS_ITERATOR_NOT_AVAILABLE");
    }

    @Test
    void offsetsExpireAfterTheirTimeToLive() throws InterruptedException {
        try (AirtableSandbox shortLived = AirtableSandbox.builder().offsetTtl(java.time.Duration.ofMillis(100)).start()) {
            ApiClient client = new ApiClient(shortLived.baseUrl(), shortLived.demoToken());
            String offset = client.get(deals() + "?pageSize=5").json().path("offset").asText();
            Thread.sleep(150);
            assertThat(client.get(deals() + "?offset=" + ApiClient.enc(offset)).errorType())
                    .isEqualTo("LIST_RECORDS_ITERATOR_NOT_AVAILABLE");
        }
    }

    @Test
    void sortsByOneOrMoreFields() {
        ApiClient.Response byAmount = api.get(deals() + "?sort%5B0%5D%5Bfield%5D=Amount&sort%5B0%5D%5Bdirection%5D=desc");
        List<Double> amounts = new ArrayList<>();
        byAmount.json().path("records").forEach(record -> amounts.add(record.path("fields").path("Amount").asDouble()));
        assertThat(amounts).hasSize(25).isSortedAccordingTo((a, b) -> Double.compare(b, a));

        ApiClient.Response byOwnerThenName = api.get(deals()
                + "?sort[0][field]=Owner&sort[1][field]=Name&sort[1][direction]=asc");
        List<String> keys = new ArrayList<>();
        byOwnerThenName.json().path("records").forEach(record -> keys.add(
                record.path("fields").path("Owner").asText() + "|" + record.path("fields").path("Name").asText()));
        assertThat(keys).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);

        ApiClient.Response unknown = api.get(deals() + "?sort[0][field]=Nope");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.errorType()).isEqualTo("UNKNOWN_FIELD_NAME");
    }

    @Test
    void fieldsParameterProjectsAndFieldIdsCanBeKeys() {
        JsonNode fields = api.get(deals() + "?fields%5B%5D=Name&fields[]=Stage").json()
                .path("records").get(0).path("fields");
        List<String> names = new ArrayList<>();
        fields.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("Name", "Stage");

        JsonNode byId = api.get(deals() + "?returnFieldsByFieldId=true&maxRecords=1").json()
                .path("records").get(0).path("fields");
        byId.fieldNames().forEachRemaining(key -> assertThat(key).matches("fld[A-Za-z0-9]{14}"));

        assertThat(api.get(deals() + "?fields[]=Nope").errorType()).isEqualTo("UNKNOWN_FIELD_NAME");
    }

    @Test
    void stringCellFormatNeedsTimeZoneAndLocale() {
        ApiClient.Response missing = api.get(deals() + "?cellFormat=string");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.errorType()).isEqualTo("INVALID_REQUEST_UNKNOWN");

        ApiClient.Response strings = api.get(deals() + "?cellFormat=string&timeZone=Europe%2FBerlin&userLocale=en-us");
        assertThat(strings.status()).isEqualTo(200);
        strings.json().path("records").forEach(record ->
                record.path("fields").forEach(value -> assertThat(value.isTextual()).isTrue()));
        JsonNode first = strings.json().path("records").get(0).path("fields");
        assertThat(first.path("Amount").asText()).startsWith("$");
        assertThat(first.path("Company").asText()).isEqualTo("Acme Analytics");
    }

    @Test
    void listRecordsPostTakesTheOptionsInTheBody() {
        ApiClient.Response response = api.post(deals() + "/listRecords", Map.of(
                "fields", List.of("Name", "Amount"),
                "sort", List.of(Map.of("field", "Amount", "direction", "asc")),
                "pageSize", 5,
                "filterByFormula", "{Amount} > 10000"));
        assertThat(response.status()).isEqualTo(200);
        JsonNode records = response.json().path("records");
        assertThat(records).hasSize(5);
        assertThat(records.get(0).path("fields").path("Amount").asDouble()).isGreaterThan(10000);
        String offset = response.json().path("offset").asText();

        ApiClient.Response next = api.post(deals() + "/listRecords", Map.of("offset", offset, "pageSize", 5,
                "fields", List.of("Name", "Amount")));
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.json().path("records").get(0).path("fields").path("Amount").asDouble())
                .isGreaterThanOrEqualTo(records.get(4).path("fields").path("Amount").asDouble());

        assertThat(api.send("POST", deals() + "/listRecords", "not json").errorType())
                .isEqualTo("INVALID_REQUEST_UNKNOWN");
    }

    @Test
    void viewAppliesItsFilterAndSort() {
        ApiClient.Response open = api.get(deals() + "?view=" + ApiClient.enc("Open deals"));
        assertThat(open.status()).isEqualTo(200);
        List<String> dates = new ArrayList<>();
        open.json().path("records").forEach(record -> {
            assertThat(record.path("fields").path("Stage").asText()).isNotIn("Won", "Lost");
            dates.add(record.path("fields").path("Close Date").asText());
        });
        assertThat(dates).isNotEmpty().isSorted();

        ApiClient.Response unknown = api.get(deals() + "?view=Nope");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.errorType()).isEqualTo("VIEW_NAME_NOT_FOUND");
    }

    @Test
    void filterByFormula() {
        ApiClient.Response won = api.get(deals() + "?filterByFormula=" + ApiClient.enc("{Stage} = 'Won'"));
        assertThat(won.json().path("records")).isNotEmpty();
        won.json().path("records").forEach(record ->
                assertThat(record.path("fields").path("Stage").asText()).isEqualTo("Won"));

        ApiClient.Response byCompany = api.get(path(demoBase, "Contacts") + "?filterByFormula="
                + ApiClient.enc("{Company} = 'Acme Analytics'"));
        assertThat(byCompany.json().path("records")).hasSize(2);

        ApiClient.Response unknownFields = api.get(deals() + "?filterByFormula=" + ApiClient.enc("AND({Foo}, {Bar})"));
        assertThat(unknownFields.status()).isEqualTo(422);
        assertThat(unknownFields.errorType()).isEqualTo("INVALID_FILTER_BY_FORMULA");
        assertThat(unknownFields.errorMessage())
                .isEqualTo("The formula for filtering records is invalid: Unknown field names: Bar, Foo");

        ApiClient.Response invalid = api.get(deals() + "?filterByFormula=" + ApiClient.enc("{Stage} = "));
        assertThat(invalid.errorType()).isEqualTo("INVALID_FILTER_BY_FORMULA");
        assertThat(invalid.errorMessage()).startsWith("The formula for filtering records is invalid: ");
    }

    @Test
    void invalidPageSizeIs422() {
        assertThat(api.get(deals() + "?pageSize=101").status()).isEqualTo(422);
        assertThat(api.get(deals() + "?pageSize=abc").status()).isEqualTo(422);
    }
}
