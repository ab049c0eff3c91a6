package io.pyairtable.local.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.local.aws.AwsEndpoint;
import io.pyairtable.local.aws.AwsEndpointTest;
import io.pyairtable.local.aws.HttpWire;
import io.pyairtable.local.aws.HttpWire.Head;
import io.pyairtable.local.aws.AwsJsonService;
import io.pyairtable.local.aws.AwsServiceException;
import io.pyairtable.local.s3.LocalS3;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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

    private static String signed(String service, String target, String body, String... extra) {
        StringBuilder head = new StringBuilder("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .append("Authorization: AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/").append(service)
                .append("/aws4_request, SignedHeaders=host, Signature=x\r\n")
                .append("X-Amz-Target: ").append(target).append("\r\nContent-Type: application/x-amz-json-1.1\r\n");
        for (String header : extra) {
            head.append(header).append("\r\n");
        }
        if (!String.join("", extra).contains("chunked")) {
            head.append("Content-Length: ").append(body.length()).append("\r\n");
        }
        return head.append("\r\n").append(body).toString();
    }

    @Test
    void oneClientConnectionCarriesCallsToSeveralBackends() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", edge.url().getPort())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < 3; i++) {
                out.write(signed("secretsmanager", "secretsmanager.GetSecretValue", "{\"SecretId\":\"known\"}")
                        .getBytes(StandardCharsets.UTF_8));
                AwsEndpointTest.Reply secret = AwsEndpointTest.read(in);
                assertThat(secret.head().status()).isEqualTo(200);
                assertThat(secret.body()).contains("s3cr3t");
                // an anonymous S3 request (the fallback backend) on the same connection, then a HEAD (no body)
                out.write("GET /edge-bucket/k1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.UTF_8));
                AwsEndpointTest.Reply anonymous = AwsEndpointTest.read(in);
                assertThat(anonymous.head().status()).isEqualTo(403);
                out.write("HEAD /edge-bucket HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.UTF_8));
                Head head = Head.read(in);
                assertThat(head.status()).isEqualTo(403);
            }
            // a chunked body is relayed as it is
            out.write(signed("secretsmanager", "secretsmanager.GetSecretValue",
                    "4\r\n{\"Se\r\n10\r\ncretId\":\"known\"}\r\n0\r\n\r\n", "Transfer-Encoding: chunked")
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(AwsEndpointTest.read(in).body()).contains("s3cr3t");
            out.write(signed("secretsmanager", "secretsmanager.GetSecretValue", "{\"SecretId\":\"known\"}",
                    "Connection: close").getBytes(StandardCharsets.UTF_8));
            AwsEndpointTest.Reply last = AwsEndpointTest.read(in);
            assertThat(last.head().keepAlive()).isFalse();
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    /** A backend that closes each connection after its answer (as one does when a kept-alive connection idles out). */
    @Test
    void aBackendThatClosedAKeptConnectionGetsTheRequestAgainOnANewOne() throws Exception {
        try (ServerSocket backend = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread server = new Thread(() -> {
                while (!backend.isClosed()) {
                    try (Socket connection = backend.accept()) {
                        connections.incrementAndGet();
                        InputStream in = new BufferedInputStream(connection.getInputStream());
                        Head request = Head.read(in);
                        HttpWire.readExactly(in, (int) request.contentLength());
                        connection.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                                .getBytes(StandardCharsets.ISO_8859_1));
                    } catch (Exception closed) {
                        return;
                    }
                }
            });
            server.setDaemon(true);
            server.start();
            try (EdgeRouter flakyEdge = EdgeRouter.start("127.0.0.1", 0, Map.of("flaky", backend.getLocalPort()), "flaky");
                    Socket socket = new Socket("127.0.0.1", flakyEdge.url().getPort())) {
                OutputStream out = socket.getOutputStream();
                InputStream in = new BufferedInputStream(socket.getInputStream());
                for (int i = 0; i < 3; i++) {
                    out.write(signed("flaky", "Flaky.Call", "{}").getBytes(StandardCharsets.UTF_8));
                    AwsEndpointTest.Reply reply = AwsEndpointTest.read(in);
                    assertThat(reply.head().status()).isEqualTo(200);
                    assertThat(reply.body()).isEqualTo("ok");
                }
                assertThat(connections.get()).isEqualTo(3);
            }
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
        assertThat(EdgeRouter.withoutHopByHopHeaders("GET / HTTP/1.1\r\nConnection: Upgrade, HTTP2-Settings\r\nHost: x\r\nUpgrade: h2c\r\nHTTP2-Settings: AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA\r\nKeep-Alive: timeout=5\r\n\r\n"))
                .isEqualTo("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    }
}
