package io.pyairtable.airtable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Records of one table: read, list, create, update, replace, upsert, delete, attachments.
 *
 * <p>Writes take any number of records and send them in chunks of {@value #MAX_RECORDS_PER_WRITE}, in order, one
 * request after the other. If a chunk fails after earlier chunks were applied, a {@link BatchWriteException} says
 * which chunks are in Airtable; if the first chunk fails, nothing was written and its own
 * {@link AirtableException} is thrown. For all-or-nothing semantics use the change-set API of the service.
 */
public final class Table {
    /** Airtable's maximum number of records in one write request. */
    public static final int MAX_RECORDS_PER_WRITE = 10;
    /** Above this URL length, lists are sent as {@code POST …/listRecords} (Airtable's limit is 16,000 characters). */
    public static final int MAX_URL_LENGTH = 16_000;
    /** Airtable's limit for {@code uploadAttachment}. */
    public static final int MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
    /** Records merged on at most this many fields in an upsert. */
    public static final int MAX_MERGE_FIELDS = 3;

    private final AirtableApi api;
    private final Base base;
    private final String idOrName;

    Table(AirtableApi api, Base base, String idOrName) {
        this.api = api;
        this.base = base;
        this.idOrName = idOrName;
    }

    public String idOrName() {
        return idOrName;
    }

    public Base base() {
        return base;
    }

    // ---------------------------------------------------------------- reads

    /** One record; throws {@link AirtableException.NotFound} when it does not exist. */
    public AirtableRecord get(String recordId) {
        Ids.requireRecordId(recordId);
        return AirtableRecord.fromJson(api.send(request("GET", recordPath(recordId), null, null, true)));
    }

    /**
     * All matching records as a lazy stream: pages are fetched as the stream is consumed.
     *
     * <p>If Airtable expires the list iterator mid-way ({@code LIST_RECORDS_ITERATOR_NOT_AVAILABLE}, e.g. after a
     * long pause between pages), the listing restarts from the first page and records already emitted are skipped,
     * so each record is emitted at most once. Records created or changed during the listing may or may not appear
     * with their new values. After {@value RecordIterator#MAX_RESTARTS} restarts the error is thrown.
     */
    public Stream<AirtableRecord> stream(RecordQuery query) {
        RecordIterator iterator = new RecordIterator(this, query);
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** All matching records in a list (every page fetched now). */
    public List<AirtableRecord> list(RecordQuery query) {
        return stream(query).toList();
    }

    /**
     * One page: the records after {@code offset} (null for the first page) and the offset of the next page.
     * Sent as {@code GET} or, when the URL would reach {@value #MAX_URL_LENGTH} characters, as
     * {@code POST …/listRecords} with the same options in the body.
     */
    public RecordPage page(RecordQuery query, String offset) {
        URI getUri = api.uri(tablePath(), query.toQueryString(offset));
        JsonNode body = getUri.toString().length() < MAX_URL_LENGTH
                ? api.send(new ApiRequest("GET", getUri, null, base.id(), true))
                : api.send(request("POST", tablePath() + "/listRecords", null, query.toListRecordsBody(offset), true));
        List<AirtableRecord> records = new ArrayList<>();
        for (JsonNode record : body.path("records")) {
            records.add(AirtableRecord.fromJson(record));
        }
        return new RecordPage(records, body.hasNonNull("offset") ? body.get("offset").asText() : null);
    }

    // ---------------------------------------------------------------- writes

    public AirtableRecord create(Map<String, Object> fields) {
        return create(List.of(fields), WriteOptions.DEFAULT).get(0);
    }

    public List<AirtableRecord> create(List<Map<String, Object>> records) {
        return create(records, WriteOptions.DEFAULT);
    }

    /** Creates the records, in chunks of 10, in input order. */
    public List<AirtableRecord> create(List<Map<String, Object>> records, WriteOptions options) {
        records.forEach(fields -> Objects.requireNonNull(fields, "fields of a record to create"));
        return writeInChunks(records, chunk -> {
            ObjectNode body = writeBody(options);
            ArrayNode array = body.putArray("records");
            chunk.forEach(fields -> array.addObject().set("fields", Json.MAPPER.valueToTree(fields)));
            return request("POST", tablePath(), null, body, false);
        }).records();
    }

    /** Sets the given fields of one record; other fields are kept (PATCH). */
    public AirtableRecord update(String recordId, Map<String, Object> fields) {
        return update(List.of(new RecordUpdate(recordId, fields)), WriteOptions.DEFAULT).get(0);
    }

    /** Sets the given fields of each record; other fields are kept (PATCH). */
    public List<AirtableRecord> update(List<RecordUpdate> updates, WriteOptions options) {
        return writeUpdates("PATCH", updates, options);
    }

    /** Replaces all fields of one record: fields not given are cleared (PUT). */
    public AirtableRecord replace(String recordId, Map<String, Object> fields) {
        return replace(List.of(new RecordUpdate(recordId, fields)), WriteOptions.DEFAULT).get(0);
    }

    /** Replaces all fields of each record: fields not given are cleared (PUT). */
    public List<AirtableRecord> replace(List<RecordUpdate> updates, WriteOptions options) {
        return writeUpdates("PUT", updates, options);
    }

    /**
     * Creates or updates records matched on {@code fieldsToMergeOn} (1–3 fields): a record whose merge fields
     * equal an existing record's updates it (PATCH semantics), otherwise a record is created.
     *
     * <p>Validated before any request: the merge fields are 1–3 distinct names, every record has a non-empty value
     * for each of them, and no two records share the same merge key (they would race across chunks).
     */
    public UpsertResult upsert(List<String> fieldsToMergeOn, List<Map<String, Object>> records, WriteOptions options) {
        validateUpsert(fieldsToMergeOn, records);
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        BatchResult result = writeInChunks(records, chunk -> {
            ObjectNode body = writeBody(options);
            body.putObject("performUpsert").set("fieldsToMergeOn", Json.MAPPER.valueToTree(fieldsToMergeOn));
            ArrayNode array = body.putArray("records");
            chunk.forEach(fields -> array.addObject().set("fields", Json.MAPPER.valueToTree(fields)));
            return request("PATCH", tablePath(), null, body, true);
        }, response -> {
            response.path("createdRecords").forEach(id -> created.add(id.asText()));
            response.path("updatedRecords").forEach(id -> updated.add(id.asText()));
        });
        return new UpsertResult(result.records(), created, updated);
    }

    /** Deletes one record; throws {@link AirtableException.NotFound} when it does not exist. */
    public void delete(String recordId) {
        Ids.requireRecordId(recordId);
        api.send(request("DELETE", recordPath(recordId), null, null, true));
    }

    /** Deletes the records, in chunks of 10; returns the deleted ids. */
    public List<String> delete(List<String> recordIds) {
        recordIds.forEach(Ids::requireRecordId);
        List<String> deleted = new ArrayList<>();
        writeInChunks(recordIds, chunk -> {
            QueryString query = new QueryString();
            chunk.forEach(id -> query.add("records[]", id));
            return new ApiRequest("DELETE", api.uri(tablePath(), query), null, base.id(), true);
        }, response -> response.path("records").forEach(r -> deleted.add(r.path("id").asText())));
        return deleted;
    }

    // ---------------------------------------------------------------- schema

    /** This table's schema, from the base's schema cache; {@link AirtableException.NotFound} if it is not there. */
    public Schema.TableSchema schema() {
        return base.schema().table(idOrName).or(() -> base.refreshSchema().table(idOrName))
                .orElseThrow(() -> new AirtableException.NotFound("TABLE_NOT_FOUND",
                        "no table " + idOrName + " in base " + base.id(), null));
    }

    /** Adds a field to this table. */
    public Schema.FieldSchema createField(Schema.FieldSpec spec) {
        String path = base.metaPath() + "/tables/" + QueryString.encode(idOrName) + "/fields";
        JsonNode created = api.send(request("POST", path, null, Base.fieldJson(spec), false));
        base.invalidateSchema();
        return Json.MAPPER.convertValue(created, Schema.FieldSchema.class);
    }

    // ---------------------------------------------------------------- attachments

    /**
     * Uploads a file (at most 5 MB) into an attachment field of a record, through Airtable's content endpoint;
     * the new attachment is appended to the field. Returns the record's attachment field as Airtable reports it.
     */
    public AirtableRecord uploadAttachment(String recordId, String attachmentField, String filename,
            String contentType, byte[] content) {
        Ids.requireRecordId(recordId);
        Objects.requireNonNull(content, "content");
        if (content.length > MAX_UPLOAD_BYTES) {
            throw new IllegalArgumentException("attachment is " + content.length
                    + " bytes; Airtable accepts uploads of at most " + MAX_UPLOAD_BYTES + " bytes (5 MB)");
        }
        ObjectNode body = Json.MAPPER.createObjectNode()
                .put("contentType", Objects.requireNonNull(contentType, "contentType"))
                .put("file", Base64.getEncoder().encodeToString(content))
                .put("filename", Objects.requireNonNull(filename, "filename"));
        URI uri = api.contentUri("/v0/" + base.id() + "/" + recordId + "/" + QueryString.encode(attachmentField)
                + "/uploadAttachment");
        return AirtableRecord.fromJson(api.send(new ApiRequest("POST", uri, body, base.id(), false)));
    }

    /**
     * Attaches a file Airtable downloads from a public URL, keeping the attachments already in the field.
     */
    public AirtableRecord attachByUrl(String recordId, String attachmentField, String url, String filename) {
        Objects.requireNonNull(url, "url");
        List<Object> attachments = new ArrayList<>();
        Object current = get(recordId).get(attachmentField);
        if (current instanceof List<?> existing) {
            for (Object attachment : existing) {
                if (attachment instanceof Map<?, ?> map && map.get("id") != null) {
                    attachments.add(Map.of("id", map.get("id")));
                }
            }
        }
        Map<String, Object> added = new LinkedHashMap<>();
        added.put("url", url);
        if (filename != null) {
            added.put("filename", filename);
        }
        attachments.add(added);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(attachmentField, attachments);
        return update(recordId, fields);
    }

    // ---------------------------------------------------------------- plumbing

    private List<AirtableRecord> writeUpdates(String method, List<RecordUpdate> updates, WriteOptions options) {
        updates.forEach(u -> Objects.requireNonNull(u, "record update"));
        return writeInChunks(updates, chunk -> {
            ObjectNode body = writeBody(options);
            ArrayNode array = body.putArray("records");
            for (RecordUpdate update : chunk) {
                array.addObject().put("id", update.id()).set("fields", Json.MAPPER.valueToTree(update.fields()));
            }
            return request(method, tablePath(), null, body, true);
        }).records();
    }

    private <T> BatchResult writeInChunks(List<T> items, Function<List<T>, ApiRequest> requestFor) {
        return writeInChunks(items, requestFor, response -> {});
    }

    /**
     * Sends {@code items} in chunks of 10, in order, stopping at the first failure (see the class comment).
     */
    private <T> BatchResult writeInChunks(List<T> items, Function<List<T>, ApiRequest> requestFor,
            java.util.function.Consumer<JsonNode> onResponse) {
        List<BatchResult.Chunk> chunks = new ArrayList<>();
        AirtableException failure = null;
        for (int from = 0, index = 0; from < items.size(); from += MAX_RECORDS_PER_WRITE, index++) {
            int to = Math.min(items.size(), from + MAX_RECORDS_PER_WRITE);
            if (failure != null) {
                chunks.add(new BatchResult.Chunk(index, from, to, BatchResult.Status.NOT_ATTEMPTED, List.of(), null));
                continue;
            }
            try {
                JsonNode response = api.send(requestFor.apply(items.subList(from, to)));
                onResponse.accept(response);
                List<AirtableRecord> records = new ArrayList<>();
                for (JsonNode record : response.path("records")) {
                    if (record.has("fields")) {
                        records.add(AirtableRecord.fromJson(record));
                    }
                }
                chunks.add(new BatchResult.Chunk(index, from, to, BatchResult.Status.SUCCEEDED, records, null));
            } catch (AirtableException e) {
                if (index == 0) {
                    throw e; // nothing was applied: the plain error says it all
                }
                failure = e;
                chunks.add(new BatchResult.Chunk(index, from, to, BatchResult.Status.FAILED, List.of(), e));
            }
        }
        BatchResult result = BatchResult.of(chunks);
        if (failure != null) {
            throw new BatchWriteException(result);
        }
        return result;
    }

    private static void validateUpsert(List<String> fieldsToMergeOn, List<Map<String, Object>> records) {
        Objects.requireNonNull(fieldsToMergeOn, "fieldsToMergeOn");
        if (fieldsToMergeOn.isEmpty() || fieldsToMergeOn.size() > MAX_MERGE_FIELDS) {
            throw new IllegalArgumentException("an upsert merges on 1 to " + MAX_MERGE_FIELDS + " fields, got "
                    + fieldsToMergeOn.size());
        }
        if (new HashSet<>(fieldsToMergeOn).size() != fieldsToMergeOn.size()
                || fieldsToMergeOn.stream().anyMatch(f -> f == null || f.isEmpty())) {
            throw new IllegalArgumentException("merge fields must be distinct, non-empty names: " + fieldsToMergeOn);
        }
        Set<List<Object>> keys = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            Map<String, Object> fields = Objects.requireNonNull(records.get(i), "fields of record " + i);
            List<Object> key = new ArrayList<>();
            for (String mergeField : fieldsToMergeOn) {
                Object value = fields.get(mergeField);
                if (value == null || "".equals(value)) {
                    throw new IllegalArgumentException("record " + i + " has no value for merge field \""
                            + mergeField + "\"");
                }
                key.add(value);
            }
            if (!keys.add(key)) {
                throw new IllegalArgumentException("record " + i + " repeats the merge key " + key
                        + " of an earlier record in the same upsert");
            }
        }
    }

    private ObjectNode writeBody(WriteOptions options) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (options.typecast()) {
            body.put("typecast", true);
        }
        if (options.returnFieldsByFieldId()) {
            body.put("returnFieldsByFieldId", true);
        }
        return body;
    }

    private ApiRequest request(String method, String path, QueryString query, JsonNode body, boolean repeatable) {
        return new ApiRequest(method, api.uri(path, query), body, base.id(), repeatable);
    }

    String tablePath() {
        return "/v0/" + base.id() + "/" + QueryString.encode(idOrName);
    }

    private String recordPath(String recordId) {
        return tablePath() + "/" + recordId;
    }

    @Override
    public String toString() {
        return "Table[" + base.id() + "/" + idOrName + "]";
    }
}
