package io.pyairtable.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One sandbox per test class (rate limiting off), a client with the demo token and a scratch base
 * "Tests" with a table of every writable field type.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SandboxTestSupport {

    protected AirtableSandbox sandbox;
    protected ApiClient api;
    protected String demoBase;
    protected String testBase;

    @BeforeAll
    void startSandbox() {
        sandbox = AirtableSandbox.builder().requestsPerSecondPerBase(0).start();
        api = new ApiClient(sandbox.baseUrl(), sandbox.demoToken());
        demoBase = sandbox.demoBaseId();
        testBase = sandbox.createBase("Tests", List.of(
                TableSpec.of("Items",
                        FieldSpec.text("Name"),
                        FieldSpec.of("Notes", "multilineText"),
                        FieldSpec.number("Count", 0),
                        new FieldSpec("Price", "currency", Map.of("precision", 2, "symbol", "$")),
                        new FieldSpec("Ratio", "percent", Map.of("precision", 1)),
                        FieldSpec.of("Done", "checkbox"),
                        FieldSpec.of("Due", "date"),
                        FieldSpec.of("At", "dateTime"),
                        FieldSpec.singleSelect("Status", "Todo", "Doing", "Done"),
                        FieldSpec.multipleSelects("Tags", "red", "green", "blue"),
                        FieldSpec.of("Files", "multipleAttachments"),
                        FieldSpec.link("Owner", "People"),
                        FieldSpec.of("Seq", "autoNumber"),
                        FieldSpec.of("Created", "createdTime"),
                        FieldSpec.of("Stars", "rating"),
                        FieldSpec.of("Email", "email")),
                TableSpec.of("People",
                        FieldSpec.text("Name"),
                        FieldSpec.link("Items", "Items"))));
    }

    @AfterAll
    void stopSandbox() {
        sandbox.close();
    }

    /** Path of a table in a base, URL-encoded. */
    static String path(String baseId, String table) {
        return "/v0/" + baseId + "/" + ApiClient.enc(table);
    }

    /** Creates one record in the test base and returns the API's record object. */
    protected JsonNode createItem(String table, Map<String, Object> fields) {
        ApiClient.Response response = api.post(path(testBase, table), Map.of("fields", fields));
        if (response.status() != 200) {
            throw new AssertionError("create failed: " + response.status() + " " + response.json());
        }
        return response.json();
    }
}
