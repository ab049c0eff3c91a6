package io.pyairtable.local.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The local S3 with the real AWS SDK S3 client and plain HTTP for presigned URLs. */
class LocalS3Test {
    private LocalS3 s3;
    private S3Client client;
    private final List<JsonNode> delivered = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        s3 = LocalS3.start("127.0.0.1", 0, null, "us-east-1", List.of("http://localhost:3000"));
        s3.ensureBucket("uploads-bucket");
        s3.subscribe(new S3Subscription("uploads-bucket", List.of("s3:ObjectCreated:*"), "uploads/", ".csv", delivered::add));
        client = client(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY);
    }

    @AfterEach
    void stop() {
        client.close();
        s3.close();
    }

    private S3Client client(String accessKey, String secretKey) {
        return S3Client.builder().endpointOverride(s3.url()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
    }

    @Test
    void putGetAndListWithTheRealSdk() {
        client.putObject(b -> b.bucket("uploads-bucket").key("a/b.txt"), RequestBody.fromString("hello"));
        assertThat(client.getObjectAsBytes(b -> b.bucket("uploads-bucket").key("a/b.txt")).asUtf8String()).isEqualTo("hello");
        assertThat(client.listObjectsV2(b -> b.bucket("uploads-bucket").prefix("a/")).contents()).hasSize(1);
    }

    @Test
    void notifiesMatchingObjectsAsS3EventsThatDeserialize() throws Exception {
        client.putObject(b -> b.bucket("uploads-bucket").key("uploads/u1/i1/My File.csv"), RequestBody.fromString("a,b\n1,2\n"));
        client.putObject(b -> b.bucket("uploads-bucket").key("uploads/u1/i1/notes.txt"), RequestBody.fromString("no"));
        client.putObject(b -> b.bucket("uploads-bucket").key("drop/x.csv"), RequestBody.fromString("no"));
        s3.awaitNotifications();
        assertThat(delivered).hasSize(1);
        JsonNode record = delivered.get(0).path("Records").get(0);
        assertThat(record.path("eventName").asText()).isEqualTo("ObjectCreated:Put");
        assertThat(record.path("s3").path("object").path("key").asText()).isEqualTo("uploads%2Fu1%2Fi1%2FMy+File.csv");
        assertThat(record.path("s3").path("object").path("size").asLong()).isEqualTo(8);

        assertThat(record.path("s3").path("bucket").path("name").asText()).isEqualTo("uploads-bucket");
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:s3");
        assertThat(record.path("s3").path("object").path("eTag").asText()).matches("[0-9a-f]{32}");
    }

    @Test
    void presignedPutWorksFromPlainHttpAndNotifies() throws Exception {
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(s3.url()).region(Region.US_EAST_1)
                .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY)))
                .build()) {
            URI url = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(15))
                    .putObjectRequest(r -> r.bucket("uploads-bucket").key("uploads/u2/i2/data.csv").contentType("text/csv")))
                    .url().toURI();
            HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                    .header("Content-Type", "text/csv").PUT(HttpRequest.BodyPublishers.ofString("x,y\n")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).isEqualTo(200);

            HttpResponse<String> tampered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url.toString().replace("data.csv", "other.csv")))
                    .header("Content-Type", "text/csv").PUT(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(tampered.statusCode()).as("signature covers the key").isEqualTo(403);
        }
        s3.awaitNotifications();
        assertThat(delivered).hasSize(1);
    }

    @Test
    void multipartUploadNotifiesOnceOnCompletion() throws Exception {
        String key = "uploads/u3/i3/big.csv";
        String uploadId = client.createMultipartUpload(b -> b.bucket("uploads-bucket").key(key)).uploadId();
        byte[] part = new byte[5 * 1024 * 1024];
        String e1 = client.uploadPart(b -> b.bucket("uploads-bucket").key(key).uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(part)).eTag();
        String e2 = client.uploadPart(b -> b.bucket("uploads-bucket").key(key).uploadId(uploadId).partNumber(2),
                RequestBody.fromString("tail")).eTag();
        client.completeMultipartUpload(b -> b.bucket("uploads-bucket").key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(e1).build(),
                        CompletedPart.builder().partNumber(2).eTag(e2).build())));
        s3.awaitNotifications();
        assertThat(delivered).hasSize(1);
        assertThat(delivered.get(0).path("Records").get(0).path("eventName").asText())
                .isEqualTo("ObjectCreated:CompleteMultipartUpload");
        assertThat(delivered.get(0).path("Records").get(0).path("s3").path("object").path("size").asLong())
                .isEqualTo(part.length + 4);
    }

    @Test
    void requestsSignedWithOtherCredentialsAreRefused() {
        try (S3Client stranger = client("someone", "else")) {
            assertThatThrownBy(() -> stranger.listObjectsV2(b -> b.bucket("uploads-bucket")))
                    .isInstanceOf(S3Exception.class)
                    .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
        }
    }

    @Test
    void persistsObjectsInTheDataDirectory(@TempDir Path dir) throws Exception {
        s3.close();
        client.close();
        s3 = LocalS3.start("127.0.0.1", 0, dir, "us-east-1", List.of());
        s3.ensureBucket("kept");
        client = client(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY);
        client.putObject(b -> b.bucket("kept").key("k.txt"), RequestBody.fromString("v"));
        s3.close();
        client.close();
        assertThat(Files.walk(dir).filter(Files::isRegularFile).map(Path::toString)).anyMatch(p -> p.endsWith("k.txt"));

        s3 = LocalS3.start("127.0.0.1", 0, dir, "us-east-1", List.of());
        client = client(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY);
        assertThat(client.getObjectAsBytes(b -> b.bucket("kept").key("k.txt")).asUtf8String()).isEqualTo("v");
    }

    @Test
    void subscriptionsRejectEventsTheLocalCloudCannotDeliver() {
        assertThatThrownBy(() -> new S3Subscription("b", List.of("s3:ObjectRemoved:*"), "", "", e -> {}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("s3:ObjectRemoved:*");
        S3Subscription put = new S3Subscription("b", List.of("s3:ObjectCreated:Put"), "", "", e -> {});
        assertThat(put.matches("b", "ObjectCreated:Put", "k")).isTrue();
        assertThat(put.matches("b", "ObjectCreated:Copy", "k")).isFalse();
        assertThat(put.matches("other", "ObjectCreated:Put", "k")).isFalse();
        assertThat(NotifyingBlobStore.isBookkeeping("uploads/.s3proxy-mpu-stub-1")).isTrue();
    }
}
