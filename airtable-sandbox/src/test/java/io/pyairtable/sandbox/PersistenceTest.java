package io.pyairtable.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {

    @TempDir
    Path directory;

    @Test
    void dataSurvivesARestart() {
        Path file = directory.resolve("sandbox.json");
        String recordId;
        String attachmentUrl;
        String baseId;
        try (AirtableSandbox first = AirtableSandbox.builder().requestsPerSecondPerBase(0).dataFile(file).start()) {
            ApiClient api = new ApiClient(first.baseUrl(), first.demoToken());
            baseId = first.createBase("Persisted", List.of(TableSpec.of("Notes",
                    FieldSpec.text("Title"), FieldSpec.number("Score", 2), FieldSpec.of("File", "multipleAttachments"),
                    FieldSpec.singleSelect("Kind", "a"), FieldSpec.of("Seq", "autoNumber"))));
            JsonNode created = api.post("/v0/" + baseId + "/Notes", Map.of("typecast", true,
                    "fields", Map.of("Title", "Remember me", "Score", 1.25, "Kind", "new kind"))).json();
            recordId = created.path("id").asText();
            api.post("/v0/" + baseId + "/" + recordId + "/File/uploadAttachment", Map.of("contentType", "text/plain",
                    "filename", "a.txt", "file", Base64.getEncoder().encodeToString("persisted".getBytes(StandardCharsets.UTF_8))));
            api.delete("/v0/" + first.demoBaseId() + "/Deals/" + api.get("/v0/" + first.demoBaseId() + "/Deals?maxRecords=1")
                    .json().path("records").get(0).path("id").asText());
            assertThat(file).exists();
            assertThat(Files.exists(directory.resolve("sandbox.json.tmp"))).isFalse();
        }

        try (AirtableSandbox second = AirtableSandbox.builder().requestsPerSecondPerBase(0).dataFile(file).start()) {
            ApiClient api = new ApiClient(second.baseUrl(), second.demoToken());
            JsonNode record = api.get("/v0/" + baseId + "/Notes/" + recordId).json();
            assertThat(record.path("fields").path("Title").asText()).isEqualTo("Remember me");
            assertThat(record.path("fields").path("Score").asDouble()).isEqualTo(1.25);
            assertThat(record.path("fields").path("Kind").asText()).isEqualTo("new kind");
            attachmentUrl = record.path("fields").path("File").get(0).path("url").asText();
            assertThat(attachmentUrl).startsWith(second.baseUrl().toString());
            assertThat(new String(new ApiClient(second.baseUrl(), null)
                    .get(java.net.URI.create(attachmentUrl).getRawPath()).bytes(), StandardCharsets.UTF_8))
                    .isEqualTo("persisted");
            assertThat(api.get("/v0/" + second.demoBaseId() + "/Deals").json().path("records")).hasSize(24);

            JsonNode next = api.post("/v0/" + baseId + "/Notes", Map.of("fields", Map.of("Title", "Second"))).json();
            assertThat(next.path("fields").path("Seq").asLong()).as("auto numbers continue").isEqualTo(2);
        }
    }
}
