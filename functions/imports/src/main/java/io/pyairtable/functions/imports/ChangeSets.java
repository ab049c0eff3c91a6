package io.pyairtable.functions.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.pyairtable.airtable.Schema;
import io.pyairtable.functions.core.ApiError;
import io.pyairtable.functions.core.Env;
import io.pyairtable.functions.core.telemetry.Telemetry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Atomic change sets for API clients and other functions (the assistant's confirmed edits): the body of
 * {@code POST /changesets} in, a job applied by the ImportSaga out (docs/saga.md).
 */
public final class ChangeSets {
    private final ImportsServices services;
    private final SagaStarter saga;

    /** For another function: built from its environment (IMPORTS_TABLE, IMPORTS_BUCKET, IMPORT_SAGA_ARN, …). */
    public ChangeSets(Map<String, String> env) {
        this(env, new Telemetry(ChangeSets.class, env));
    }

    /** @param telemetry the calling function's (the assistant's): Airtable metrics of the change set's checks */
    public ChangeSets(Map<String, String> env, Telemetry telemetry) {
        this.services = new ImportsServices(new Env(env), telemetry);
        this.saga = new SagaStarter(services.stepFunctions(), services.config.requireSagaArn());
    }

    ChangeSets(ImportsServices services, SagaStarter saga) {
        this.services = services;
        this.saga = saga;
    }

    /**
     * Checks, stages and starts a change set ({@code POST /changesets}'s body) for {@code user}; returns the job
     * summary. Throws {@link ApiError} (4xx) for bad input, before anything is staged.
     */
    public Map<String, Object> submit(String user, JsonNode body) {
        String baseId = Inputs.baseId(body);
        String table = Inputs.table(body);
        boolean typecast = Inputs.bool(body, "typecast");
        List<String> requestedMergeOn = Inputs.mergeOn(body, false);
        String id = UUID.randomUUID().toString();
        String now = services.jobs.now();
        Job probe = new Job(id, user, Job.CHANGESET, JobStatus.QUEUED, baseId, table, "mixed", requestedMergeOn,
                typecast, "reject", null, null, Map.of(), null, null, now, now, Job.Counts.ZERO, List.of(), false,
                List.of(), null, null, false);
        Schema.TableSchema schema = services.table(probe).schema();
        Inputs.checkFields(schema, requestedMergeOn, "mergeOn");
        List<String> mergeOn = requestedMergeOn.stream().map(f -> Snapshots.name(schema, f)).toList();
        List<Operation> operations = ChangeSetRequest.operations(body, schema, mergeOn);
        Job job = new Job(id, user, Job.CHANGESET, JobStatus.QUEUED, baseId, table, "mixed", mergeOn, typecast,
                "reject", null, null, Map.of(), null, null, now, now, Job.Counts.ZERO, List.of(), false, List.of(),
                null, null, false);
        ChunkWriter writer = new ChunkWriter(services.chunks, id, services.config.chunkRows());
        operations.forEach(writer::add);
        int chunks = writer.finish();
        services.jobs.create(job);
        services.jobs.add(id, Map.of("rows", (long) operations.size(), "valid", (long) operations.size(),
                "chunks", (long) chunks));
        services.jobs.step(id, "Validate", "SUCCEEDED", operations.size() + " operation(s) in " + chunks + " chunk(s)");
        saga.start(id);
        Map<String, Object> out = new LinkedHashMap<>(JobView.summary(job));
        out.put("counts", Map.of("rows", operations.size(), "valid", operations.size(), "invalid", 0, "applied", 0,
                "compensated", 0));
        return out;
    }

    /** The change set as {@code GET /changesets/{id}} shows it; 404 unless it is {@code user}'s. */
    public Map<String, Object> view(String user, String id) {
        Job job = services.jobs.get(Inputs.jobId(id, "change set")).orElseThrow(() -> ApiError.notFound("No such change set."));
        if (!job.owner().equals(user) || !job.kind().equals(Job.CHANGESET)) {
            throw ApiError.notFound("No such change set.");
        }
        return JobView.full(job);
    }
}
