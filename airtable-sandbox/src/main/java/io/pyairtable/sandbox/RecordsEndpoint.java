package io.pyairtable.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The records API: list (GET and POST listRecords), get, create, update (PATCH merges, PUT
 * replaces), upsert and delete. Batches hold at most 10 records. A batch naming an unknown record
 * id fails with 422 {@code ROW_DOES_NOT_EXIST}; a URL naming one fails with 404
 * {@code {"error":"NOT_FOUND"}}.
 */
final class RecordsEndpoint {

    static final int MAX_RECORDS_PER_REQUEST = 10;

    private final Workspace workspace;
    private final RecordLister lister;
    private final RecordWriter writer;

    RecordsEndpoint(Workspace workspace, RecordLister lister, RecordWriter writer) {
        this.workspace = workspace;
        this.lister = lister;
        this.writer = writer;
    }

    ApiResponse listByQuery(Call call) {
        ListOptions options = ListOptions.fromQuery(call.request().query());
        return workspace.read(() -> ApiResponse.ok(lister.list(call.base(), table(call), options)));
    }

    ApiResponse listByBody(Call call) {
        ListOptions options = ListOptions.fromBody(Json.parseRequestObject(call.request().body()));
        return workspace.read(() -> ApiResponse.ok(lister.list(call.base(), table(call), options)));
    }

    ApiResponse get(Call call) {
        QueryParameters query = call.request().query();
        boolean byFieldId = "true".equalsIgnoreCase(query.first("returnFieldsByFieldId"));
        RecordRenderer.Options options = "string".equals(query.first("cellFormat"))
                ? new RecordRenderer.Options(byFieldId, null,
                        CellFormatter.of(query.first("timeZone"), query.first("userLocale")), false)
                : RecordRenderer.Options.keyedBy(byFieldId);
        return workspace.read(() -> {
            Table table = table(call);
            StoredRecord record = table.record(call.param(1)).orElseThrow(AirtableErrors::notFound);
            return ApiResponse.ok(RecordRenderer.render(call.base(), table, record, options));
        });
    }

    ApiResponse create(Call call) {
        ObjectNode body = Json.parseRequestObject(call.request().body());
        boolean typecast = body.path("typecast").asBoolean(false);
        RecordRenderer.Options rendering = renderingOf(body);
        if (body.has("records")) {
            List<JsonNode> fieldsOfEachRecord = new ArrayList<>();
            for (JsonNode record : recordsArray(body, "create")) {
                fieldsOfEachRecord.add(record.get("fields") == null ? Json.object() : record.get("fields"));
            }
            return workspace.write(() -> {
                Table table = table(call);
                List<StoredRecord> created = writer.create(call.base(), table, fieldsOfEachRecord, typecast);
                return ApiResponse.ok(recordsResponse(call.base(), table, created, rendering));
            });
        }
        if (!body.path("fields").isObject()) {
            throw AirtableErrors.invalidRequest();
        }
        return workspace.write(() -> {
            Table table = table(call);
            StoredRecord created = writer.create(call.base(), table, List.of(body.get("fields")), typecast).get(0);
            return ApiResponse.ok(RecordRenderer.render(call.base(), table, created, rendering));
        });
    }

    ApiResponse updateBatch(Call call) {
        return writeBatch(call, false);
    }

    ApiResponse replaceBatch(Call call) {
        return writeBatch(call, true);
    }

    ApiResponse updateOne(Call call) {
        return writeOne(call, false);
    }

    ApiResponse replaceOne(Call call) {
        return writeOne(call, true);
    }

    ApiResponse deleteBatch(Call call) {
        QueryParameters query = call.request().query();
        List<String> ids = new ArrayList<>(query.all("records[]"));
        ids.addAll(query.all("records"));
        if (ids.isEmpty()) {
            throw AirtableErrors.invalidRecords("Pass the ids of the records to delete as records[] query parameters");
        }
        if (ids.size() > MAX_RECORDS_PER_REQUEST) {
            throw AirtableErrors.invalidRecords("You can delete up to " + MAX_RECORDS_PER_REQUEST + " records per request");
        }
        return workspace.write(() -> {
            List<String> deleted = writer.delete(call.base(), table(call), ids, false);
            ObjectNode response = Json.object();
            ArrayNode records = response.putArray("records");
            deleted.forEach(id -> records.addObject().put("id", id).put("deleted", true));
            return ApiResponse.ok(response);
        });
    }

