package io.pyairtable.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input gets a 4xx with a JSON body, never a 500. */
class RobustnessTest extends SandboxTestSupport {

    private record Attempt(String method, String path, String body) {
    }

    @Test
    void badInputIsAClientError() {
        String items = path(testBase, "Items");
        String meta = "/v0/meta/bases/" + testBase + "/tables";
        List<Attempt> attempts = List.of(
                new Attempt("POST", items, "[]"),
                new Attempt("POST", items, "null"),
                new Attempt("POST", items, "{\"records\":5}"),
                new Attempt("POST", items, "{\"records\":[5]}"),
                new Attempt("POST", items, "{\"records\":[{\"fields\":5}]}"),
                new Attempt("POST", items, "{\"records\":[]}"),
                new Attempt("POST", items, "{\"fields\":{\"Count\":1e400}}"),
                new Attempt("POST", items, "{\"fields\":{\"Due\":\"2024-13-45\"}}"),
                new Attempt("POST", items, "{\"fields\":{\"At\":12}}"),
                new Attempt("POST", items, "{\"fields\":{\"Tags\":[1,{}]}}"),
                new Attempt("POST", items, "{\"fields\":{\"Files\":[{\"id\":\"attNope\"}]}}"),
                new Attempt("POST", items, "{\"fields\":{\"Owner\":[{}]}}"),
                new Attempt("POST", items, "{\"fields\":{\"Name\":{\"nested\":true}}}"),
                new Attempt("POST", items, "{\"fields\":{}} trailing"),
                new Attempt("PATCH", items, "{\"records\":[{\"fields\":{}}]}"),
                new Attempt("PATCH", items, "{\"records\":[{\"id\":5}]}"),
                new Attempt("PATCH", items, "{\"performUpsert\":5,\"records\":[{\"fields\":{}}]}"),
                new Attempt("PATCH", items, "{\"performUpsert\":{\"fieldsToMergeOn\":[5]},\"records\":[{\"fields\":{}}]}"),
                new Attempt("PATCH", items, "{\"performUpsert\":{\"fieldsToMergeOn\":[\"Seq\"]},\"records\":[{\"fields\":{}}]}"),
                new Attempt("DELETE", items, null),
                new Attempt("GET", items + "?sort[99999999999][field]=Name&sort[0][direction]=sideways", null),
                new Attempt("GET", items + "?sort[0][direction]=desc", null),
                new Attempt("GET", items + "?maxRecords=-1", null),
                new Attempt("GET", items + "?cellFormat=xml", null),
                new Attempt("GET", items + "?cellFormat=string&timeZone=Mars%2FOlympus&userLocale=en", null),
                new Attempt("GET", items + "?filterByFormula=%28%28%28", null),
                new Attempt("GET", items + "?filterByFormula=%E0%A4", null),
                new Attempt("POST", items + "/listRecords", "{\"sort\":[{\"direction\":\"asc\"}]}"),
                new Attempt("POST", items + "/listRecords", "{\"fields\":\"Name\"}"),
                new Attempt("POST", items + "/listRecords", "{\"pageSize\":{}}"),
                new Attempt("POST", meta, "{}"),
                new Attempt("POST", meta, "{\"name\":\"X\",\"fields\":[5]}"),
                new Attempt("POST", meta, "{\"name\":\"X\",\"fields\":[{\"name\":\"A\",\"type\":\"number\",\"options\":5}]}"),
                new Attempt("POST", meta, "{\"name\":\"X\",\"fields\":[{\"name\":\"A\",\"type\":\"number\",\"options\":{\"precision\":99}}]}"),
                new Attempt("POST", meta, "{\"name\":\"X\",\"fields\":[{\"name\":\"A\",\"type\":\"singleSelect\",\"options\":{\"choices\":[\"a\",\"a\"]}}]}"),
                new Attempt("POST", meta + "/Items/fields", "{\"name\":\"L\",\"type\":\"multipleRecordLinks\"}"),
                new Attempt("PATCH", meta + "/Items", "{\"name\":\"\"}"),
                new Attempt("POST", "/v0/" + testBase + "/recX/Files/uploadAttachment", "{\"file\":\"***\",\"filename\":\"a\",\"contentType\":\"b\"}"));
        for (Attempt attempt : attempts) {
            ApiClient.Response response = api.send(attempt.method(), attempt.path(), attempt.body());
            assertThat(response.status()).as(attempt.toString()).isBetween(400, 499);
            assertThat(response.json().has("error")).as(attempt.toString()).isTrue();
        }
    }

    @Test
    void concurrentWritesAreAllApplied() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                statuses.add(pool.submit(() -> api.post(path(testBase, "People"),
                        java.util.Map.of("fields", java.util.Map.of("Name", "Concurrent " + n))).status()));
            }
            for (java.util.concurrent.Future<Integer> status : statuses) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        ApiClient.Response listed = api.get(path(testBase, "People") + "?filterByFormula="
                + ApiClient.enc("FIND('Concurrent', {Name})"));
        assertThat(listed.json().path("records")).hasSize(40);
    }

    @Test
    void commentCountAndSingleRecordStringFormat() {
        String id = createItem("Items", java.util.Map.of("Name", "Meta", "Price", 12.5, "Done", true)).path("id").asText();
        ApiClient.Response listed = api.get(path(testBase, "Items") + "?recordMetadata[]=commentCount&maxRecords=1");
        assertThat(listed.json().path("records").get(0).path("commentCount").asInt()).isZero();

        ApiClient.Response single = api.get(path(testBase, "Items") + "/" + id
                + "?cellFormat=string&timeZone=UTC&userLocale=en-us");
        assertThat(single.json().path("fields").path("Price").asText()).isEqualTo("$12.50");
        assertThat(single.json().path("fields").path("Done").asText()).isEqualTo("checked");
    }
}
