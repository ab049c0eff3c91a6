package io.pyairtable.functions.core.snapstart;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Priming steps that run the AWS SDK without the network: each call goes through a client of the same service and
 * region as the function's (endpoint rules, marshalling, SigV4 signing, interceptors, retry strategy, unmarshalling)
 * whose HTTP client is an {@link OfflineHttpClient} — it reads the request and answers an empty {@code 200} itself,
 * never opening a socket. Credentials are static placeholders, so the function's own credential provider (in
 * SnapStart: the container credentials endpoint) is never resolved into the snapshot.
 */
public final class OfflineSdk {
    private static final StaticCredentialsProvider PLACEHOLDER =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));
    private static final Map<String, AttributeValue> KEY = Map.of("pk", AttributeValue.fromS("priming"),
            "sk", AttributeValue.fromS("priming"));

    private OfflineSdk() {
    }

    /**
     * An {@link SdkHttpClient} that answers every request with {@code 200} and a fixed body, without a socket;
     * counts the requests it answered.
     */
    public static final class OfflineHttpClient implements SdkHttpClient {
        private final String contentType;
        private final byte[] body;
        private final AtomicInteger requests = new AtomicInteger();

        public OfflineHttpClient(String contentType, String body) {
            this.contentType = contentType;
            this.body = body.getBytes(StandardCharsets.UTF_8);
        }

        /** For JSON-protocol services (DynamoDB, Secrets Manager, Step Functions): an empty object. */
        public static OfflineHttpClient json() {
            return new OfflineHttpClient("application/x-amz-json-1.0", "{}");
        }

        /** For REST services answering with no body (S3 puts and gets of an empty object). */
        public static OfflineHttpClient empty() {
            return new OfflineHttpClient("application/octet-stream", "");
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    if (request.contentStreamProvider().isPresent()) {
                        try (InputStream in = request.contentStreamProvider().get().newStream()) {
                            in.transferTo(java.io.OutputStream.nullOutputStream());
                        }
                    }
                    requests.incrementAndGet();
                    SdkHttpResponse response = SdkHttpResponse.builder().statusCode(200)
                            .putHeader("Content-Type", contentType)
                            .putHeader("Content-Length", String.valueOf(body.length))
                            .putHeader("x-amzn-RequestId", "priming").build();
                    return HttpExecuteResponse.builder().response(response)
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }

        public int requests() {
            return requests.get();
        }
    }

    /** {@code builder} configured like the function's clients, but offline (see the class comment). */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder,
            Map<String, String> env, SdkHttpClient http) {
        return builder.httpClient(http).region(region(env)).credentialsProvider(PLACEHOLDER).build();
    }

    public static Region region(Map<String, String> env) {
        String region = env.get("AWS_REGION");
        return Region.of(region == null || region.isBlank() ? "us-east-1" : region);
    }

    /** Placeholder credentials, for offline presigners. */
    public static StaticCredentialsProvider placeholderCredentials() {
        return PLACEHOLDER;
    }

    /** The DynamoDB operations the functions use, each once. */
    public static Priming.Step dynamoDb(Map<String, String> env) {
        return Priming.step("DynamoDB (offline)", () -> {
            try (DynamoDbClient db = client(DynamoDbClient.builder(), env, OfflineHttpClient.json())) {
                db.getItem(b -> b.tableName("priming").key(KEY).consistentRead(true));
                db.putItem(b -> b.tableName("priming").item(KEY).conditionExpression("attribute_not_exists(pk)"));
                db.updateItem(b -> b.tableName("priming").key(KEY).updateExpression("SET #n = :v ADD #c :one")
                        .expressionAttributeNames(Map.of("#n", "name", "#c", "count"))
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("v"), ":one",
                                AttributeValue.fromN("1")))
                        .returnValues(ReturnValue.ALL_NEW));
                db.query(b -> b.tableName("priming").indexName("priming").keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("priming"))).limit(50));
                db.batchGetItem(b -> b.requestItems(Map.of("priming", KeysAndAttributes.builder().keys(KEY).build())));
                db.transactWriteItems(b -> b.transactItems(t -> t.put(p -> p.tableName("priming").item(KEY)),
                        t -> t.delete(d -> d.tableName("priming").key(KEY))));
                db.deleteItem(b -> b.tableName("priming").key(KEY));
            }
        });
    }

    /** {@code GetSecretValue}, as signing keys and Airtable connections read it. */
    public static Priming.Step secretsManager(Map<String, String> env) {
        return Priming.step("Secrets Manager (offline)", () -> {
            try (SecretsManagerClient secrets = client(SecretsManagerClient.builder(), env,
                    new OfflineHttpClient("application/x-amz-json-1.1", "{}"))) {
                secrets.getSecretValue(b -> b.secretId("priming"));
            }
        });
    }

    /**
     * The JDK's TLS client: the default {@link SSLContext} (trust store), and a client handshake's first flight
     * produced in memory; plus the url-connection client preparing a request (it opens no connection before
     * {@code call()}).
     */
    public static Priming.Step tls(Map<String, String> env) {
        return Priming.step("TLS and url-connection client (offline)", () -> {
            SSLContext context = SSLContext.getDefault();
            HttpsURLConnection.getDefaultSSLSocketFactory();
            String host = "dynamodb." + region(env).id() + ".amazonaws.com";
            SSLEngine engine = context.createSSLEngine(host, 443);
            engine.setUseClientMode(true);
            engine.beginHandshake();
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.allocate(0), out);
            engine.closeOutbound();
            URI endpoint = env.containsKey("AWS_ENDPOINT_URL") && !env.get("AWS_ENDPOINT_URL").isBlank()
                    ? URI.create(env.get("AWS_ENDPOINT_URL")) : URI.create("https://" + host + "/");
            try (SdkHttpClient http = UrlConnectionHttpClient.create()) {
                SdkHttpRequest request = SdkHttpRequest.builder().uri(endpoint).method(SdkHttpMethod.POST)
                        .putHeader("Content-Type", "application/x-amz-json-1.0").build();
                http.prepareRequest(HttpExecuteRequest.builder().request(request).build()).abort();
            }
        });
    }

    /** The steps every function that calls AWS shares: TLS, DynamoDB, Secrets Manager. */
    public static List<Priming.Step> common(Map<String, String> env) {
        return List.of(tls(env), dynamoDb(env), secretsManager(env));
    }
}