    ApiResponse deleteOne(Call call) {
        return workspace.write(() -> {
            writer.delete(call.base(), table(call), List.of(call.param(1)), true);
            ObjectNode response = Json.object();
            response.put("id", call.param(1));
            response.put("deleted", true);
            return ApiResponse.ok(response);
        });
    }

    private ApiResponse writeBatch(Call call, boolean replace) {
        ObjectNode body = Json.parseRequestObject(call.request().body());
        boolean typecast = body.path("typecast").asBoolean(false);
        RecordRenderer.Options rendering = renderingOf(body);
        List<String> mergeOn = fieldsToMergeOn(body);
        List<RecordWriter.RecordUpdate> updates = new ArrayList<>();
        for (JsonNode record : recordsArray(body, "update")) {
            JsonNode id = record.get("id");
            if (mergeOn == null && (id == null || !id.isTextual())) {
                throw AirtableErrors.invalidRequest("Each record to update needs an \"id\"");
            }
            updates.add(new RecordWriter.RecordUpdate(id == null || id.isNull() ? null : id.asText(), record.get("fields")));
        }
        return workspace.write(() -> {
            Table table = table(call);
            if (mergeOn == null) {
                List<StoredRecord> updated = writer.update(call.base(), table, updates, replace, typecast, false);
                return ApiResponse.ok(recordsResponse(call.base(), table, updated, rendering));
            }
            RecordWriter.UpsertResult result = writer.upsert(call.base(), table, updates, mergeOn, replace, typecast);
            ObjectNode response = recordsResponse(call.base(), table, result.records(), rendering);
            result.createdIds().forEach(response.putArray("createdRecords")::add);
            result.updatedIds().forEach(response.putArray("updatedRecords")::add);
            return ApiResponse.ok(response);
        });
    }

    private ApiResponse writeOne(Call call, boolean replace) {
        ObjectNode body = Json.parseRequestObject(call.request().body());
        boolean typecast = body.path("typecast").asBoolean(false);
        RecordRenderer.Options rendering = renderingOf(body);
        RecordWriter.RecordUpdate update = new RecordWriter.RecordUpdate(call.param(1), body.get("fields"));
        return workspace.write(() -> {
            Table table = table(call);
            StoredRecord updated = writer.update(call.base(), table, List.of(update), replace, typecast, true).get(0);
            return ApiResponse.ok(RecordRenderer.render(call.base(), table, updated, rendering));
        });
    }

    private static Table table(Call call) {
        return call.base().requireTable(call.param(0));
    }

    private static RecordRenderer.Options renderingOf(ObjectNode body) {
        return RecordRenderer.Options.keyedBy(body.path("returnFieldsByFieldId").asBoolean(false));
    }

    private static List<JsonNode> recordsArray(ObjectNode body, String verb) {
        JsonNode records = body.get("records");
        if (records == null || !records.isArray()) {
            throw AirtableErrors.invalidRequest();
        }
        if (records.isEmpty()) {
            throw AirtableErrors.invalidRecords("The \"records\" array must not be empty");
        }
        if (records.size() > MAX_RECORDS_PER_REQUEST) {
            throw AirtableErrors.invalidRecords("You can " + verb + " up to " + MAX_RECORDS_PER_REQUEST
                    + " records per request");
        }
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode record : records) {
            if (!record.isObject()) {
                throw AirtableErrors.invalidRequest();
            }
            result.add(record);
        }
        return result;
    }

    /** The {@code performUpsert.fieldsToMergeOn} names, or {@code null} when this is not an upsert. */
    private static List<String> fieldsToMergeOn(ObjectNode body) {
        JsonNode upsert = body.get("performUpsert");
        if (upsert == null || upsert.isNull()) {
            return null;
        }
        JsonNode names = upsert.get("fieldsToMergeOn");
        if (!upsert.isObject() || names == null || !names.isArray()) {
            throw AirtableErrors.invalidRequest("performUpsert must be {\"fieldsToMergeOn\": [field names]}");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode name : names) {
            if (!name.isTextual()) {
                throw AirtableErrors.invalidRequest("performUpsert.fieldsToMergeOn must contain field names");
            }
            result.add(name.asText());
        }
        return result;
    }

    private static ObjectNode recordsResponse(Base base, Table table, List<StoredRecord> records,
            RecordRenderer.Options rendering) {
        ObjectNode response = Json.object();
        ArrayNode array = response.putArray("records");
        records.forEach(record -> array.add(RecordRenderer.render(base, table, record, rendering)));
        return response;
    }
}
