package io.pyairtable.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Airtable's content API {@code uploadAttachment} (served on the sandbox itself) and the download
 * of uploaded files at their attachment URL.
 */
final class AttachmentsEndpoint {

    /** Airtable's limit for files sent to uploadAttachment. */
    static final int MAX_FILE_BYTES = 5 * 1024 * 1024;

    private final Workspace workspace;
    private final AttachmentUrls urls;
    private final Clock clock;

    AttachmentsEndpoint(Workspace workspace, AttachmentUrls urls, Clock clock) {
        this.workspace = workspace;
        this.urls = urls;
        this.clock = clock;
    }

    /** {@code POST /v0/{baseId}/{recordId}/{attachmentFieldIdOrName}/uploadAttachment}. */
    ApiResponse upload(Call call) {
        ObjectNode body = Json.parseRequestObject(call.request().body());
        String filename = body.path("filename").asText("");
        String contentType = body.path("contentType").asText("");
        if (filename.isBlank() || contentType.isBlank() || !body.path("file").isTextual()) {
            throw AirtableErrors.invalidRequest(
                    "uploadAttachment needs \"contentType\", \"filename\" and \"file\" (base64-encoded content)");
        }
        byte[] content;
        try {
            content = Base64.getMimeDecoder().decode(body.get("file").asText());
        } catch (IllegalArgumentException e) {
            throw AirtableErrors.invalidRequest("\"file\" is not valid base64");
        }
        if (content.length > MAX_FILE_BYTES) {
            throw AirtableErrors.typed(413, "ATTACHMENT_TOO_LARGE", "The file is " + content.length
                    + " bytes; uploadAttachment accepts at most " + MAX_FILE_BYTES + " bytes (5 MB)");
        }
        return workspace.write(() -> {
            String recordId = call.param(0);
            Table table = call.base().tableHoldingRecord(recordId).orElseThrow(AirtableErrors::notFound);
            StoredRecord record = table.record(recordId).orElseThrow();
            Field field = table.field(call.param(1))
                    .orElseThrow(() -> AirtableErrors.unknownFieldName(call.param(1)));
            if (field.type() != FieldType.MULTIPLE_ATTACHMENTS) {
                throw AirtableErrors.invalidValue(field.name(), "it is not an attachment field");
            }
            String attachmentId = Ids.random("att");
            workspace.attachments().put(attachmentId, new AttachmentStore.StoredFile(contentType, filename, content));
            Map<String, Object> attachment = new LinkedHashMap<>();
            attachment.put("id", attachmentId);
            attachment.put("url", urls.urlFor(attachmentId, filename));
            attachment.put("filename", filename);
            attachment.put("size", (long) content.length);
            attachment.put("type", contentType);
            List<Object> cell = new ArrayList<>();
            if (record.get(field.id()) instanceof List<?> existing) {
                cell.addAll(existing);
            }
            cell.add(attachment);
            record.put(field.id(), cell);
            record.touch(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
            ObjectNode response = Json.object();
            response.put("id", record.id());
            response.put("createdTime", CellValues.timestamp(record.createdTime()));
            response.putObject("fields").set(field.id(), Json.toNode(cell));
            return ApiResponse.ok(response);
        });
    }

    /** {@code GET /attachments/{attachmentId}/{filename}}: the uploaded bytes. */
    ApiResponse download(String attachmentId) {
        AttachmentStore.StoredFile file = workspace.attachments().get(attachmentId).orElseThrow(AirtableErrors::notFound);
        return new ApiResponse(200, file.contentType(), file.content());
    }
}
