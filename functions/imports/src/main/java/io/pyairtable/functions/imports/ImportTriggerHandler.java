package io.pyairtable.functions.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import io.pyairtable.functions.core.Env;
import io.pyairtable.functions.core.telemetry.Invocation;
import io.pyairtable.functions.core.telemetry.Telemetry;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * ImportTriggerFunction: S3 object-created events of the imports bucket.
 * <ul>
 *   <li>{@code uploads/<userId>/<importId>/<file>}: the file of an import created with {@code POST /imports}
 *       (only when it is AWAITING_UPLOAD and the key is the one the presigned URL allowed);</li>
 *   <li>{@code drop/<baseId>/<table>/<file>}: a file an operator dropped (AWS CLI), imported in create mode with the
 *       deployment's default Airtable token, columns mapped by header = field name; the job id is derived from the
 *       object's key and ETag, so a redelivered event does not import twice.</li>
 * </ul>
 * Anything else is ignored. Events for a job that is no longer waiting are ignored (S3 may deliver twice). Each
 * record is one log scope: correlation id = {@code <object key>@<sequencer>}, a summary line with the outcome and job
 * id.
 */
public final class ImportTriggerHandler implements RequestHandler<S3Event, String> {
    private final ImportsServices services;
    private final FileImport fileImport;
    private final Telemetry telemetry;

    public ImportTriggerHandler() {
        this(System.getenv());
    }

    public ImportTriggerHandler(Map<String, String> env) {
        this.telemetry = new Telemetry(ImportTriggerHandler.class, env);
        this.services = new ImportsServices(new Env(env), telemetry);
        this.fileImport = new FileImport(services,
                new SagaStarter(services.stepFunctions(), services.config.requireSagaArn()));
        io.pyairtable.functions.core.snapstart.Priming.register(env, this, handler -> ImportsPriming.trigger(handler, env));
    }

    @Override
    public String handleRequest(S3Event event, Context context) {
        int handled = 0;
        for (S3EventNotification.S3EventNotificationRecord record : event.getRecords()) {
            String key = record.getS3().getObject().getUrlDecodedKey();
            String correlation = key + "@" + record.getS3().getObject().getSequencer();
            if (telemetry.run("s3 object", correlation, context, invocation -> handle(record, key, invocation))) {
                handled++;
            }
        }
        return handled + " file(s) handled";
    }

    private boolean handle(S3EventNotification.S3EventNotificationRecord record, String key, Invocation invocation) {
        String bucket = record.getS3().getBucket().getName();
        long size = record.getS3().getObject().getSizeAsLong() == null ? 0 : record.getS3().getObject().getSizeAsLong();
        invocation.field("bucket", bucket).field("size_bytes", size);
        String[] parts = key.split("/", 4);
        Job job = null;
        if (parts.length == 4 && parts[0].equals("uploads")) {
            job = upload(parts, key, size);
        } else if (parts.length == 4 && parts[0].equals("drop")) {
            job = drop(bucket, key, parts, record.getS3().getObject().geteTag());
        }
        if (job == null) {
            invocation.field("outcome", "ignored");
            return false;
        }
        invocation.field("job_id", job.id()).user(Job.OPERATOR.equals(job.owner()) ? null : job.owner());
        fileImport.run(job, size);
        invocation.field("outcome", "handled");
        return true;
    }

    private Job upload(String[] parts, String key, long size) {
        if (!Inputs.JOB_ID.matcher(parts[2]).matches()) {
            return null;
        }
        Job job = services.jobs.get(parts[2]).orElse(null);
        if (job == null || !job.owner().equals(parts[1]) || !key.equals(job.objectKey())
                || !services.jobs.transition(job.id(), EnumSet.of(JobStatus.AWAITING_UPLOAD), JobStatus.VALIDATING, Map.of())) {
            return null;
        }
        services.jobs.step(job.id(), "Upload", "SUCCEEDED", size + " bytes");
        return job;
    }

    private Job drop(String bucket, String key, String[] parts, String eTag) {
        if (!Inputs.BASE_ID.matcher(parts[1]).matches() || parts[2].isBlank() || parts[3].isBlank()) {
            return null;
        }
        String id = UUID.nameUUIDFromBytes((bucket + "/" + key + "@" + eTag).getBytes(StandardCharsets.UTF_8)).toString();
        String now = services.jobs.now();
        Job job = new Job(id, Job.OPERATOR, Job.IMPORT, JobStatus.VALIDATING, parts[1], parts[2], "create", List.of(),
                false, "reject", parts[3], null, Map.of(), null, key, now, now, Job.Counts.ZERO, List.of(), false,
                List.of(), null, null, false);
        if (!services.jobs.create(job)) {
            return null; // this object was imported already
        }
        services.jobs.step(id, "Upload", "SUCCEEDED", "dropped at s3://" + bucket + "/" + key);
        return job;
    }
}
