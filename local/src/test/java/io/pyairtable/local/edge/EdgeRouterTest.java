package io.pyairtable.local.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.local.aws.AwsEndpoint;
import io.pyairtable.local.aws.AwsJsonService;
import io.pyairtable.local.aws.AwsServiceException;
import io.pyairtable.local.s3.LocalS3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** Real SDK clients configured with only the edge URL reach the right local service, signatures intact. */
class EdgeRouterTest {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY));
    private static LocalS3 s3;
    private static AwsEndpoint json;
    private static EdgeRouter edge;

    /** A one-secret Secrets Manager: enough to prove routing, the real service is tested in its own package. */
    private static final class OneSecret implements AwsJsonService {
        @Override
        public String signingName() {
            return "secretsmanager";
        }

        @Override
        public String targetPrefix() {
            return "secretsmanager";
        }

        @Override
        public String contentType() {
            return "application/x-amz-json-1.1";
        }

        @Override
        public JsonNode handle(String operation, JsonNode input) {
            if (!"GetSecretValue".equals(operation) || !"known".equals(input.path("SecretId").asText())) {
                throw new AwsServiceException(400, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
            }
            return new ObjectMapper().createObjectNode().put("Name", "known").put("SecretString", "s3cr3t")
                    .put("ARN", "arn:aws:secretsmanager:us-east-1:000000000000:secret:known-abcdef");
        }
    }

    @BeforeAll
    static void start() {
        s3 = LocalS3.start("127.0.0.1", 0, null, "us-east-1", List.of());
        s3.ensureBucket("edge-bucket");
        json = AwsEndpoint.start("127.0.0.1", 0, List.of(new OneSecret()));
        edge = EdgeRouter.start("127.0.0.1", 0,
                Map.of("s3", s3.url().getPort(), "secretsmanager", json.url().getPort()), "s3");
    }

    @AfterAll
    static void stop() {
        edge.close();
        json.close();
        s3.close();
    }

    @Test
    void s3ThroughTheEdgeKeepsSignaturesValid() {
        try (S3Client client = S3Client.builder().endpointOverride(edge.url()).forcePathStyle(true)
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build()) {
            for (int i = 0; i < 20; i++) {
                int n = i;
                client.putObject(b -> b.bucket("edge-bucket").key("k" + n), RequestBody.fromString("v" + n));
            }
            assertThat(client.getObjectAsBytes(b -> b.bucket("edge-bucket").key("k7")).asUtf8String()).isEqualTo("v7");
            assertThat(client.listObjectsV2(b -> b.bucket("edge-bucket")).keyCount()).isEqualTo(20);
        }
    }

    @Test
    void presignedUrlsThroughTheEdge() throws Exception {
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(edge.url()).region(Region.US_EAST_1)
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(CREDENTIALS).build()) {
            URI put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket("edge-bucket").key("presigned.txt"))).url().toURI();
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(put)
                    .PUT(HttpRequest.BodyPublishers.ofString("via edge")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            URI get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(r -> r.bucket("edge-bucket").key("presigned.txt"))).url().toURI();
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(get).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("via edge");
        }
    }

    @Test
    void jsonServicesThroughTheEdge() {
        try (SecretsManagerClient client = SecretsManagerClient.builder().endpointOverride(edge.url())
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS).build()) {
            assertThat(client.getSecretValue(b -> b.secretId("known")).secretString()).isEqualTo("s3cr3t");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.getSecretValue(b -> b.secretId("unknown")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void unknownServicesGetAClearError() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(edge.url())
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=x")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("kinesis");
    }

    @Test
    void findsTheServiceInHeadersAndPresignedQueries() {
        assertThat(edge.serviceOf("GET / HTTP/1.1\r\nHost: x\r\nAuthorization: AWS4-HMAC-SHA256 Credential=A/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=s\r\n\r\n"))
                .isEqualTo("dynamodb");
        assertThat(edge.serviceOf("PUT /b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=A%2F20260101%2Fus-east-1%2Fs3%2Faws4_request HTTP/1.1\r\nHost: x\r\n\r\n"))
                .isEqualTo("s3");
        assertThat(edge.serviceOf("GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo("s3");
        assertThat(EdgeRouter.withConnectionClose("GET / HTTP/1.1\r\nConnection: Upgrade, HTTP2-Settings\r\nHost: x\r\nUpgrade: h2c\r\nHTTP2-Settings: AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA\r\n\r\n"))
                .isEqualTo("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }
}
