package io.pyairtable.local.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.LocalCloudOptions;
import io.pyairtable.local.s3.LocalS3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The local cloud started from a template, end to end over real protocols: HTTP API → function → S3 (SDK through the
 * edge) → S3 notification → function → DynamoDB + Step Functions → Lambda task + DynamoDB integration.
 */
class LocalCloudTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TEMPLATE = Path.of("src/test/resources/cloud/app.yaml");
    private static LocalCloud cloud;
    private static DynamoDbClient dynamo;
    private static SfnClient sfn;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start(LocalCloudOptions.forTests(TEMPLATE));
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY));
        dynamo = DynamoDbClient.builder().endpointOverride(cloud.awsUrl()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        sfn = SfnClient.builder().endpointOverride(cloud.awsUrl()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        sfn.close();
        cloud.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void functionsGetTheirTemplateEnvironmentAndTheProvisionedSecret() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(cloud.apiUrl().resolve("/info")));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode info = JSON.readTree(response.body());
        assertThat(info.path("stage").asText()).isEqualTo("test");
        assertThat(info.path("airtable").asText()).as("AirtableApiUrl points at the sandbox")
                .isEqualTo(cloud.sandbox().baseUrl().toString());
        assertThat(info.path("secretHasKid").asBoolean()).isTrue();
        assertThat(info.path("secretLength").asInt()).isEqualTo("{\"kid\":\"k1\",\"key\":\"\"}".length() + 40);
        assertThat(info.path("function").asText()).isEqualTo("pyairtable-local-InfoFunction-LOCAL");
    }

    @Test
    void anUploadFlowsThroughS3NotificationStepFunctionsAndDynamoDb() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(cloud.apiUrl().resolve("/files/report.csv"))
                .POST(HttpRequest.BodyPublishers.ofString("a,b\n1,2\n3,4\n")));
        assertThat(response.statusCode()).isEqualTo(202);

        Map<String, AttributeValue> item = null;
        for (int i = 0; i < 100; i++) {
            item = dynamo.getItem(b -> b.tableName(cloud.template().tables().get("JobsTable").tableName())
                    .key(Map.of("pk", AttributeValue.fromS("drop/report.csv")))).item();
            if (item != null && item.containsKey("status") && "DONE".equals(item.get("status").s())) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(item).isNotNull();
        assertThat(item.get("status").s()).isEqualTo("DONE");
        assertThat(item.get("lines").n()).isEqualTo("3");
        assertThat(item.get("size").n()).isEqualTo("12");

        String machine = cloud.template().stateMachines().get("JobSaga").arn();
        var executions = sfn.listExecutions(b -> b.stateMachineArn(machine)).executions();
        assertThat(executions).hasSize(1);
        assertThat(executions.get(0).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(executions.get(0).name()).isEqualTo("drop_report_csv");
    }

    @Test
    void objectsOutsideTheFilterTriggerNothing() throws Exception {
        send(HttpRequest.newBuilder(cloud.apiUrl().resolve("/files/notes.txt")).POST(HttpRequest.BodyPublishers.ofString("x")));
        cloud.s3().awaitNotifications();
        assertThat(dynamo.getItem(b -> b.tableName(cloud.template().tables().get("JobsTable").tableName())
                .key(Map.of("pk", AttributeValue.fromS("drop/notes.txt")))).hasItem()).isFalse();
    }

    @Test
    void tablesAreProvisionedWithTtlAndPitr() {
        String table = cloud.template().tables().get("JobsTable").tableName();
        assertThat(dynamo.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription().attributeName())
                .isEqualTo("expiresAt");
        assertThat(dynamo.describeContinuousBackups(b -> b.tableName(table)).continuousBackupsDescription()
                .pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString()).isEqualTo("ENABLED");
    }

    @Test
    void stateSurvivesARestartWithADataDirectory(@TempDir Path data) throws Exception {
        String firstSecret;
        try (LocalCloud first = LocalCloud.start(LocalCloudOptions.forTests(TEMPLATE).withDataDir(data))) {
            firstSecret = secretOf(first);
        }
        try (LocalCloud second = LocalCloud.start(LocalCloudOptions.forTests(TEMPLATE).withDataDir(data))) {
            assertThat(secretOf(second)).as("a generated secret is kept, not regenerated").isEqualTo(firstSecret);
        }
    }

    private static String secretOf(LocalCloud cloud) {
        try (var secrets = software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder()
                .endpointOverride(cloud.awsUrl()).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build()) {
            return secrets.getSecretValue(b -> b.secretId("cloud-test/test/signing-key")).secretString();
        }
    }

    @Test
    void theReadyLineSaysWhereEverythingIs() {
        assertThat(cloud.readyLine()).startsWith("PyAirtable local cloud ready in ")
                .contains("API " + cloud.apiUrl(), "AWS " + cloud.awsUrl(), "Airtable sandbox " + cloud.sandbox().baseUrl(),
                        "data in memory");
        assertThat(URI.create(cloud.apiUrl().toString())).isNotNull();
    }
}
