package io.pyairtable.local.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.airtable.Formula;
import io.pyairtable.airtable.RecordQuery;
import io.pyairtable.airtable.Table;
import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.LocalCloudOptions;
import io.pyairtable.local.aws.FaultInjectingService;
import io.pyairtable.local.s3.LocalS3;
import io.pyairtable.local.tools.ReplayDeadLetters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * docs/recovery.md, runbook (a), against the project's template: the Imports table fails every write (DynamoDB's
 * 500, as in an outage of the table), an operator drops a CSV, ImportTriggerFunction fails three times (two retries,
 * one and two minutes apart, scaled) and the event lands in ImportTriggerDeadLetterQueue as one on-failure record;
 * a replay while the table still fails keeps it; once the table is back, {@code scripts/replay-dead-letters} (its
 * class, on the local endpoint) replays it, the import succeeds and the queue is empty; replaying the same record
 * again does not import the file twice.
 */
class DeadLetterReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static LocalCloud cloud;
    private static SqsClient sqs;
    private static DynamoDbClient dynamoDb;
    private static S3Client s3;
    private static String queueUrl;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start(LocalCloudOptions.forTests(Path.of("../template.yaml")).withTimeScale(0.01)
                .withLog(new PrintStream(LOG, true, StandardCharsets.UTF_8)));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY));
        sqs = SqsClient.builder().endpointOverride(cloud.awsUrl()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(credentials).build();
        dynamoDb = DynamoDbClient.builder().endpointOverride(cloud.awsUrl()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(credentials).build();
        s3 = S3Client.builder().endpointOverride(cloud.awsUrl()).region(Region.US_EAST_1).forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(credentials).build();
        queueUrl = (String) cloud.template().outputs().get("ImportTriggerDeadLetterQueueUrl");
    }

    @AfterAll
    static void stop() {
        sqs.close();
        dynamoDb.close();
        s3.close();
        cloud.close();
    }

    private static int messages() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("timed out waiting for " + what + "; log:\n" + LOG.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(100);
        }
    }

    /** Runs the replay tool's class as {@code scripts/replay-dead-letters} would, on the local AWS endpoint. */
    private static Replay replay(String... extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = java.util.stream.Stream.concat(
                java.util.stream.Stream.of("--queue-url", queueUrl, "--endpoint", cloud.awsUrl().toString()),
                java.util.stream.Stream.of(extra)).toArray(String[]::new);
        int status = ReplayDeadLetters.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Replay(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Replay(int status, String out, String err) {
    }

    private static String jobStatus(String jobId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(
                cloud.template().tables().get("ImportsTable").tableName()).key(Map.of(
                "pk", AttributeValue.fromS("JOB#" + jobId), "sk", AttributeValue.fromS("META")))).item();
        return item == null || !item.containsKey("status") ? null : item.get("status").s();
    }

    @Test
    void aDeadLetteredDropIsReplayedOnceTheOutageIsOver() throws Exception {
        String importsTable = cloud.template().tables().get("ImportsTable").tableName();
        FaultInjectingService.Rule outage = cloud.dynamoDbFaults().failNext("PutItem",
                body -> importsTable.equals(body.path("TableName").asText()), Integer.MAX_VALUE);
        String bucket = cloud.template().buckets().get("ImportsBucket").bucketName();
        String company = "Outage Co " + UUID.randomUUID();
        String key = "drop/" + cloud.sandbox().demoBaseId() + "/Companies/after outage " + UUID.randomUUID() + ".csv";
        String eTag = s3.putObject(b -> b.bucket(bucket).key(key),
                RequestBody.fromString("Name\n" + company + "\n", StandardCharsets.UTF_8)).eTag().replace("\"", "");
        String jobId = UUID.nameUUIDFromBytes((bucket + "/" + key + "@" + eTag).getBytes(StandardCharsets.UTF_8)).toString();

        await("the dead-lettered event", Duration.ofSeconds(90), () -> messages() > 0);
        Thread.sleep(500);
        assertThat(messages()).as("exactly one record").isEqualTo(1);
        assertThat(outage.fired()).as("one failed job creation per attempt at least").isGreaterThanOrEqualTo(3);
        assertThat(jobStatus(jobId)).as("no job was created").isNull();
        Message message = sqs.receiveMessage(b -> b.queueUrl(queueUrl).visibilityTimeout(0)).messages().get(0);
        JsonNode record = JSON.readTree(message.body());
        assertThat(record.path("version").asText()).isEqualTo("1.0");
        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
        assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(record.at("/requestContext/functionArn").asText())
                .isEqualTo(cloud.template().functions().get("ImportTriggerFunction").functionArn() + ":$LATEST");
        assertThat(record.at("/requestPayload/Records/0/s3/object/key").asText())
                .isEqualTo(URLEncoder.encode(key, StandardCharsets.UTF_8));
        assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(record.at("/responsePayload/errorType").asText()).startsWith("software.amazon.awssdk.services.dynamodb.model.");
        assertThat(LOG.toString(StandardCharsets.UTF_8)).contains("ImportTriggerFunction: asynchronous event "
                + record.at("/requestContext/requestId").asText() + " DEAD-LETTERED (RetriesExhausted after 3 attempt(s))");

        Replay dryRun = replay("--dry-run");
        assertThat(dryRun.status()).as(dryRun.out() + dryRun.err()).isZero();
        assertThat(dryRun.out()).contains(message.messageId() + " " + record.path("timestamp").asText()
                + " RetriesExhausted after 3 attempt(s): " + record.at("/responsePayload/errorType").asText())
                .contains("| s3://" + bucket + "/" + key).contains("replayed 0, failed 0, skipped 0, dry run (not replayed) 1");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl).visibilityTimeout(0)).messages())
                .as("a dry run leaves the record visible").hasSize(1);

        Replay tooEarly = replay(); // the table still fails: the function named in the record fails again
        assertThat(tooEarly.status()).as(tooEarly.out() + tooEarly.err()).isEqualTo(1);
        assertThat(tooEarly.out()).contains("FAILED on arn:aws:lambda:").contains("message kept")
                .contains("replayed 0, failed 1, skipped 0");
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl).visibilityTimeout(0)).messages())
                .as("a failed replay keeps the record, visible for the next run").hasSize(1);

        outage.remove();
        String function = cloud.template().functions().get("ImportTriggerFunction").functionName();
        Replay replayed = replay("--function", function, "--max", "5");
        assertThat(replayed.status()).as(replayed.out() + replayed.err()).isZero();
        assertThat(replayed.out()).contains("replayed on " + function + ": succeeded; message deleted")
                .contains("replayed 1, failed 0, skipped 0");
        assertThat(messages()).isZero();

        await("the import to finish", Duration.ofSeconds(90),
                () -> List.of("SUCCEEDED", "REJECTED", "ROLLED_BACK", "ROLLBACK_FAILED").contains(String.valueOf(jobStatus(jobId))));
        assertThat(jobStatus(jobId)).isEqualTo("SUCCEEDED");
        Table companies = ImportsApiTest.table(cloud, cloud.sandbox().demoBaseId(), "Companies");
        RecordQuery named = RecordQuery.builder().filter(Formula.fieldEquals("Name", company)).build();
        assertThat(companies.list(named)).hasSize(1);

        // the same record replayed again (say, sent back by hand): the job id comes from the object's key and ETag
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(message.body()));
        Replay again = replay("--function", function);
        assertThat(again.status()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("replayed 1, failed 0, skipped 0");
        assertThat(messages()).isZero();
        assertThat(jobStatus(jobId)).isEqualTo("SUCCEEDED");
        assertThat(companies.list(named)).as("imported once").hasSize(1);
    }

    @Test
    void theQueueIsTheOnFailureDestinationOfTheTriggerAtTheUrlRecoveryMdGives() {
        assertThat(queueUrl).isEqualTo("https://sqs.us-east-1.amazonaws.com/000000000000/pyairtable-dev-import-trigger-dlq");
        var config = cloud.template().functions().get("ImportTriggerFunction").asyncConfig();
        assertThat(config.maximumRetryAttempts()).isEqualTo(2);
        assertThat(config.maximumEventAgeSeconds()).isEqualTo(3600);
        assertThat(config.onFailure().queueName()).isEqualTo("pyairtable-dev-import-trigger-dlq");
        assertThat(sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.MESSAGE_RETENTION_PERIOD))
                .attributes()).containsEntry(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600");
    }

    @Test
    void theToolExplainsItselfAndRefusesBadArguments() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(ReplayDeadLetters.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: scripts/replay-dead-letters --queue-url URL");
        assertThat(ReplayDeadLetters.run(new String[] {"--max", "0", "--queue-url", "x"}, new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(ReplayDeadLetters.run(new String[] {"--dry-run"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--max must be at least 1").contains("--queue-url is required");
    }

    @Test
    void messagesThatAreNotInvocationRecordsAreSkippedAndKept() {
        String id = sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("not a record")).messageId();
        try {
            Replay replay = replay("--function", "ImportTriggerFunction");
            assertThat(replay.status()).isZero();
            assertThat(replay.out()).contains(id + " SKIPPED: not a Lambda invocation record")
                    .contains("replayed 0, failed 0, skipped 1");
            assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl).visibilityTimeout(0)).messages())
                    .extracting(Message::messageId).containsExactly(id);
        } finally {
            sqs.purgeQueue(b -> b.queueUrl(queueUrl));
        }
    }
}
