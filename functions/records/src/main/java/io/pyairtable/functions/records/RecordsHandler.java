package io.pyairtable.functions.records;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.pyairtable.airtable.AirtableApi;
import io.pyairtable.airtable.AirtableException;
import io.pyairtable.airtable.AirtableRecord;
import io.pyairtable.airtable.BatchResult;
import io.pyairtable.airtable.BatchWriteException;
import io.pyairtable.airtable.RecordPage;
import io.pyairtable.airtable.RecordUpdate;
import io.pyairtable.airtable.Table;
import io.pyairtable.airtable.UpsertResult;
import io.pyairtable.airtable.WriteOptions;
import io.pyairtable.functions.core.ApiError;
import io.pyairtable.functions.core.AuthorizedUser;
import io.pyairtable.functions.core.ApiResponses;
import io.pyairtable.functions.core.AwsClients;
import io.pyairtable.functions.core.DynamoDbRateLimiter;
import io.pyairtable.functions.core.Env;
import io.pyairtable.functions.core.JsonBody;
import io.pyairtable.functions.core.airtable.AirtableClients;
import io.pyairtable.functions.core.airtable.AirtableConfig;
import io.pyairtable.functions.core.airtable.AirtableErrors;
import io.pyairtable.functions.core.airtable.Connections;
import io.pyairtable.functions.core.telemetry.Invocation;
import io.pyairtable.functions.core.telemetry.Telemetry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /connections/airtable} and {@code /bases/*} (template.yaml RecordsFunction): routes by route key. The
 * caller is the authorizer's {@code sub}, never a body field; every Airtable call goes through the shared
 * {@link DynamoDbRateLimiter}. One log line per request (route, status, latency, user id; correlation id = request
 * id) — never a body or token; Airtable latency and 429 metrics (docs/observability.md).
 */
public final class RecordsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** Bodies up to 512 KB (a 1,000-record create of small rows fits; larger imports use the imports API). */
    static final int MAX_BODY_BYTES = 512 * 1024;
    static final String RECORDS = "/bases/{baseId}/tables/{table}/records";
    static final String RECORD = RECORDS + "/{recordId}";

    private final Connections connections;
    private final AirtableClients clients;
    private final Telemetry telemetry;

    public RecordsHandler() {
        this(System.getenv());
    }

    public RecordsHandler(Map<String, String> env) {
        this(new Env(env), new Telemetry(RecordsHandler.class, env));
        io.pyairtable.functions.core.snapstart.Priming.register(env, this, handler -> RecordsPriming.steps(handler, env));
    }

    private RecordsHandler(Env env, Telemetry telemetry) {
        this(AirtableConfig.from(env), new AwsClients(env), telemetry);
    }

    private RecordsHandler(AirtableConfig config, AwsClients aws, Telemetry telemetry) {
        this(config, AirtableClients.withTelemetry(config.airtableApiUrl(), DynamoDbRateLimiter.airtableDefaults(
                aws.dynamoDb(), config.rateLimitsTable(), telemetry.penaltyListener()), telemetry), aws, telemetry);
    }

    private RecordsHandler(AirtableConfig config, AirtableClients clients, AwsClients aws, Telemetry telemetry) {
        this(new Connections(aws.secretsManager(), config, token -> clients.forToken(token).whoami(),
                Clock.systemUTC()), clients, telemetry);
    }

    RecordsHandler(Connections connections, AirtableClients clients) {
        this(connections, clients, new Telemetry(RecordsHandler.class, Map.of()));
    }

    RecordsHandler(Connections connections, AirtableClients clients, Telemetry telemetry) {
        this.connections = connections;
        this.clients = clients;
        this.telemetry = telemetry;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return telemetry.http(event, context, invocation -> handle(event, invocation));
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Invocation invocation) {
        String requestId = invocation.correlationId();
        String route = event == null || event.getRouteKey() == null ? "" : event.getRouteKey();
        APIGatewayV2HTTPResponse response;
        try {
            response = route(route, event, invocation);
        } catch (ApiError error) {
            response = ApiResponses.error(error, requestId);
        } catch (AirtableException airtable) {
            response = ApiResponses.error(AirtableErrors.toApiError(airtable), requestId);
        } catch (IllegalArgumentException invalid) {
            // the client's own argument checks (e.g. duplicate upsert keys); messages never contain a token
            response = ApiResponses.error(ApiError.validation(invalid.getMessage()), requestId);
        } catch (RuntimeException bug) {
            invocation.unexpected(bug);
            response = ApiResponses.internalError(requestId);
        }
        return response;
    }

    private APIGatewayV2HTTPResponse route(String route, APIGatewayV2HTTPEvent event, Invocation invocation) {
        String user = AuthorizedUser.of(event);
        invocation.user(user);
        Params params = new Params(event);
        switch (route) {
            case "GET /connections/airtable" -> {
                return ApiResponses.json(200, Map.of("connection", connections.inspect(user)));
            }
            case "PUT /connections/airtable" -> {
                String token = JsonBody.parse(event).requiredString("token", 512);
                return ApiResponses.json(200, Map.of("connection", connections.connect(user, token)));
            }
            case "DELETE /connections/airtable" -> {
                connections.disconnect(user);
                return ApiResponses.noContent();
            }
            case "GET /bases" -> {
                return ApiResponses.json(200, Map.of("bases", api(user).bases()));
            }
            case "GET /bases/{baseId}/tables" -> {
                String baseId = params.baseId();
                return ApiResponses.json(200, api(user).base(baseId).schema());
            }
            case "GET " + RECORDS -> {
                Table table = table(user, params);
                RecordPage page = table.page(params.recordQuery(), params.offset());
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("records", records(page.records()));
                body.put("offset", page.offset());
                return ApiResponses.json(200, body);
            }
            case "GET " + RECORD -> {
                String recordId = params.recordId();
                return ApiResponses.json(200, record(table(user, params).get(recordId)));
            }
            case "POST " + RECORDS -> {
                Table table = table(user, params);
                JsonNode body = body(event);
                List<Map<String, Object>> rows = RecordWrites.newRecords(body);
                WriteOptions options = new WriteOptions(RecordWrites.typecast(body), false);
                try {
                    return ApiResponses.json(201, Map.of("records", records(table.create(rows, options))));
                } catch (BatchWriteException partial) {
                    return partial(partial);
                }
            }
            case "PATCH " + RECORDS, "PUT " + RECORDS -> {
                boolean replace = route.startsWith("PUT");
                Table table = table(user, params);
                JsonNode body = body(event);
                WriteOptions options = new WriteOptions(RecordWrites.typecast(body), false);
                List<String> mergeOn = RecordWrites.mergeOn(body);
                try {
                    if (mergeOn != null) {
                        if (replace) {
                            throw ApiError.validation("mergeOn (upsert) is only available with PATCH.");
                        }
                        UpsertResult result = table.upsert(mergeOn, RecordWrites.newRecords(body), options);
                        Map<String, Object> out = new LinkedHashMap<>();
                        out.put("records", records(result.records()));
                        out.put("createdRecords", result.createdRecordIds());
                        out.put("updatedRecords", result.updatedRecordIds());
                        return ApiResponses.json(200, out);
                    }
                    List<RecordUpdate> updates = RecordWrites.updates(body);
                    List<AirtableRecord> written = replace ? table.replace(updates, options) : table.update(updates, options);
                    return ApiResponses.json(200, Map.of("records", records(written)));
                } catch (BatchWriteException partial) {
                    return partial(partial);
                }
            }
            case "PATCH " + RECORD, "PUT " + RECORD -> {
                String recordId = params.recordId();
                Table table = table(user, params);
                JsonNode body = body(event);
                List<RecordUpdate> update = List.of(new RecordUpdate(recordId, RecordWrites.fields(body, "fields")));
                WriteOptions options = new WriteOptions(RecordWrites.typecast(body), false);
                List<AirtableRecord> written = route.startsWith("PUT") ? table.replace(update, options)
                        : table.update(update, options);
                return ApiResponses.json(200, record(written.get(0)));
            }
            case "DELETE " + RECORDS -> {
                List<String> ids = params.recordIds();
                Table table = table(user, params);
                try {
                    return ApiResponses.json(200, Map.of("deleted", table.delete(ids)));
                } catch (BatchWriteException partial) {
                    return partial(partial);
                }
            }
            case "DELETE " + RECORD -> {
                String recordId = params.recordId();
                table(user, params).delete(recordId);
                return ApiResponses.json(200, Map.of("deleted", List.of(recordId)));
            }
            default -> throw ApiError.notFound("No such route.");
        }
    }

    private AirtableApi api(String user) {
        return clients.forToken(connections.tokenFor(user).value());
    }

    private Table table(String user, Params params) {
        String baseId = params.baseId();
        String table = params.table();
        return api(user).base(baseId).table(table);
    }

    private static JsonNode body(APIGatewayV2HTTPEvent event) {
        return JsonBody.parse(event, MAX_BODY_BYTES).root();
    }

    /**
     * A write of more than 10 records failed part-way: {@code 207} with every chunk's outcome (SUCCEEDED chunks
     * are written and stay written; all-or-nothing is the change-set API's job).
     */
    private static APIGatewayV2HTTPResponse partial(BatchWriteException partial) {
        BatchResult result = partial.result();
        List<Map<String, Object>> chunks = new ArrayList<>();
        for (BatchResult.Chunk chunk : result.chunks()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("index", chunk.index());
            c.put("from", chunk.fromIndex());
            c.put("to", chunk.toIndex());
            c.put("status", chunk.status().name());
            if (chunk.error() != null) {
                ApiError error = AirtableErrors.toApiError(chunk.error());
                c.put("error", Map.of("status", error.status(), "code", error.code(), "message", error.getMessage()));
            }
            chunks.add(c);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chunks", chunks);
        body.put("records", records(result.records()));
        return ApiResponses.json(207, body);
    }

    private static List<Map<String, Object>> records(List<AirtableRecord> records) {
        return records.stream().map(RecordsHandler::record).toList();
    }

    private static Map<String, Object> record(AirtableRecord record) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", record.id());
        out.put("createdTime", record.createdTime() == null ? null : record.createdTime().toString());
        out.put("fields", record.fields());
        return out;
    }

    /** The user id from the Lambda authorizer's context; a route without one is misconfigured → 401. */
}
