package io.pyairtable.local.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pyairtable.airtable.AirtableRecord;
import io.pyairtable.airtable.RecordQuery;
import io.pyairtable.airtable.Table;
import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.junit.LocalCloudExtension;
import io.pyairtable.sandbox.FieldSpec;
import io.pyairtable.sandbox.TableSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** File imports and change sets end to end: HTTP API → S3 presigned upload → trigger → ImportSaga → sandbox. */
@ExtendWith(LocalCloudExtension.class)
class ImportsApiTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static String base(LocalCloud cloud) {
        return cloud.sandbox().createBase("Imports " + System.nanoTime(), List.of(
                new TableSpec("Companies", List.of(FieldSpec.text("Name"))),
                new TableSpec("People", List.of(FieldSpec.text("Name"), FieldSpec.number("Age", 0),
                        FieldSpec.singleSelect("Team", "Red", "Blue"), FieldSpec.link("Company", "Companies")))));
    }

    static Table table(LocalCloud cloud, String base, String name) {
        return ImportsApiClient.sharedBudgetTable(cloud, base, name);
    }

    private static String csv(int rows, int badRow) {
        StringBuilder csv = new StringBuilder("Name,Age,Team\n");
        for (int i = 1; i <= rows; i++) {
            csv.append("Person ").append(i).append(',').append(i == badRow ? "not a number" : String.valueOf(20 + i % 50))
                    .append(',').append(i % 2 == 0 ? "Red" : "Blue").append('\n');
        }
        return csv.toString();
    }

    private static String request(String base, String fileName, String extra) {
        return "{\"baseId\":\"" + base + "\",\"table\":\"People\",\"fileName\":\"" + fileName
                + "\",\"contentType\":\"text/csv\"" + extra + "}";
    }

    @Test
    void importsACsvThroughThePresignedUploadAndTheSaga(LocalCloud cloud) throws Exception {
        ImportsApiClient imports = new ImportsApiClient(cloud);
        String user = imports.api().newUser("Importer");
        String base = base(cloud);
        String id = imports.importFile(user, request(base, "people.csv", ""), csv(250, 0).getBytes(StandardCharsets.UTF_8));

        JsonNode done = imports.await(user, "/imports/" + id, WAIT);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(done.at("/counts/rows").asLong()).isEqualTo(250);
        assertThat(done.at("/counts/applied").asLong()).isEqualTo(250);
        assertThat(done.get("steps").toString()).contains("Upload", "Validate", "Apply");
        List<AirtableRecord> records = table(cloud, base, "People").list(RecordQuery.all());
        assertThat(records).hasSize(250);
        assertThat(records.stream().map(r -> r.get("Name")).collect(Collectors.toSet())).contains("Person 1", "Person 250");

        AuthApiClient.Reply list = imports.api().get("/imports", user);
        assertThat(list.json().get("imports").get(0).get("importId").asText()).isEqualTo(id);
    }

    @Test
    void rejectsAFileWithInvalidRowsWithoutWritingAnything(LocalCloud cloud) throws Exception {
        ImportsApiClient imports = new ImportsApiClient(cloud);
        String user = imports.api().newUser("Rejected");
        String base = base(cloud);
        String id = imports.importFile(user, request(base, "bad.csv", ""), csv(30, 17).getBytes(StandardCharsets.UTF_8));

        JsonNode done = imports.await(user, "/imports/" + id, WAIT);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("REJECTED");
        assertThat(done.at("/error/code").asText()).isEqualTo("INVALID_ROWS");
        assertThat(done.at("/rowErrors/0/row").asLong()).isEqualTo(18); // data row 17 is line 18 of the file
        assertThat(done.at("/rowErrors/0/field").asText()).isEqualTo("Age");
        assertThat(table(cloud, base, "People").list(RecordQuery.all())).isEmpty();

        String skipped = imports.importFile(user, request(base, "bad.csv", ",\"onInvalidRows\":\"skip\""),
                csv(30, 17).getBytes(StandardCharsets.UTF_8));
        JsonNode partial = imports.await(user, "/imports/" + skipped, WAIT);
        assertThat(partial.get("status").asText()).as(partial.toString()).isEqualTo("SUCCEEDED");
        assertThat(partial.at("/counts/invalid").asLong()).isEqualTo(1);
        assertThat(table(cloud, base, "People").list(RecordQuery.all())).hasSize(29);
    }

    @Test
    void aRowAirtableRefusesMidFileRollsTheWholeImportBack(LocalCloud cloud) throws Exception {
        ImportsApiClient imports = new ImportsApiClient(cloud);
        String user = imports.api().newUser("Rollback");
        String base = base(cloud);
        Table people = table(cloud, base, "People");
        people.create(Map.of("Name", "Already here", "Age", 40));
        StringBuilder csv = new StringBuilder("Name,Company\n");
        for (int i = 1; i <= 150; i++) {
            csv.append("Row ").append(i).append(',').append(i == 120 ? "recAAAAAAAAAAAAAA" : "").append('\n');
        }
        String id = imports.importFile(user, request(base, "links.csv", ""), csv.toString().getBytes(StandardCharsets.UTF_8));

        JsonNode done = imports.await(user, "/imports/" + id, WAIT);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("ROLLED_BACK");
        assertThat(done.at("/counts/applied").asLong()).isPositive(); // chunks run two at a time: how far the first got varies
        assertThat(done.at("/counts/compensated").asLong()).isEqualTo(done.at("/counts/applied").asLong());
        assertThat(done.at("/error/message").asText()).contains("Airtable");
        assertThat(done.get("steps").toString()).contains("Compensate");
        assertThat(people.list(RecordQuery.all())).extracting(r -> r.get("Name")).containsExactly("Already here");
    }

    @Test
    void aChangeSetAppliesAllOrNothingAndRestoresPreviousValues(LocalCloud cloud) throws Exception {
        ImportsApiClient imports = new ImportsApiClient(cloud);
        String user = imports.api().newUser("ChangeSet");
        String base = base(cloud);
        Table people = table(cloud, base, "People");
        AirtableRecord ann = people.create(Map.of("Name", "Ann", "Age", 30, "Team", "Red"));
        AirtableRecord bob = people.create(Map.of("Name", "Bob", "Age", 31));

        String ok = "{\"baseId\":\"" + base + "\",\"table\":\"People\",\"operations\":["
                + "{\"op\":\"create\",\"fields\":{\"Name\":\"Cid\"}},"
                + "{\"op\":\"update\",\"id\":\"" + ann.id() + "\",\"fields\":{\"Age\":35}},"
                + "{\"op\":\"delete\",\"id\":\"" + bob.id() + "\"}]}";
        AuthApiClient.Reply accepted = imports.api().send("POST", "/changesets", user, ok);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        JsonNode done = imports.await(user, "/changesets/" + accepted.json().get("changeSetId").asText(), WAIT);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(people.list(RecordQuery.all())).extracting(r -> r.get("Name")).containsExactlyInAnyOrder("Ann", "Cid");
        assertThat(people.get(ann.id()).get("Age")).isEqualTo(35);

        // the last operation fails (the record does not exist): everything before it is undone
        String failing = "{\"baseId\":\"" + base + "\",\"table\":\"People\",\"operations\":["
                + "{\"op\":\"create\",\"fields\":{\"Name\":\"Dee\"}},"
                + "{\"op\":\"update\",\"id\":\"" + ann.id() + "\",\"fields\":{\"Age\":99,\"Team\":\"Blue\"}},"
                + "{\"op\":\"update\",\"id\":\"recZZZZZZZZZZZZZZ\",\"fields\":{\"Age\":1}}]}";
        AuthApiClient.Reply second = imports.api().send("POST", "/changesets", user, failing);
        assertThat(second.status()).as(second.body()).isEqualTo(202);
        JsonNode rolled = imports.await(user, "/changesets/" + second.json().get("changeSetId").asText(), WAIT);
        assertThat(rolled.get("status").asText()).as(rolled.toString()).isEqualTo("ROLLED_BACK");
        assertThat(people.list(RecordQuery.all())).extracting(r -> r.get("Name")).containsExactlyInAnyOrder("Ann", "Cid");
        AirtableRecord annAfter = people.get(ann.id());
        assertThat(annAfter.get("Age")).isEqualTo(35);
        assertThat(annAfter.get("Team")).isEqualTo("Red");
    }

    @Test
    void anotherUsersImportIsNotFound(LocalCloud cloud) throws Exception {
        ImportsApiClient imports = new ImportsApiClient(cloud);
        String alice = imports.api().newUser("Alice");
        String bob = imports.api().newUser("Bob");
        AuthApiClient.Reply created = imports.api().send("POST", "/imports", alice,
                request(base(cloud), "a.csv", ""));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("importId").asText();
        assertThat(imports.api().get("/imports/" + id, bob).status()).isEqualTo(404);
        assertThat(imports.api().send("POST", "/imports/" + id + "/cancel", bob, null).status()).isEqualTo(404);
        assertThat(imports.api().get("/imports", bob).json().get("imports")).isEmpty();
        AuthApiClient.Reply cancelled = imports.api().send("POST", "/imports/" + id + "/cancel", alice, null);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(202);
        assertThat(imports.api().get("/imports/" + id, alice).json().get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void badInputIsA4xxWithOurErrorShape(LocalCloud cloud) throws Exception {
        ImportsApiClient imports = new ImportsApiClient(cloud);
        String user = imports.api().newUser("BadInput");
        String base = base(cloud);
        Map<String, Integer> cases = new java.util.LinkedHashMap<>();
        cases.put("not json", 400);
        cases.put("[]", 400);
        cases.put("{}", 400);
        cases.put("{\"baseId\":\"nope\",\"table\":\"People\",\"fileName\":\"a.csv\"}", 400);
        cases.put(request(base, "../../etc/passwd", ""), 400);
        cases.put("{\"baseId\":\"" + base + "\",\"table\":\"People\",\"fileName\":\"a.exe\","
                + "\"contentType\":\"application/x-msdownload\"}", 415);
        cases.put(request(base, "a.csv", ",\"mode\":\"merge\""), 400);
        cases.put(request(base, "a.csv", ",\"mode\":\"upsert\""), 400);
        cases.put(request(base, "a.csv", ",\"mode\":\"upsert\",\"mergeOn\":[\"Nope\"]"), 400);
        cases.put(request(base, "a.csv", ",\"mapping\":{\"a\":5}"), 400);
        cases.put(request(base, "a.csv", ",\"typecast\":\"yes\""), 400);
        cases.put(request(base, "a\u0000.csv", ""), 400);
        cases.put("{\"baseId\":\"" + base + "\",\"table\":\"Nope\",\"fileName\":\"a.csv\"}", 404);
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            AuthApiClient.Reply reply = imports.api().send("POST", "/imports", user, c.getKey());
            assertThat(reply.status()).as(c.getKey() + " → " + reply.body()).isEqualTo(c.getValue());
            assertThat(reply.json().at("/error/code").asText()).as(reply.body()).isNotEmpty();
        }
        Map<String, Integer> changeSets = new java.util.LinkedHashMap<>();
        String prefix = "{\"baseId\":\"" + base + "\",\"table\":\"People\",\"operations\":";
        changeSets.put(prefix + "[]}", 400);
        changeSets.put(prefix + "[{\"op\":\"drop\"}]}", 400);
        changeSets.put(prefix + "[{\"op\":\"create\",\"fields\":{\"Nope\":1}}]}", 400);
        changeSets.put(prefix + "[{\"op\":\"update\",\"id\":\"x\",\"fields\":{\"Name\":\"a\"}}]}", 400);
        changeSets.put(prefix + "[{\"op\":\"delete\",\"id\":\"recAAAAAAAAAAAAAA\"},{\"op\":\"delete\",\"id\":\"recAAAAAAAAAAAAAA\"}]}", 400);
        changeSets.put(prefix + "[{\"op\":\"upsert\",\"fields\":{\"Name\":\"a\"}}]}", 400);
        changeSets.put(prefix + "\"" + "x".repeat(6 * 1024 * 1024) + "\"}", 413);
        for (Map.Entry<String, Integer> c : changeSets.entrySet()) {
            AuthApiClient.Reply reply = imports.api().send("POST", "/changesets", user, c.getKey());
            assertThat(reply.status()).as(c.getKey().substring(0, Math.min(200, c.getKey().length())) + " → "
                    + reply.body()).isEqualTo(c.getValue());
        }
        assertThat(imports.api().get("/imports/not-a-uuid", user).status()).isEqualTo(404);
        assertThat(imports.api().get("/changesets/00000000-0000-0000-0000-000000000000", user).status()).isEqualTo(404);
    }
}
