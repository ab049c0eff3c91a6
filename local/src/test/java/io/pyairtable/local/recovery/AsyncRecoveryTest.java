package io.pyairtable.local.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.LocalCloudOptions;
import io.pyairtable.local.lambda.AsyncInvocations;
import io.pyairtable.local.lambda.AsyncInvocations.Outcome;
import io.pyairtable.local.s3.LocalS3;
import io.pyairtable.local.template.FunctionDefinition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Lambda's asynchronous invocations in the local cloud (resources/cloud/recovery.yaml): retries one and two minutes
 * apart (scaled), the on-failure and on-success records sent to SQS in AWS's shape, the event age limit, S3
 * notifications going the same way, and Lambda's Invoke API (RequestResponse, Event, DryRun) through the AWS
 * endpoint with the real SDK client.
 */
class AsyncRecoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TIME_SCALE = 0.002; // AWS's 1 and 2 minutes between attempts: 120 and 240 ms
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

    private static LocalCloud cloud;
    private static SqsClient sqs;
    private static LambdaClient lambda;
    private static String failures;
    private static String successes;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start(LocalCloudOptions.forTests(Path.of("src/test/resources/cloud/recovery.yaml"))
                .withTimeScale(TIME_SCALE).withLog(new PrintStream(LOG, true, StandardCharsets.UTF_8)));
        sqs = client(SqsClient.builder());
        lambda = client(LambdaClient.builder());
        failures = (String) cloud.template().outputs().get("FailuresQueueUrl");
        successes = cloud.template().queues().get("SuccessesQueue").url();
    }

    @AfterAll
    static void stop() {
        sqs.close();
        lambda.close();
        cloud.close();
    }

    static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
            & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(cloud.awsUrl()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY))).build();
    }

    private static String functionName(String logicalId) {
        return cloud.template().functions().get(logicalId).functionName();
    }

    private static byte[] event(String id, int failTimes) {
        return JSON.createObjectNode().put("id", id).put("failTimes", failTimes).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Waits for the record whose requestPayload has {@code id} (or whose S3 key contains it), deletes it and returns it. */
    static JsonNode awaitRecord(String queueUrl, String id) throws Exception {
        Instant end = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(end)) {
            for (Message message : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(0).waitTimeSeconds(1)).messages()) {
                JsonNode record = JSON.readTree(message.body());
                if (record.path("requestPayload").path("id").asText().equals(id)
                        || record.path("requestPayload").toString().contains(id)) {
                    sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                    return record;
                }
            }
        }
        throw new AssertionError("no record for " + id + " in " + queueUrl + "; log:\n" + LOG);
    }

    private static boolean hasRecord(String queueUrl, String id) {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(0)).messages()
                .stream().anyMatch(m -> m.body().contains("\"id\":\"" + id + "\""));
    }

    @Test
    void aFailingEventIsRetriedTwiceOneThenTwoMinutesApartThenItsRecordGoesToTheOnFailureQueue() throws Exception {
        String id = "fails-" + UUID.randomUUID();
        Outcome outcome = cloud.asyncInvocations().invoke("FlakyFunction", event(id, 99)).get(30, TimeUnit.SECONDS);

        assertThat(outcome).isEqualTo(Outcome.SENT_TO_ON_FAILURE);
        List<Long> calls = RecoveryTestHandlers.CALLS.get(id);
        assertThat(calls).hasSize(3);
        assertThat(calls.get(1) - calls.get(0)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(Math.round(60_000 * TIME_SCALE)));
        assertThat(calls.get(2) - calls.get(1)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(Math.round(120_000 * TIME_SCALE)));

        JsonNode record = awaitRecord(failures, id);
        FunctionDefinition flaky = cloud.template().functions().get("FlakyFunction");
        assertThat(record.path("version").asText()).isEqualTo("1.0");
        assertThat(Instant.parse(record.path("timestamp").asText())).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MINUTES));
        JsonNode context = record.path("requestContext");
        assertThat(context.path("requestId").asText()).matches("[0-9a-f-]{36}");
        assertThat(context.path("functionArn").asText()).isEqualTo(flaky.functionArn() + ":$LATEST");
        assertThat(context.path("condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(context.path("approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(record.path("requestPayload")).isEqualTo(JSON.readTree(event(id, 99)));
        assertThat(record.path("responseContext").path("statusCode").asInt()).isEqualTo(200);
        assertThat(record.path("responseContext").path("executedVersion").asText()).isEqualTo("$LATEST");
        assertThat(record.path("responseContext").path("functionError").asText()).isEqualTo("Unhandled");
        assertThat(record.path("responsePayload").path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(record.path("responsePayload").path("errorMessage").asText()).isEqualTo("asked to fail (" + id + ", call 3)");
        assertThat(LOG.toString(StandardCharsets.UTF_8)).contains("FlakyFunction: asynchronous event "
                + context.path("requestId").asText() + " DEAD-LETTERED (RetriesExhausted after 3 attempt(s))");
    }

    @Test
    void anEventThatSucceedsOnARetrySendsNoRecord() throws Exception {
        String id = "recovers-" + UUID.randomUUID();
        Outcome outcome = cloud.asyncInvocations().invoke("FlakyFunction", event(id, 1)).get(30, TimeUnit.SECONDS);

        assertThat(outcome).isEqualTo(Outcome.SUCCEEDED);
        assertThat(RecoveryTestHandlers.CALLS.get(id)).hasSize(2);
        assertThat(hasRecord(failures, id)).isFalse();
    }

    @Test
    void withoutEventInvokeConfigTheEventIsRetriedTwiceAndDiscarded() throws Exception {
        String id = "discarded-" + UUID.randomUUID();
        Outcome outcome = cloud.asyncInvocations().invoke("DefaultsFunction", event(id, 99)).get(30, TimeUnit.SECONDS);

        assertThat(outcome).isEqualTo(Outcome.DISCARDED);
        assertThat(RecoveryTestHandlers.CALLS.get(id)).hasSize(3);
        assertThat(LOG.toString(StandardCharsets.UTF_8)).contains("DISCARDED (RetriesExhausted after 3 attempt(s), no OnFailure destination)");
        assertThat(hasRecord(failures, id)).isFalse();
    }

    @Test
    void zeroRetriesFailOnceAndSuccessesGoToTheOnSuccessQueue() throws Exception {
        String failing = "once-fails-" + UUID.randomUUID();
        assertThat(cloud.asyncInvocations().invoke("OnceFunction", event(failing, 99)).get(30, TimeUnit.SECONDS))
                .isEqualTo(Outcome.SENT_TO_ON_FAILURE);
        assertThat(RecoveryTestHandlers.CALLS.get(failing)).hasSize(1);
        assertThat(awaitRecord(failures, failing).path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(1);

        String succeeding = "once-ok-" + UUID.randomUUID();
        assertThat(cloud.asyncInvocations().invoke("OnceFunction", event(succeeding, 0)).get(30, TimeUnit.SECONDS))
                .isEqualTo(Outcome.SUCCEEDED);
        JsonNode success = awaitRecord(successes, succeeding);
        assertThat(success.path("requestContext").path("condition").asText()).isEqualTo("Success");
        assertThat(success.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(1);
        assertThat(success.path("responseContext").has("functionError")).isFalse();
        assertThat(success.path("responsePayload").asText()).isEqualTo("ok " + succeeding + " after 1 call(s)");
    }

    @Test
    void anEventOlderThanMaximumEventAgeIsNotRetried() throws Exception {
        // ShortLivedFunction keeps events 60 s: the first retry would come 60 s after the first attempt began
        String id = "too-old-" + UUID.randomUUID();
        assertThat(cloud.asyncInvocations().invoke("ShortLivedFunction", event(id, 99)).get(30, TimeUnit.SECONDS))
                .isEqualTo(Outcome.SENT_TO_ON_FAILURE);
        assertThat(RecoveryTestHandlers.CALLS.get(id)).hasSize(1);
        JsonNode record = awaitRecord(failures, id);
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("EventAgeExceeded");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(1);
    }

    @Test
    void s3NotificationsAreAsynchronousInvocationsWithRetriesAndDestinations() throws Exception {
        String key = "drop/fail-" + UUID.randomUUID() + ".csv";
        try (S3Client s3 = S3Client.builder().endpointOverride(cloud.awsUrl()).region(Region.US_EAST_1)
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY))).build()) {
            s3.putObject(b -> b.bucket(cloud.template().buckets().get("DropBucket").bucketName()).key(key),
                    RequestBody.fromString("a,b\n", StandardCharsets.UTF_8));
        }
        String encodedKey = java.net.URLEncoder.encode(key, StandardCharsets.UTF_8); // as the local S3 events carry it
        JsonNode record = awaitRecord(failures, encodedKey);
        assertThat(record.path("requestContext").path("condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(record.at("/requestPayload/Records/0/eventSource").asText()).isEqualTo("aws:s3");
        assertThat(record.at("/requestPayload/Records/0/s3/object/key").asText()).isEqualTo(encodedKey);
    }

    @Test
    void invokeApiRunsFunctionsSynchronouslyWithLambdasErrorHeaders() throws Exception {
        String name = functionName("DefaultsFunction");
        InvokeResponse ok = lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromByteArray(event("sync-ok-" + name, 0))));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.functionError()).isNull();
        assertThat(ok.executedVersion()).isEqualTo("$LATEST");
        assertThat(ok.payload().asUtf8String()).isEqualTo("\"ok sync-ok-" + name + " after 1 call(s)\"");

        String failing = "sync-fails-" + UUID.randomUUID();
        InvokeResponse error = lambda.invoke(b -> b.functionName(cloud.template().functions().get("DefaultsFunction")
                .functionArn()).payload(SdkBytes.fromByteArray(event(failing, 99))));
        assertThat(error.statusCode()).isEqualTo(200);
        assertThat(error.functionError()).isEqualTo("Unhandled");
        JsonNode payload = JSON.readTree(error.payload().asByteArray());
        assertThat(payload.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(payload.path("errorMessage").asText()).isEqualTo("asked to fail (" + failing + ", call 1)");
        assertThat(RecoveryTestHandlers.CALLS.get(failing)).as("a synchronous invocation is not retried").hasSize(1);

        assertThat(lambda.invoke(b -> b.functionName(name).invocationType(InvocationType.DRY_RUN)).statusCode()).isEqualTo(204);
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("NoSuchFunction")))
                .isInstanceOf(software.amazon.awssdk.services.lambda.model.ResourceNotFoundException.class)
                .hasMessageContaining("Function not found: arn:aws:lambda:us-east-1:000000000000:function:NoSuchFunction");
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName(name).qualifier("7")))
                .isInstanceOf(software.amazon.awssdk.services.lambda.model.ResourceNotFoundException.class);
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String("{not json"))))
                .isInstanceOf(software.amazon.awssdk.services.lambda.model.InvalidRequestContentException.class);
    }

    @Test
    void invokeApiEventInvocationsGetRetriesAndDestinations() throws Exception {
        String id = "event-" + UUID.randomUUID();
        InvokeResponse queued = lambda.invoke(b -> b.functionName(functionName("FlakyFunction"))
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromByteArray(event(id, 99))));
        assertThat(queued.statusCode()).isEqualTo(202);
        assertThat(queued.payload().asByteArray()).isEmpty();

        JsonNode record = awaitRecord(failures, id);
        assertThat(record.path("requestContext").path("approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(RecoveryTestHandlers.CALLS.get(id)).hasSize(3);
    }

    @Test
    void theTemplatesQueuesExistWithTheirAttributesAndResolveInEnvironments() {
        String arn = (String) cloud.template().outputs().get("FailuresQueueArn");
        assertThat(failures).isEqualTo("https://sqs.us-east-1.amazonaws.com/000000000000/pyairtable-local-failures");
        assertThat(arn).isEqualTo("arn:aws:sqs:us-east-1:000000000000:pyairtable-local-failures");
        assertThat(sqs.getQueueUrl(b -> b.queueName("pyairtable-local-failures")).queueUrl()).isEqualTo(failures);
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(failures)
                .attributeNames(QueueAttributeName.ALL)).attributes();
        assertThat(attributes).containsEntry(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600")
                .containsEntry(QueueAttributeName.QUEUE_ARN, arn);
        assertThat(sqs.listQueues(b -> b.queueNamePrefix("pyairtable-local-")).queueUrls())
                .contains(failures, successes);
        assertThat(successes).endsWith("/000000000000/pyairtable-local-SuccessesQueue-LOCAL");
        assertThat(cloud.lambdas().environment("FlakyFunction")).containsEntry("FAILURES_QUEUE_URL", failures);
        assertThat(AsyncInvocations.FIRST_RETRY_DELAY_MILLIS).isEqualTo(60_000);
    }
}
