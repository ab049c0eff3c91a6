package io.pyairtable.functions.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import io.pyairtable.functions.core.Env;
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
 * Anything else is ignored. Events for a job that is no longer waiting are ignored (S3 may deliver twice).
 */
public final class ImportTriggerHandler implements RequestHandler<S3Event, String> {
    private final ImportsServices services;
    private final FileImport fileImport;

    public ImportTriggerHandler() {
        this(System.getenv());
    }

    public ImportTriggerHandler(Map<String, String> env) {
        this.services = new ImportsServices(new Env(env));
        this.fileImport = new FileImport(services,
                new SagaStarter(services.stepFunctions(), services.config.requireSagaArn()));
    }

    @Override
    public String handleRequest(S3Event event, Context context) {
        int handled = 0;
        for (S3EventNotification.S3EventNotificationRecord record : event.getRecords()) {
            String bucket = record.getS3().getBucket().getName();
            String key = record.getS3().getObject().getUrlDecodedKey();
            long size = record.getS3().getObject().getSizeAsLong() == null ? 0 : record.getS3().getObject().getSizeAsLong();
            String[] parts = key.split("/", 4);
            Job job = null;
            if (parts.length == 4 && parts[0].equals("uploads")) {
                job = upload(parts, key, size);
            } else if (parts.length == 4 && parts[0].equals("drop")) {
                job = drop(bucket, key, parts, record.getS3().getObject().geteTag());
            }
            if (job == null) {
                log(context, "ignored s3://" + bucket + "/" + key);
                continue;
            }
            log(context, "import " + job.id() + " from s3://" + bucket + "/" + key + " (" + size + " bytes)");
            fileImport.run(job, size);
            handled++;
        }
        return handled + " file(s) handled";
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

    private static void log(Context context, String line) {
        if (context != null) {
            context.getLogger().log(line);
        }
    }
}
