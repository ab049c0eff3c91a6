package io.pyairtable.functions.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.pyairtable.airtable.AirtableException;
import io.pyairtable.airtable.Schema;
import io.pyairtable.functions.core.ApiError;
import io.pyairtable.functions.core.AuthorizedUser;
import io.pyairtable.functions.core.ApiResponses;
import io.pyairtable.functions.core.Env;
import io.pyairtable.functions.core.JsonBody;
import io.pyairtable.functions.core.airtable.AirtableErrors;
import io.pyairtable.functions.core.telemetry.Invocation;
import io.pyairtable.functions.core.telemetry.Telemetry;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * ImportsFunction: {@code POST/GET /imports}, {@code GET /imports/{importId}}, {@code POST /imports/{importId}/cancel},
 * {@code POST /changesets}, {@code GET /changesets/{changeSetId}} (docs/api.md). The caller is the authorizer's
 * {@code sub}; another user's job answers 404, like one that does not exist. One log line per request (route,
 * status, latency, user id; correlation id = request id), never a body or the presigned URL.
 */
public final class ImportsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final int MAX_CHANGESET_BODY = 5 * 1024 * 1024;
    private static final List<String> MODES = List.of("create", "upsert", "update");

    private final ImportsServices services;
    private final S3Presigner presigner;
    private final SagaStarter saga;
    private final ChangeSets changeSets;
    private final Telemetry telemetry;

    public ImportsHandler() {
        this(System.getenv());
    }

    public ImportsHandler(Map<String, String> env) {
        this.telemetry = new Telemetry(ImportsHandler.class, env);
        this.services = new ImportsServices(new Env(env), telemetry);
        this.presigner = services.presigner();
        this.saga = new SagaStarter(services.stepFunctions(), services.config.requireSagaArn());
        this.changeSets = new ChangeSets(services, saga);
        io.pyairtable.functions.core.snapstart.Priming.register(env, this, handler -> ImportsPriming.imports(handler, env));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return telemetry.http(event, context, invocation -> handle(event, invocation));
    }

    private APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Invocation invocation) {
        String requestId = invocation.correlationId();
        String route = event == null || event.getRouteKey() == null ? "" : event.getRouteKey();
        try {
            return route(route, event, invocation);
        } catch (ApiError error) {
            return ApiResponses.error(error, requestId);
        } catch (AirtableException airtable) {
            return ApiResponses.error(AirtableErrors.toApiError(airtable), requestId);
        } catch (RuntimeException bug) {
            invocation.unexpected(bug);
            return ApiResponses.internalError(requestId);
        }
    }

    private APIGatewayV2HTTPResponse route(String route, APIGatewayV2HTTPEvent event, Invocation invocation) {
        String user = AuthorizedUser.of(event);
        invocation.user(user);
        Map<String, String> path = event.getPathParameters() == null ? Map.of() : event.getPathParameters();
        String jobId = path.getOrDefault("importId", path.get("changeSetId"));
        if (jobId != null && Inputs.JOB_ID.matcher(jobId).matches()) {
            invocation.field("job_id", jobId); // the saga's correlation id
        }
        return switch (route) {
            case "POST /imports" -> createImport(user, JsonBody.parse(event).root(), invocation);
            case "GET /imports" -> ApiResponses.json(200, Map.of("imports",
                    services.jobs.listByOwner(user, 50).stream().map(JobView::summary).toList()));
            case "GET /imports/{importId}" -> ApiResponses.json(200,
                    JobView.full(owned(user, path.get("importId"), Job.IMPORT)));
            case "POST /imports/{importId}/cancel" -> cancel(owned(user, path.get("importId"), Job.IMPORT));
            case "POST /changesets" -> createChangeSet(user, JsonBody.parse(event, MAX_CHANGESET_BODY).root(), invocation);
            case "GET /changesets/{changeSetId}" -> ApiResponses.json(200,
                    changeSets.view(user, path.get("changeSetId")));
            default -> throw ApiError.notFound("No route " + route + ".");
        };
    }

    private APIGatewayV2HTTPResponse createImport(String user, JsonNode body, Invocation invocation) {
        String baseId = Inputs.baseId(body);
        String table = Inputs.table(body);
        String fileName = Inputs.fileName(body);
        String contentType = Inputs.text(body, "contentType", 100, false);
        String mode = Inputs.choice(body, "mode", MODES, "create");
        List<String> mergeOn = Inputs.mergeOn(body, mode.equals("upsert"));
        Map<String, String> mapping = Inputs.mapping(body);
        boolean typecast = Inputs.bool(body, "typecast");
        String onInvalidRows = Inputs.choice(body, "onInvalidRows", List.of("reject", "skip"), "reject");
        String sheet = Inputs.text(body, "sheet", 31, false);
        if (io.pyairtable.functions.imports.parse.FileFormat.detect(fileName, contentType).isEmpty()) {
            throw new ApiError(415, "UNSUPPORTED_FILE_TYPE",
                    "Only CSV (.csv, .tsv, .txt), Excel (.xlsx), JSON (.json) and JSON Lines (.jsonl) files can be imported.");
        }
        String id = UUID.randomUUID().toString();
        invocation.field("job_id", id);
        String key = "uploads/" + user + "/" + id + "/" + fileName;
        String now = services.jobs.now();
        Job job = new Job(id, user, Job.IMPORT, JobStatus.AWAITING_UPLOAD, baseId, table, mode, mergeOn, typecast,
                onInvalidRows, fileName, contentType, mapping, sheet, key, now, now, Job.Counts.ZERO, List.of(),
                false, List.of(), null, null, false);
        Schema.TableSchema schema = services.table(job).schema(); // the table exists and the connection reaches it
        Inputs.checkFields(schema, mergeOn, "mergeOn");
        services.jobs.create(job);
        String type = contentType == null ? "application/octet-stream" : contentType;
        var presigned = presigner.presignPutObject(b -> b.signatureDuration(services.config.uploadUrlTtl())
                .putObjectRequest(p -> p.bucket(services.config.bucket()).key(key).contentType(type)));
        Map<String, Object> out = new LinkedHashMap<>(JobView.summary(job));
        out.put("uploadUrl", presigned.url().toString());
        out.put("uploadMethod", "PUT");
        out.put("uploadHeaders", Map.of("Content-Type", type));
        out.put("maxBytes", services.config.maxBytes());
        out.put("expiresAt", Instant.now().plus(services.config.uploadUrlTtl()).toString());
        return ApiResponses.json(201, out);
    }

    private APIGatewayV2HTTPResponse cancel(Job job) {
        if (job.status().terminal()) {
            throw ApiError.conflict("JOB_FINISHED", "The import has finished (" + job.status() + "); nothing to cancel.");
        }
        if (services.jobs.transition(job.id(), EnumSet.of(JobStatus.AWAITING_UPLOAD), JobStatus.CANCELLED, Map.of())) {
            return ApiResponses.json(202, Map.of("importId", job.id(), "status", JobStatus.CANCELLED.name()));
        }
        services.jobs.requestCancel(job.id()); // validation stops before starting the saga; the saga compensates
        return ApiResponses.json(202, Map.of("importId", job.id(), "status",
                services.jobs.get(job.id()).map(j -> j.status().name()).orElse(job.status().name()),
                "cancelRequested", true));
    }

    private APIGatewayV2HTTPResponse createChangeSet(String user, JsonNode body, Invocation invocation) {
        Map<String, Object> created = changeSets.submit(user, body);
        if (created.get("changeSetId") != null) {
            invocation.field("job_id", String.valueOf(created.get("changeSetId")));
        }
        return ApiResponses.json(202, created);
    }

    private Job owned(String user, String id, String kind) {
        String name = Job.CHANGESET.equals(kind) ? "change set" : "import";
        Job job = services.jobs.get(Inputs.jobId(id, name)).orElseThrow(() -> ApiError.notFound("No such " + name + "."));
        if (!job.owner().equals(user) || !job.kind().equals(kind)) {
            throw ApiError.notFound("No such " + name + ".");
        }
        return job;
    }

}
