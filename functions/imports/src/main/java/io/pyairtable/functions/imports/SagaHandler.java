package io.pyairtable.functions.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.pyairtable.airtable.AirtableException;
import io.pyairtable.airtable.BatchWriteException;
import io.pyairtable.functions.core.ApiError;
import io.pyairtable.functions.core.Env;
import io.pyairtable.functions.core.telemetry.Invocation;
import io.pyairtable.functions.core.telemetry.MetricNames;
import io.pyairtable.functions.core.telemetry.Telemetry;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * SagaFunction: the steps of the ImportSaga state machine, chosen by the input's {@code action}:
 * <ul>
 *   <li>{@code start} {jobId} → QUEUED → RUNNING; returns {@code {jobId, chunks:[0..n-1]}} for the Map;</li>
 *   <li>{@code apply} {jobId, chunk} → {@link ChunkApplier}; {@code {applied}}; only while the job is RUNNING and
 *       not cancelled (checked before each batch), registered in the job while it runs;</li>
 *   <li>{@code finalize} {jobId} → SUCCEEDED (the commit point: nothing is undone after it);</li>
 *   <li>{@code compensate} {jobId, error:{Error,Cause}} → ROLLING_BACK, waits until no apply step runs any more
 *       (Step Functions abandons the other chunks' invocations when one fails; they stop at their next batch),
 *       {@link Compensator}, then ROLLED_BACK (or CANCELLED when the user cancelled); nothing for a job already
 *       terminal;</li>
 *   <li>{@code rollbackFailed} {jobId, error} → ROLLBACK_FAILED and the {@code RollbackFailed} metric (alarmed).</li>
 * </ul>
 * Each step is one log scope (correlation id = the job id, which is also the execution's name) with a summary line
 * (action, chunk, outcome) and the saga's metrics (docs/observability.md).
 * Failures leave as {@link AirtableBusyException} (retried ≥ 30 s later), {@link TransientFailureException}
 * (retried with backoff), {@link ChangeRejectedException} or {@link ImportCancelledException} (not retried).
 */
public final class SagaHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** Chunks of one import applied at once: the 5 req/s budget, not Lambda, is the limit; two keep it busy. */
    static final int MAX_CONCURRENT_CHUNKS = 2;
    /** How long an apply step may run when there is no Lambda context (tests): SagaFunction's timeout. */
    static final long DEFAULT_STEP_MILLIS = 120_000;
    /** Added to an apply step's deadline in its registration: clock skew between Lambda hosts. */
    static final long LEASE_MARGIN_MILLIS = 2_000;
    /** How the message of a failed AWS call starts (its job error code is AWS_UNAVAILABLE, not Airtable's). */
    static final String AWS_FAILED = "An AWS call failed: ";
    private final ImportsServices services;
    private final ChunkApplier applier;
    private final Compensator compensator;
    private final Telemetry telemetry;

    public SagaHandler() {
        this(System.getenv());
    }

    public SagaHandler(Map<String, String> env) {
        this.telemetry = new Telemetry(SagaHandler.class, env);
        this.services = new ImportsServices(new Env(env), telemetry);
        AirtableWrites writes = new AirtableWrites(services.config.airtable().requestTimeout(), services.clock);
        this.applier = new ChunkApplier(services.jobs, services.ledger, services.chunks, services.clock, writes);
        this.compensator = new Compensator(services.jobs, services.ledger, services.chunks, services.clock, writes);
        io.pyairtable.functions.core.snapstart.Priming.register(env, this, handler -> ImportsPriming.saga(handler, env));
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        String action = String.valueOf(input.get("action"));
        String jobId = String.valueOf(input.get("jobId"));
        return telemetry.run("saga " + action, jobId, context, invocation -> {
            invocation.field("action", action);
            if (input.get("chunk") instanceof Number chunk) {
                invocation.field("chunk", chunk.intValue());
            }
            try {
                Map<String, Object> out = step(action, jobId, input, context, invocation);
                invocation.field("outcome", "ok");
                return out;
            } catch (ChangeRejectedException | ImportCancelledException | AirtableBusyException
                    | TransientFailureException expected) {
                invocation.field("outcome", "failed");
                invocation.expectedFailure(expected);
                throw expected;
            }
        });
    }

    private Map<String, Object> step(String action, String jobId, Map<String, Object> input, Context context,
            Invocation invocation) {
        try {
            return switch (action) {
                case "start" -> start(jobId);
                case "apply" -> apply(jobId, ((Number) input.get("chunk")).intValue(), context, invocation);
                case "finalize" -> finalizeJob(jobId, invocation);
                case "compensate" -> compensate(jobId, input.get("error"), context, invocation);
                case "rollbackFailed" -> rollbackFailed(jobId, input.get("error"), invocation);
                default -> throw new ChangeRejectedException("UNKNOWN_ACTION", "Unknown saga action '" + action + "'.");
            };
        } catch (AirtableException e) {
            throw classify(e);
        } catch (ApiError e) {
            throw new ChangeRejectedException(e.code(), e.getMessage(), e);
        } catch (SdkException e) {
            throw new TransientFailureException("AWS_UNAVAILABLE", AWS_FAILED + e.getClass().getSimpleName(), e);
        }
    }

    private Map<String, Object> start(String jobId) {
        Job job = job(jobId);
        if (job.status() == JobStatus.QUEUED) {
            services.jobs.transition(jobId, EnumSet.of(JobStatus.QUEUED), JobStatus.RUNNING, Map.of());
            services.jobs.step(jobId, "Apply", "STARTED", job.counts().chunks() + " chunk(s)");
        } else if (job.status() != JobStatus.RUNNING) { // RUNNING: a retried start
            throw new ChangeRejectedException("NOT_STARTABLE", "Job " + jobId + " is " + job.status() + ".");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobId", jobId);
        out.put("chunks", IntStream.range(0, (int) job.counts().chunks()).boxed().toList());
        // change sets keep their order; import chunks are independent (duplicate keys are rejected up front)
        out.put("maxConcurrency", Job.CHANGESET.equals(job.kind()) ? 1 : MAX_CONCURRENT_CHUNKS);
        return out;
    }

    private Map<String, Object> apply(String jobId, int chunk, Context context, Invocation invocation) {
        Job job = job(jobId);
        checkRunning(job);
        // registered while the job runs: compensation waits until this step has ended (see JobsTable.startApplying)
        String lease = context == null ? java.util.UUID.randomUUID().toString() : context.getAwsRequestId();
        long remaining = context == null ? DEFAULT_STEP_MILLIS : context.getRemainingTimeInMillis();
        if (!services.jobs.startApplying(jobId, lease, services.clock.millis() + remaining + LEASE_MARGIN_MILLIS)) {
            checkRunning(job(jobId));
            throw new ChangeRejectedException("NOT_RUNNING", "Job " + jobId + " is no longer running.");
        }
        try {
            int applied = applier.apply(job, chunk, services.table(job), () -> checkRunning(job(jobId)));
            invocation.field("applied", applied);
            invocation.count(MetricNames.IMPORT_ROWS_APPLIED, applied);
            return Map.of("jobId", jobId, "chunk", chunk, "applied", applied);
        } finally {
            try {
                services.jobs.stopApplying(jobId, lease);
            } catch (SdkException notRemoved) {
                // the lease ends by itself at its deadline; compensation just waits longer
            }
        }
    }

    /** Throws unless the job is RUNNING and not cancelled. */
    private static void checkRunning(Job job) {
        if (job.cancelRequested()) {
            throw new ImportCancelledException("CANCELLED", "The job was cancelled.");
        }
        if (job.status() != JobStatus.RUNNING) {
            throw new ChangeRejectedException("NOT_RUNNING", "Job " + job.id() + " is " + job.status() + ".");
        }
    }

    private Map<String, Object> finalizeJob(String jobId, Invocation invocation) {
        // the transition is the commit point, so it comes last: a failure before it is compensated, one after it
        // (a retry) finds the job SUCCEEDED
        Job job = job(jobId);
        if (job.status() == JobStatus.SUCCEEDED) {
            return Map.of("jobId", jobId, "status", JobStatus.SUCCEEDED.name());
        }
        services.jobs.step(jobId, "Apply", "SUCCEEDED", null);
        if (services.jobs.transition(jobId, EnumSet.of(JobStatus.RUNNING), JobStatus.SUCCEEDED, Map.of())) {
            invocation.count(MetricNames.IMPORTS_SUCCEEDED); // once per job: a retry finds it SUCCEEDED above
        } else if (job(jobId).status() != JobStatus.SUCCEEDED) {
            throw new ChangeRejectedException("NOT_RUNNING", "Job " + jobId + " is " + job(jobId).status() + ".");
        }
        return Map.of("jobId", jobId, "status", JobStatus.SUCCEEDED.name());
    }

    private Map<String, Object> compensate(String jobId, Object error, Context context, Invocation invocation) {
        Job job = job(jobId);
        if (job.status().terminal()) {
            // SUCCEEDED is final (a late failure of Finalize after its commit), or this is a retry after the end
            return Map.of("jobId", jobId, "status", job.status().name());
        }
        String[] reason = reason(error);
        if (job.status() != JobStatus.ROLLING_BACK) {
            services.jobs.transition(jobId, EnumSet.of(JobStatus.QUEUED, JobStatus.RUNNING), JobStatus.ROLLING_BACK,
                    JobsTable.error(reason[0], reason[1]));
            services.jobs.step(jobId, "Apply", "FAILED", reason[1]);
            services.jobs.step(jobId, "Compensate", "STARTED", null);
        }
        awaitAppliesEnded(jobId, context);
        int undone = compensator.compensate(job, services.table(job));
        JobStatus end = job.cancelRequested() || "CANCELLED".equals(reason[0]) ? JobStatus.CANCELLED : JobStatus.ROLLED_BACK;
        // the terminal status is the job's last write: whoever sees it sees the whole job
        services.jobs.step(jobId, "Compensate", "SUCCEEDED", undone + " operation(s) undone");
        boolean ended = services.jobs.transition(jobId, EnumSet.of(JobStatus.ROLLING_BACK), end, Map.of());
        invocation.field("undone", undone).field("job_status", end.name());
        invocation.count(MetricNames.COMPENSATED_RECORDS, undone);
        if (ended && end == JobStatus.ROLLED_BACK) {
            invocation.count(MetricNames.IMPORTS_ROLLED_BACK);
        }
        return Map.of("jobId", jobId, "status", end.name());
    }

    /**
     * Waits until no apply step of the job runs any more: Step Functions stops waiting for the other chunks when
     * one fails, but their Lambda invocations run on; each stops before its next batch (the job is no longer
     * RUNNING) and unregisters. If one is still registered when this step's own time runs short, the step fails
     * (retried with backoff).
     */
    private void awaitAppliesEnded(String jobId, Context context) {
        while (true) {
            long until = services.jobs.appliesRunningUntil(jobId);
            long now = services.clock.millis();
            if (until <= now) {
                return;
            }
            if (context != null && context.getRemainingTimeInMillis() < 10_000) {
                throw new TransientFailureException("APPLY_STILL_RUNNING",
                        "A chunk of job " + jobId + " is still being applied; compensation waits for it.");
            }
            try {
                Thread.sleep(Math.min(100, until - now));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientFailureException("INTERRUPTED", "Interrupted while waiting for a chunk to stop.", e);
            }
        }
    }

    private Map<String, Object> rollbackFailed(String jobId, Object error, Invocation invocation) {
        String[] reason = reason(error);
        services.jobs.step(jobId, "Compensate", "FAILED", reason[1]);
        services.jobs.transition(jobId, EnumSet.of(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.ROLLING_BACK),
                JobStatus.ROLLBACK_FAILED, JobsTable.error("ROLLBACK_FAILED",
                        "Compensation failed; the table may be partly changed (see the ledger): " + reason[1]));
        // the RollbackFailed alarm (template.yaml) watches this metric
        invocation.count(MetricNames.ROLLBACK_FAILED);
        telemetry.log().error("rollback failed for job " + jobId + ": " + reason[0]);
        return Map.of("jobId", jobId, "status", JobStatus.ROLLBACK_FAILED.name());
    }

    private Job job(String jobId) {
        return services.jobs.get(jobId).orElseThrow(() ->
                new ChangeRejectedException("JOB_NOT_FOUND", "No job " + jobId + "."));
    }

    /** {Error, Cause} of the failure Step Functions caught → {code, human message}. */
    private static String[] reason(Object error) {
        if (!(error instanceof Map<?, ?> map)) {
            return new String[] {"FAILED", "The change set failed."};
        }
        String type = String.valueOf(map.get("Error"));
        String message = type;
        Object cause = map.get("Cause");
        if (cause != null) {
            try {
                Map<?, ?> parsed = new com.fasterxml.jackson.databind.ObjectMapper().readValue(cause.toString(), Map.class);
                message = String.valueOf(parsed.get("errorMessage"));
            } catch (java.io.IOException notJson) {
                message = cause.toString();
            }
        }
        String code = switch (type.substring(type.lastIndexOf('.') + 1)) {
            case "ChangeRejectedException" -> "CHANGE_REJECTED";
            case "AirtableBusyException" -> "AIRTABLE_RATE_LIMITED";
            case "TransientFailureException" -> message.startsWith(AWS_FAILED) ? "AWS_UNAVAILABLE" : "AIRTABLE_UNAVAILABLE";
            case "ImportCancelledException" -> "CANCELLED";
            default -> "STEP_FAILED";
        };
        return new String[] {code, message};
    }

    static RuntimeException classify(AirtableException e) {
        if (e instanceof BatchWriteException batch && batch.result().failedChunk() != null
                && batch.result().failedChunk().error() != null) {
            return classify(batch.result().failedChunk().error());
        }
        String detail = "Airtable: " + e.type() + (e.airtableMessage() == null ? "" : " - " + e.airtableMessage());
        if (e instanceof AirtableException.RateLimited) {
            return new AirtableBusyException("AIRTABLE_RATE_LIMITED", detail, e);
        }
        if (e instanceof AirtableException.ServerError || e instanceof AirtableException.Transport) {
            return new TransientFailureException("AIRTABLE_UNAVAILABLE", detail, e);
        }
        return new ChangeRejectedException("AIRTABLE_REJECTED", detail, e);
    }

    static List<String> retryableErrors() {
        return List.of(AirtableBusyException.class.getName(), TransientFailureException.class.getName());
    }
}
