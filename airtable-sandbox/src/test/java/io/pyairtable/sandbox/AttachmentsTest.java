package io.pyairtable.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttachmentsTest extends SandboxTestSupport {

    private ApiClient.Response upload(String recordId, String field, byte[] content) {
        return api.post("/v0/" + testBase + "/" + recordId + "/" + field + "/uploadAttachment", Map.of(
                "contentType", "text/plain", "filename", "hello world.txt",
                "file", Base64.getEncoder().encodeToString(content)));
    }

    @Test
    void uploadsAndServesTheFileBack() {
        String id = createItem("Items", Map.of("Name", "With file")).path("id").asText();
        byte[] content = "Hello, Airtable!".getBytes(StandardCharsets.UTF_8);

        ApiClient.Response uploaded = upload(id, "Files", content);
        assertThat(uploaded.status()).isEqualTo(200);
        assertThat(uploaded.json().path("id").asText()).isEqualTo(id);
        JsonNode cell = uploaded.json().path("fields").elements().next();
        assertThat(uploaded.json().path("fields").fieldNames().next()).matches("fld[A-Za-z0-9]{14}");
        JsonNode attachment = cell.get(0);
        assertThat(attachment.path("id").asText()).matches("att[A-Za-z0-9]{14}");
        assertThat(attachment.path("filename").asText()).isEqualTo("hello world.txt");
        assertThat(attachment.path("size").asInt()).isEqualTo(content.length);
        assertThat(attachment.path("type").asText()).isEqualTo("text/plain");

        URI url = URI.create(attachment.path("url").asText());
        ApiClient.Response download = new ApiClient(sandbox.baseUrl(), null).get(url.getRawPath());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.bytes()).isEqualTo(content);
        assertThat(download.contentType()).isEqualTo("text/plain");

        upload(id, "Files", new byte[] {1, 2, 3});
        JsonNode files = api.get(path(testBase, "Items") + "/" + id).json().path("fields").path("Files");
        assertThat(files).hasSize(2);
    }

    @Test
    void rejectsFilesOverFiveMegabytes() {
        String id = createItem("Items", Map.of("Name", "Too big")).path("id").asText();
        ApiClient.Response response = upload(id, "Files", new byte[5 * 1024 * 1024 + 1]);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.errorMessage()).contains("5 MB");
    }

    @Test
    void uploadErrors() {
        assertThat(upload("recDoesNotExist01", "Files", new byte[1]).status()).isEqualTo(404);
        String id = createItem("Items", Map.of("Name", "Wrong field")).path("id").asText();
        assertThat(upload(id, "Name", new byte[1]).status()).isEqualTo(422);
        assertThat(upload(id, "Nope", new byte[1]).errorType()).isEqualTo("UNKNOWN_FIELD_NAME");
    }

    @Test
    void attachmentsByUrlAreKeptAndExistingOnesReferencedById() {
        JsonNode created = createItem("Items", Map.of("Name", "Url file",
                "Files", List.of(Map.of("url", "https://example.com/files/report.pdf"))));
        JsonNode attachment = created.path("fields").path("Files").get(0);
        assertThat(attachment.path("filename").asText()).isEqualTo("report.pdf");
        assertThat(attachment.path("type").asText()).isEqualTo("application/pdf");

        String attachmentId = attachment.path("id").asText();
        ApiClient.Response kept = api.patch(path(testBase, "Items") + "/" + created.path("id").asText(),
                Map.of("fields", Map.of("Files", List.of(Map.of("id", attachmentId),
                        Map.of("url", "https://example.com/b.png", "filename", "b.png")))));
        assertThat(kept.json().path("fields").path("Files").findValuesAsText("id").get(0)).isEqualTo(attachmentId);
        assertThat(kept.json().path("fields").path("Files")).hasSize(2);
    }
}
