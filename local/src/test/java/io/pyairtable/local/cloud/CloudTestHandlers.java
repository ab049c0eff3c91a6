package io.pyairtable.local.cloud;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Functions of the test app (resources/cloud/app.yaml), written like real ones: configuration from the
 * environment map the host passes (System.getenv in AWS), AWS SDK clients built once per instance.
 */
public final class CloudTestHandlers {
    private CloudTestHandlers() {}

    /** What every handler needs: its environment and SDK clients pointed at AWS_ENDPOINT_URL. */
    static final class Aws {
        final Map<String, String> env;

        Aws(Map<String, String> env) {
            this.env = env;
        }

        <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>, C> C client(B builder) {
            return builder.endpointOverride(URI.create(env.get("AWS_ENDPOINT_URL")))
                    .region(Region.of(env.get("AWS_REGION")))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY"))))
                    .build();
        }

        S3Client s3() {
            return client(S3Client.builder().forcePathStyle(true).httpClient(UrlConnectionHttpClient.create()));
        }
    }

    /** POST /files/{name}: stores the body under drop/{name} in the bucket. */
    public static final class Upload implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        private final Aws aws;
        private final S3Client s3;

        public Upload() {
            this(System.getenv());
        }

        public Upload(Map<String, String> env) {
            aws = new Aws(env);
            s3 = aws.s3();
        }

        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            String key = "drop/" + event.getPathParameters().get("name");
            byte[] body = event.getIsBase64Encoded() // API Gateway base64-encodes bodies it does not know to be text
                    ? java.util.Base64.getDecoder().decode(event.getBody())
                    : event.getBody().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            s3.putObject(b -> b.bucket(aws.env.get("BUCKET")).key(key), RequestBody.fromBytes(body));
            return APIGatewayV2HTTPResponse.builder().withStatusCode(202)
                    .withHeaders(Map.of("Content-Type", "application/json"))
                    .withBody("{\"key\":\"" + key + "\"}").build();
        }
    }

    /** GET /info: what the function sees (never the secret's value, only its shape). */
    public static final class Info implements RequestHandler<APIGatewayV2HTTPEvent, Map<String, Object>> {
        private final Aws aws;
        private final SecretsManagerClient secrets;

        public Info() {
            this(System.getenv());
        }

        public Info(Map<String, String> env) {
            aws = new Aws(env);
            secrets = aws.client(SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()));
        }

        @Override
        public Map<String, Object> handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            String secret = secrets.getSecretValue(b -> b.secretId(aws.env.get("SECRET_ID"))).secretString();
            return Map.of("stage", aws.env.get("STAGE"), "airtable", aws.env.get("AIRTABLE_URL"),
                    "secretLength", secret.length(), "secretHasKid", secret.contains("\"kid\":\"k1\""),
                    "function", context.getFunctionName());
        }
    }

    /** S3 drop/*.csv: records a job and starts the saga for it. */
    public static final class Trigger implements RequestHandler<S3Event, String> {
        private final Aws aws;
        private final DynamoDbClient dynamo;
        private final SfnClient sfn;

        public Trigger() {
            this(System.getenv());
        }

        public Trigger(Map<String, String> env) {
            aws = new Aws(env);
            dynamo = aws.client(DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()));
            sfn = aws.client(SfnClient.builder().httpClient(UrlConnectionHttpClient.create()));
        }

        @Override
        public String handleRequest(S3Event event, Context context) {
            var record = event.getRecords().get(0);
            String key = record.getS3().getObject().getUrlDecodedKey();
            dynamo.putItem(b -> b.tableName(aws.env.get("TABLE")).item(Map.of(
                    "pk", AttributeValue.fromS(key), "status", AttributeValue.fromS("RUNNING"),
                    "size", AttributeValue.fromN(String.valueOf(record.getS3().getObject().getSizeAsLong())))));
            String name = key.replaceAll("[^A-Za-z0-9_-]", "_");
            sfn.startExecution(b -> b.stateMachineArn(aws.env.get("STATE_MACHINE_ARN")).name(name)
                    .input("{\"bucket\":\"" + record.getS3().getBucket().getName() + "\",\"key\":\"" + key + "\"}"));
            return name;
        }
    }

    /** Saga step: counts the lines of the object. */
    public static final class CountLines implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        private final S3Client s3;

        public CountLines() {
            this(System.getenv());
        }

        public CountLines(Map<String, String> env) {
            s3 = new Aws(env).s3();
        }

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
            String text = s3.getObjectAsBytes(b -> b.bucket((String) input.get("bucket")).key((String) input.get("key")))
                    .asUtf8String();
            return Map.of("lines", text.lines().count());
        }
    }
}
