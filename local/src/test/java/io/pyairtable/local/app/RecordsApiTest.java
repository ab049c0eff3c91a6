package io.pyairtable.local.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.junit.LocalCloudExtension;
import io.pyairtable.sandbox.FieldSpec;
import io.pyairtable.sandbox.TableSpec;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Connections and the records API through the project's template: HTTP API → authorizer → RecordsFunction → sandbox. */
@ExtendWith(LocalCloudExtension.class)
class RecordsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void connectInspectDisconnectNeverShowsTheToken(LocalCloud cloud) throws Exception {
        RecordsApiClient api = new RecordsApiClient(cloud);
        String user = api.newUser("Connect");
        List<String> bodies = new ArrayList<>();

        AuthApiClient.Reply before = api.get("/connections/airtable", user);
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        assertThat(before.json().at("/connection/status").asText()).isEqualTo("default");

        String pat = cloud.sandbox().createToken(Set.of(cloud.sandbox().demoBaseId()),
                Set.of("data.records:read", "schema.bases:read"));
        AuthApiClient.Reply bad = api.send("PUT", "/connections/airtable", user, "{\"token\":\"patNotARealToken.123456\"}");
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.errorCode()).isEqualTo("INVALID_AIRTABLE_TOKEN");
        bodies.add(bad.body());

        AuthApiClient.Reply connected = api.send("PUT", "/connections/airtable", user, "{\"token\":\"" + pat + "\"}");
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        assertThat(connected.json().at("/connection/status").asText()).isEqualTo("connected");
        assertThat(connected.json().at("/connection/scopes").toString()).contains("data.records:read");
        bodies.add(connected.body());
        // again: a new value for the same secret
        AuthApiClient.Reply again = api.send("PUT", "/connections/airtable", user, "{\"token\":\"" + pat + "\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        bodies.add(again.body());

        AuthApiClient.Reply inspected = api.get("/connections/airtable", user);
        assertThat(inspected.json().at("/connection/source").asText()).isEqualTo("user");
        bodies.add(inspected.body());
        // the restricted token is what this user now uses: no writes
        AuthApiClient.Reply write = api.send("POST", "/bases/" + cloud.sandbox().demoBaseId() + "/tables/Deals/records",
                user, "{\"records\":[{\"fields\":{\"Name\":\"x\"}}]}");
        assertThat(write.status()).as(write.body()).isEqualTo(403);
        bodies.add(write.body());
        AuthApiClient.Reply read = api.get("/bases/" + cloud.sandbox().demoBaseId() + "/tables/Deals/records?pageSize=2", user);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        bodies.add(read.body());

        AuthApiClient.Reply deleted = api.send("DELETE", "/connections/airtable", user, null);
        assertThat(deleted.status()).isEqualTo(204);
        AuthApiClient.Reply deletedAgain = api.send("DELETE", "/connections/airtable", user, null);
        assertThat(deletedAgain.status()).isEqualTo(404);
        bodies.add(deletedAgain.body());
        assertThat(api.get("/connections/airtable", user).json().at("/connection/status").asText()).isEqualTo("default");
        for (String body : bodies) {
            assertThat(body).doesNotContain(pat).doesNotContain(cloud.sandbox().demoToken());
        }
    }

    @Test
    void listsBasesTablesAndRecordsWithPagingSortFieldsAndFilter(LocalCloud cloud) throws Exception {
        RecordsApiClient api = new RecordsApiClient(cloud);
        String user = api.newUser("Reader");
        String base = cloud.sandbox().demoBaseId();

        AuthApiClient.Reply bases = api.get("/bases", user);
        assertThat(bases.status()).as(bases.body()).isEqualTo(200);
        assertThat(bases.body()).contains(base).doesNotContain(cloud.sandbox().demoToken());
        AuthApiClient.Reply tables = api.get("/bases/" + base + "/tables", user);
        assertThat(tables.status()).as(tables.body()).isEqualTo(200);
        assertThat(tables.json().get("tables").findValuesAsText("name")).contains("Deals", "Companies");

        String records = "/bases/" + base + "/tables/Deals/records";
        AuthApiClient.Reply page1 = api.get(records + "?pageSize=10&fields=Name&fields=Amount&sort=Amount:desc", user);
        assertThat(page1.status()).as(page1.body()).isEqualTo(200);
        JsonNode list = page1.json().get("records");
        assertThat(list).hasSize(10);
        for (int i = 1; i < list.size(); i++) {
            assertThat(list.get(i - 1).at("/fields/Amount").asDouble())
                    .isGreaterThanOrEqualTo(list.get(i).at("/fields/Amount").asDouble());
        }
        assertThat(list.get(0).get("fields").has("Stage")).isFalse();
        String offset = page1.json().get("offset").asText();
        AuthApiClient.Reply page2 = api.get(records + "?pageSize=10&fields=Name,Amount&sort=Amount:desc&offset="
                + q(offset), user);
        assertThat(page2.status()).as(page2.body()).isEqualTo(200);
        assertThat(page2.json().get("records").get(0).get("id").asText()).isNotIn(list.findValuesAsText("id"));

        String filter = "{\"and\":[{\"field\":\"Stage\",\"op\":\"eq\",\"value\":\"Won\"},"
                + "{\"or\":[{\"field\":\"Amount\",\"op\":\"gte\",\"value\":0},{\"field\":\"Name\",\"op\":\"empty\"}]}]}";
        AuthApiClient.Reply won = api.get(records + "?filter=" + q(filter), user);
        assertThat(won.status()).as(won.body()).isEqualTo(200);
        assertThat(won.json().get("records")).isNotEmpty();
        assertThat(won.json().get("records").findValuesAsText("Stage")).containsOnly("Won");

        String contains = "{\"field\":\"Name\",\"op\":\"contains\",\"value\":\"" + list.get(0).at("/fields/Name").asText()
                .substring(0, 4).toLowerCase() + "\"}";
        AuthApiClient.Reply containing = api.get(records + "?filter=" + q(contains), user);
        assertThat(containing.status()).as(containing.body()).isEqualTo(200);
        assertThat(containing.json().get("records")).isNotEmpty();

        // injection: the value stays one string literal, so it matches nothing
        String injection = "{\"field\":\"Stage\",\"op\":\"eq\",\"value\":\"Won\\\") , TRUE()) & OR(TRUE(), \\\"\"}";
        AuthApiClient.Reply injected = api.get(records + "?filter=" + q(injection), user);
        assertThat(injected.status()).as(injected.body()).isEqualTo(200);
        assertThat(injected.json().get("records")).isEmpty();
        String injection2 = "{\"field\":\"Stage} = \\\"Won\\\" OR {Name\",\"op\":\"ne\",\"value\":\"x\"}";
        AuthApiClient.Reply injected2 = api.get(records + "?filter=" + q(injection2), user);
        assertThat(injected2.status()).as("an unknown field name, not a formula").isIn(422, 200);
        if (injected2.status() == 200) {
            assertThat(injected2.json().get("records")).isEmpty();
        }

        String recordId = list.get(0).get("id").asText();
        AuthApiClient.Reply one = api.get(records + "/" + recordId, user);
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json().get("id").asText()).isEqualTo(recordId);
    }

    @Test
    void crudBatchUpsertAndDeletes(LocalCloud cloud) throws Exception {
        RecordsApiClient api = new RecordsApiClient(cloud);
        String user = api.newUser("Writer");
        String base = cloud.sandbox().createBase("Writes " + System.nanoTime(), List.of(new TableSpec("Items",
                List.of(FieldSpec.text("Name"), FieldSpec.number("Qty", 0)))));
        String records = "/bases/" + base + "/tables/Items/records";

        AuthApiClient.Reply created = api.send("POST", records, user,
                "{\"records\":[{\"fields\":{\"Name\":\"a\",\"Qty\":1}},{\"fields\":{\"Name\":\"b\",\"Qty\":2}}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String a = created.json().get("records").get(0).get("id").asText();
        String b = created.json().get("records").get(1).get("id").asText();

        AuthApiClient.Reply patched = api.send("PATCH", records + "/" + a, user, "{\"fields\":{\"Qty\":5}}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().at("/fields/Qty").asInt()).isEqualTo(5);
        assertThat(patched.json().at("/fields/Name").asText()).isEqualTo("a");
        AuthApiClient.Reply replaced = api.send("PUT", records + "/" + a, user, "{\"fields\":{\"Name\":\"a2\"}}");
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().get("fields").has("Qty")).as("PUT clears unset fields").isFalse();
        AuthApiClient.Reply batchPatch = api.send("PATCH", records, user,
                "{\"records\":[{\"id\":\"" + b + "\",\"fields\":{\"Qty\":7}}]}");
        assertThat(batchPatch.status()).as(batchPatch.body()).isEqualTo(200);
        assertThat(batchPatch.json().at("/records/0/fields/Qty").asInt()).isEqualTo(7);

        StringBuilder many = new StringBuilder("{\"records\":[");
        for (int i = 0; i < 23; i++) {
            many.append(i == 0 ? "" : ",").append("{\"fields\":{\"Name\":\"bulk").append(i).append("\",\"Qty\":").append(i).append("}}");
        }
        AuthApiClient.Reply bulk = api.send("POST", records, user, many.append("]}").toString());
        assertThat(bulk.status()).as(bulk.body()).isEqualTo(201);
        assertThat(bulk.json().get("records")).hasSize(23);

        AuthApiClient.Reply upsert = api.send("PATCH", records, user, "{\"mergeOn\":[\"Name\"],\"records\":["
                + "{\"fields\":{\"Name\":\"bulk1\",\"Qty\":100}},{\"fields\":{\"Name\":\"fresh\",\"Qty\":3}}]}");
        assertThat(upsert.status()).as(upsert.body()).isEqualTo(200);
        assertThat(upsert.json().get("createdRecords")).hasSize(1);
        assertThat(upsert.json().get("updatedRecords")).hasSize(1);

        // a batch whose 3rd chunk fails: 207 with per-chunk outcome
        StringBuilder partial = new StringBuilder("{\"records\":[");
        for (int i = 0; i < 25; i++) {
            String field = i == 22 ? "NoSuchField" : "Name";
            partial.append(i == 0 ? "" : ",").append("{\"fields\":{\"").append(field).append("\":\"p").append(i).append("\"}}");
        }
        AuthApiClient.Reply part = api.send("POST", records, user, partial.append("]}").toString());
        assertThat(part.status()).as(part.body()).isEqualTo(207);
        List<String> statuses = new ArrayList<>();
        part.json().get("chunks").forEach(chunk -> statuses.add(chunk.get("status").asText()));
        assertThat(statuses).containsExactly("SUCCEEDED", "SUCCEEDED", "FAILED");
        assertThat(part.json().at("/chunks/2/error/status").asInt()).isEqualTo(422);
        assertThat(part.json().get("records")).hasSize(20);

        AuthApiClient.Reply deleteMany = api.send("DELETE", records + "?ids=" + a + "&ids=" + b, user, null);
        assertThat(deleteMany.status()).as(deleteMany.body()).isEqualTo(200);
        assertThat(deleteMany.json().get("deleted")).hasSize(2);
        String c = bulk.json().at("/records/0/id").asText();
        AuthApiClient.Reply deleteOne = api.send("DELETE", records + "/" + c, user, null);
        assertThat(deleteOne.status()).as(deleteOne.body()).isEqualTo(200);
        assertThat(api.get(records + "/" + c, user).status()).isEqualTo(404);
        assertThat(api.get(records + "/" + a, user).status()).isEqualTo(404);
    }

    /**
     * Table names are path segments: a name with spaces (and other characters a URL must escape) arrives
     * percent-encoded, is decoded once by the HTTP API, and is escaped again towards Airtable.
     */
    @Test
    void tableNamesWithSpacesAndOtherEscapedCharacters(LocalCloud cloud) throws Exception {
        RecordsApiClient api = new RecordsApiClient(cloud);
        String user = api.newUser("Spaces");
        String base = cloud.sandbox().createBase("Names " + System.nanoTime(), List.of(new TableSpec("Plain",
                List.of(FieldSpec.text("Name")))));
        HttpClient http = HttpClient.newHttpClient();
        List<String> names = List.of("My Table", "Q&A / 50% + more? #1 – déjà vu");
        for (String name : names) {
            // the table is made through the sandbox's metadata API, as a user would in Airtable
            String spec = JSON.createObjectNode().put("name", name).set("fields", JSON.createArrayNode()
                    .add(JSON.createObjectNode().put("name", "Name").put("type", "singleLineText"))).toString();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(cloud.sandbox().baseUrl()
                    .resolve("/v0/meta/bases/" + base + "/tables"))
                    .header("Authorization", "Bearer " + cloud.sandbox().demoToken())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(spec)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        }
        // those calls count against the base's 5 requests per second but bypass the function's shared budget
        Thread.sleep(1100);
        for (String name : names) {
            String records = "/bases/" + base + "/tables/" + pathSegment(name) + "/records";
            AuthApiClient.Reply written = api.send("POST", records, user,
                    "{\"records\":[{\"fields\":{\"Name\":\"in " + name.replace("\"", "") + "\"}}]}");
            assertThat(written.status()).as(name + ": " + written.body()).isEqualTo(201);
            AuthApiClient.Reply listed = api.get(records + "?pageSize=5", user);
            assertThat(listed.status()).as(name + ": " + listed.body()).isEqualTo(200);
            assertThat(listed.json().get("records").findValuesAsText("Name")).containsExactly("in " + name);
            String recordId = listed.json().at("/records/0/id").asText();
            AuthApiClient.Reply one = api.get(records + "/" + recordId, user);
            assertThat(one.status()).as(name + ": " + one.body()).isEqualTo(200);
        }
        AuthApiClient.Reply tables = api.get("/bases/" + base + "/tables", user);
        assertThat(tables.json().get("tables").findValuesAsText("name")).contains("My Table");
        AuthApiClient.Reply missing = api.get("/bases/" + base + "/tables/My%20Tables/records", user);
        assertThat(missing.status()).as(missing.body()).isEqualTo(404);
    }

    /** One path segment, percent-encoded as a browser or curl would send it (space as %20, never +). */
    private static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void oneUserCannotUseAnothersConnection(LocalCloud cloud) throws Exception {
        RecordsApiClient api = new RecordsApiClient(cloud);
        String alice = api.newUser("Alice");
        String bob = api.newUser("Bob");
        String other = cloud.sandbox().createBase("Bob only " + System.nanoTime(), List.of(new TableSpec("T",
                List.of(FieldSpec.text("Name")))));
        String bobsPat = cloud.sandbox().createToken(Set.of(other), Set.of("data.records:read", "schema.bases:read"));
        assertThat(api.send("PUT", "/connections/airtable", bob, "{\"token\":\"" + bobsPat + "\"}").status()).isEqualTo(200);

        String demo = "/bases/" + cloud.sandbox().demoBaseId() + "/tables/Deals/records?pageSize=1";
        assertThat(api.get(demo, bob).status()).as("Bob's token is restricted to his base").isIn(403, 404);
        assertThat(api.get(demo, alice).status()).as("Alice uses the default token").isEqualTo(200);
        // Alice cannot pick Bob's secret: the user id comes from the access token only
        AuthApiClient.Reply sneaky = api.send("PUT", "/connections/airtable", alice,
                "{\"token\":\"" + cloud.sandbox().demoToken() + "\",\"userId\":\"someone-else\"}");
        assertThat(sneaky.status()).isEqualTo(200);
        assertThat(api.get(demo, bob).status()).as("Bob still on his own token").isIn(403, 404);
        assertThat(api.get("/bases/" + other + "/tables/T/records", bob).status()).isEqualTo(200);
        AuthApiClient.Reply bobsBases = api.get("/bases", bob);
        assertThat(bobsBases.json().get("bases").findValuesAsText("id")).containsExactly(other);
        assertThat(api.get("/connections/airtable", null).status()).isEqualTo(401);
        assertThat(api.get(demo, null).status()).isEqualTo(401);
    }

    @Test
    void badInputIsAlways4xx(LocalCloud cloud) throws Exception {
        RecordsApiClient api = new RecordsApiClient(cloud);
        String user = api.newUser("Bad");
        String base = cloud.sandbox().demoBaseId();
        String records = "/bases/" + base + "/tables/Deals/records";
        StringBuilder deep = new StringBuilder("{\"field\":\"Name\",\"op\":\"eq\",\"value\":\"x\"}");
        for (int i = 0; i < 8; i++) {
            deep.insert(0, "{\"and\":[").append("]}");
        }
        String[][] gets = {
            {"/bases/appShort/tables/Deals/records", "400"},
            {"/bases/" + base + "/tables/Deals/records/recBad", "400"},
            {"/bases/" + base + "/tables/tblBAD!!!!!!!!!!!/records", "400"},
            {"/bases/" + base + "/tables/NoSuchTable/records", "404"},
            {"/bases/appAAAAAAAAAAAAA0/tables/Deals/records", "403"}, // Airtable: INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND
            {records + "?pageSize=0", "400"},
            {records + "?pageSize=abc", "400"},
            {records + "?sort=Amount:sideways", "400"},
            {records + "?unknown=1", "400"},
            {records + "?fields=NoSuchField", "422"},
            {records + "?sort=NoSuchField", "422"},
            {records + "?filter=" + q("{\"field\":\"Stage\",\"op\":\"regex\",\"value\":\"x\"}"), "400"},
            {records + "?filter=" + q("{\"field\":\"Stage\",\"op\":\"eq\",\"value\":{\"x\":1}}"), "400"},
            {records + "?filter=" + q("not json"), "400"},
            {records + "?filter=" + q(deep.toString()), "400"},
            {records + "?filter=" + q("{\"field\":\"Name\",\"op\":\"eq\",\"value\":\"" + "x".repeat(5000) + "\"}"), "400"},
            {records + "?filter=" + q("{\"field\":\"NoSuchField\",\"op\":\"eq\",\"value\":\"x\"}"), "422"},
            {"/bases/" + base + "/tables/NoSuchTable", "404"},
        };
        for (String[] get : gets) {
            AuthApiClient.Reply reply = api.get(get[0], user);
            assertThat(reply.status()).as(get[0] + " → " + reply.body()).isEqualTo(Integer.parseInt(get[1]));
        }
        String[][] writes = {
            {"POST", records, "not json", "400"},
            {"POST", records, "{\"records\":[]}", "400"},
            {"POST", records, "{\"records\":[{\"fields\":{\"NoSuchField\":1}}]}", "422"},
            {"POST", records, "{\"records\":[{\"fields\":\"x\"}]}", "400"},
            {"POST", records, "{\"records\":[{\"fields\":{\"Name\":\"x\"}}],\"typecast\":\"yes\"}", "400"},
            {"POST", records, "{\"records\":[{\"fields\":{\"Name\":\"" + "x".repeat(1024 * 1024) + "\"}}]}", "413"},
            {"PATCH", records, "{\"records\":[{\"id\":\"recBad\",\"fields\":{}}]}", "400"},
            {"PATCH", records, "{\"mergeOn\":[],\"records\":[{\"fields\":{\"Name\":\"x\"}}]}", "400"},
            {"PATCH", records, "{\"mergeOn\":[\"Name\"],\"records\":[{\"fields\":{\"Name\":\"x\"}},{\"fields\":{\"Name\":\"x\"}}]}", "400"},
            {"PUT", records, "{\"mergeOn\":[\"Name\"],\"records\":[{\"fields\":{\"Name\":\"x\"}}]}", "400"},
            {"DELETE", records + "?ids=recBad", null, "400"},
            {"DELETE", records, null, "400"},
            {"DELETE", records + "/recAAAAAAAAAAAAA0", null, "404"},
            {"PUT", "/connections/airtable", "{}", "400"},
            {"PUT", "/connections/airtable", "{\"token\":\"has spaces and ; quotes\\\"\"}", "400"},
        };
        for (String[] write : writes) {
            AuthApiClient.Reply reply = api.send(write[0], write[1], user, write[2]);
            assertThat(reply.status()).as(write[0] + " " + write[1] + " → "
                    + reply.body().substring(0, Math.min(300, reply.body().length())))
                    .isEqualTo(Integer.parseInt(write[3]));
        }
    }
}
