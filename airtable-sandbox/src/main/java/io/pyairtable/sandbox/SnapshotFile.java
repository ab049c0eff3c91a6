package io.pyairtable.sandbox;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optional data file: a JSON snapshot of every base (schema, views, records) and of the bytes of
 * uploaded attachments (base64). It is rewritten after every write — to a temporary file that is
 * then renamed over the old one, so a crash never leaves a half-written file.
 */
final class SnapshotFile {

    private static final int FORMAT_VERSION = 1;
    private static final TypeReference<Map<String, Object>> CELLS = new TypeReference<>() { };

    private final Path path;

    SnapshotFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    Path path() {
        return path;
    }

    boolean exists() {
        return Files.isRegularFile(path);
    }

    /** Writes the snapshot; call with the workspace locked. */
    void save(Workspace workspace) {
        ObjectNode root = Json.object();
        root.put("version", FORMAT_VERSION);
        ArrayNode bases = root.putArray("bases");
        workspace.bases().forEach(base -> bases.add(base(base)));
        ObjectNode attachments = root.putObject("attachments");
        workspace.attachments().snapshot().forEach((id, file) -> attachments.putObject(id)
                .put("contentType", file.contentType())
                .put("filename", file.filename())
                .put("content", Base64.getEncoder().encodeToString(file.content())));
        try {
            Path directory = path.getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, path.getFileName().toString(), ".tmp");
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(temporary.toFile(), root);
            try {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the sandbox data file " + path, e);
        }
    }

    /** Replaces the workspace's content with the snapshot's. */
    void load(Workspace workspace, AttachmentUrls urls) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sandbox data file " + path, e);
        }
        if (root == null || root.path("version").asInt() != FORMAT_VERSION) {
            throw new IllegalStateException("Unsupported sandbox data file (expected version " + FORMAT_VERSION
                    + "): " + path);
        }
        workspace.clear();
        root.path("attachments").properties().forEach(entry -> workspace.attachments().put(entry.getKey(),
                new AttachmentStore.StoredFile(entry.getValue().path("contentType").asText(),
                        entry.getValue().path("filename").asText(),
                        Base64.getDecoder().decode(entry.getValue().path("content").asText()))));
        for (JsonNode base : root.path("bases")) {
            workspace.addBase(loadBase(base, workspace.attachments(), urls));
        }
    }

    private static ObjectNode base(Base base) {
        ObjectNode json = Json.object();
        json.put("id", base.id());
        json.put("name", base.name());
        ArrayNode tables = json.putArray("tables");
        for (Table table : base.tables()) {
            ObjectNode tableJson = SchemaJson.table(table);
            tableJson.put("lastAutoNumber", table.lastAutoNumber());
            ArrayNode views = tableJson.putArray("views");
            for (View view : table.views()) {
                ObjectNode viewJson = views.addObject().put("id", view.id()).put("name", view.name());
                viewJson.put("filterFormula", view.filterFormula());
                view.sort().forEach(sort -> viewJson.withArray("sort").addObject()
                        .put("field", sort.field()).put("direction", sort.direction()));
            }
            ArrayNode records = tableJson.putArray("records");
            for (StoredRecord record : table.records()) {
                ObjectNode recordJson = records.addObject();
                recordJson.put("id", record.id());
                recordJson.put("createdTime", record.createdTime().toString());
                recordJson.put("lastModifiedTime", record.lastModifiedTime().toString());
                recordJson.set("cells", Json.toNode(record.values()));
            }
            tables.add(tableJson);
        }
        return json;
    }

    private static Base loadBase(JsonNode json, AttachmentStore attachments, AttachmentUrls urls) {
        Base base = new Base(json.path("id").asText(), json.path("name").asText());
        for (JsonNode tableJson : json.path("tables")) {
            Table table = new Table(tableJson.path("id").asText(), tableJson.path("name").asText(),
                    tableJson.hasNonNull("description") ? tableJson.get("description").asText() : null);
            table.restoreAutoNumber(tableJson.path("lastAutoNumber").asLong());
            for (JsonNode field : tableJson.path("fields")) {
                FieldType type = FieldType.fromApiName(field.path("type").asText()).orElseThrow(() ->
                        new IllegalStateException("Unknown field type in data file: " + field));
                table.addField(new Field(field.path("id").asText(), field.path("name").asText(), type,
                        field.hasNonNull("description") ? field.get("description").asText() : null,
                        field.has("options") ? (ObjectNode) field.get("options") : null));
            }
            for (JsonNode view : tableJson.path("views")) {
                List<SortSpec> sort = new ArrayList<>();
                view.path("sort").forEach(spec -> sort.add(SortSpec.parse(spec.path("field").asText(),
                        spec.path("direction").asText())));
                table.addView(new View(view.path("id").asText(), view.path("name").asText(),
                        view.hasNonNull("filterFormula") ? view.get("filterFormula").asText() : null, sort));
            }
            for (JsonNode recordJson : tableJson.path("records")) {
                StoredRecord record = new StoredRecord(recordJson.path("id").asText(),
                        Instant.parse(recordJson.path("createdTime").asText()));
                Map<String, Object> cells = Json.MAPPER.convertValue(recordJson.path("cells"), CELLS);
                cells.forEach((fieldId, value) -> record.put(fieldId, normalize(value, attachments, urls)));
                record.touch(Instant.parse(recordJson.path("lastModifiedTime").asText()));
                table.addRecord(record);
            }
            base.addTable(table);
        }
        return base;
    }

    /** Restores stored value types and points uploaded attachments at this server's URL. */
    private static Object normalize(Object value, AttachmentStore attachments, AttachmentUrls urls) {
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(element -> result.add(normalize(element, attachments, urls)));
            return result;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((key, element) -> result.put(String.valueOf(key), normalize(element, attachments, urls)));
            Object id = result.get("id");
            if (id instanceof String attachmentId && attachments.get(attachmentId).isPresent()) {
                result.put("url", urls.urlFor(attachmentId, String.valueOf(result.get("filename"))));
            }
            return result;
        }
        return CellValues.normalizeLoaded(value);
    }
}
