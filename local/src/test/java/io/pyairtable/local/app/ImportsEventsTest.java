package io.pyairtable.local.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.airtable.Formula;
import io.pyairtable.airtable.RecordQuery;
import io.pyairtable.airtable.Table;
import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.junit.LocalCloudExtension;
import io.pyairtable.local.lambda.InvocationResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The import samples in events/ (like `./run-local invoke ImportTriggerFunction -e events/s3-put-drop.json`): the S3
 * drop event imports the dropped file; the saga step samples reach SagaFunction's actions (and name the missing job).
 */
@ExtendWith(LocalCloudExtension.class)
class ImportsEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static InvocationResult invoke(LocalCloud cloud, String function, String file) throws Exception {
        return cloud.lambdas().invokeAsync(function, Files.readAllBytes(Path.of("../events").resolve(file))).get();
    }

    @Test
    void theDropEventImportsTheDroppedFile(LocalCloud cloud) throws Exception {
        JsonNode event = JSON.readTree(Files.readAllBytes(Path.of("../events/s3-put-drop.json")));
        String bucket = event.at("/Records/0/s3/bucket/name").asText();
        String key = "drop/appDemoCrmSandbox/Companies/new companies.csv"; // the sample's key, URL-decoded
        try (S3Client s3 = S3Client.builder().endpointOverride(cloud.awsUrl()).region(Region.US_EAST_1)
                .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        "pyairtable-local", "pyairtable-local-secret"))).build()) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(
                    "Name\nSample Drop Co One\nSample Drop Co Two\n", StandardCharsets.UTF_8));
        }
        // the put itself notified ImportTriggerFunction; the sample (another ETag) is a second drop of the same file
        InvocationResult result = invoke(cloud, "ImportTriggerFunction", "s3-put-drop.json");
        assertThat(result.isError()).as(result.payloadAsString()).isFalse();
        assertThat(result.payloadAsString()).contains("1 file(s) handled");

        Table companies = ImportsApiTest.table(cloud, cloud.sandbox().demoBaseId(), "Companies");
        RecordQuery one = RecordQuery.builder().filter(Formula.fieldEquals("Name", "Sample Drop Co One")).build();
        Instant end = Instant.now().plus(Duration.ofSeconds(60));
        while (companies.list(one).size() < 2 && Instant.now().isBefore(end)) {
            Thread.sleep(250);
        }
        assertThat(companies.list(one)).as(() -> dropJobs(cloud)).hasSize(2);
    }

    /** The operator jobs (no API shows them): for a failure message. */
    private static String dropJobs(LocalCloud cloud) {
        try (var dynamoDb = software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                .endpointOverride(cloud.awsUrl()).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        "pyairtable-local", "pyairtable-local-secret"))).build()) {
            return dynamoDb.scan(b -> b.tableName("pyairtable-dev-imports")).items().stream()
                    .filter(item -> item.containsKey("userId") && item.get("userId").s().equals("operator"))
                    .map(Object::toString).collect(java.util.stream.Collectors.joining("\n"));
        }
    }

    @Test
    void theSagaStepSamplesReachTheirActions(LocalCloud cloud) throws Exception {
        for (String sample : new String[] {"saga-start.json", "saga-apply.json", "saga-compensate.json"}) {
            InvocationResult result = invoke(cloud, "SagaFunction", sample);
            assertThat(result.isError()).as(sample).isTrue();
            JsonNode error = JSON.readTree(result.payload());
            assertThat(error.get("errorType").asText()).as(sample)
                    .isEqualTo("io.pyairtable.functions.imports.ChangeRejectedException");
            assertThat(error.get("errorMessage").asText()).as(sample)
                    .isEqualTo("No job 00000000-0000-4000-8000-000000000001.");
        }
    }
}
