package io.pyairtable.local.bench;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One cold DynamoDB client, in a fresh JVM (ColdStartBenchmark launches it): builds the SDK HTTP client named by the
 * first argument and a {@link DynamoDbClient} on it, then reads one existing item from the local cloud; prints the
 * wall-clock instants (epoch microseconds) of entering {@code main}, of the client being built and of the response.
 * Only the chosen HTTP client's classes are loaded.
 */
public final class HttpClientProbe {
    private HttpClientProbe() {
    }

    public static void main(String[] args) {
        long entered = micros();
        String kind = args[0];
        SdkHttpClient http = switch (kind) {
            case "url-connection" -> software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create();
            case "apache" -> software.amazon.awssdk.http.apache.ApacheHttpClient.create();
            case "apache5" -> software.amazon.awssdk.http.apache5.Apache5HttpClient.create();
            case "aws-crt" -> software.amazon.awssdk.http.crt.AwsCrtHttpClient.create();
            default -> throw new IllegalArgumentException("unknown HTTP client " + kind);
        };
        DynamoDbClient db = DynamoDbClient.builder().httpClient(http).endpointOverride(URI.create(args[1]))
                .region(Region.of(args[2]))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        long created = micros();
        boolean found = db.getItem(b -> b.tableName(args[3]).key(Map.of("pk", AttributeValue.fromS("cold-start"))))
                .hasItem();
        long responded = micros();
        System.out.println("http-client " + kind + " entered=" + entered + " created=" + created + " responded="
                + responded + " found=" + found);
        db.close();
        System.exit(found ? 0 : 2);
    }

    private static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
