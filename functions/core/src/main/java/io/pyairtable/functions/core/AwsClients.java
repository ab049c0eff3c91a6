package io.pyairtable.functions.core;

import java.net.URI;
import java.util.Locale;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * AWS SDK v2 clients built from a function's environment map (not the process environment, which the local cloud
 * cannot vary per function): {@code AWS_ENDPOINT_URL} as endpoint override when set, {@code AWS_REGION}, static
 * credentials only when both {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} are in the map (with
 * {@code AWS_SESSION_TOKEN} when present, as in Lambda), else the SDK's default chain, and the light
 * {@link UrlConnectionHttpClient}, one per {@code AwsClients} (it holds no connections itself: the JDK's keep-alive
 * cache does) with {@link SmallJsonRequestsInOneWrite}.
 */
public final class AwsClients {
    private final Env env;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final AwsCredentialsProvider credentials;

    public AwsClients(Env env) {
        this.env = env;
        this.credentials = credentials(env);
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder());
    }

    public SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder());
    }

    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder) {
        builder.httpClient(http);
        builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                .addExecutionInterceptor(new SmallJsonRequestsInOneWrite()).build());
        if (env.has("AWS_ENDPOINT_URL")) {
            builder.endpointOverride(URI.create(env.required("AWS_ENDPOINT_URL")));
        }
        if (env.has("AWS_REGION")) {
            builder.region(Region.of(env.required("AWS_REGION")));
        }
        builder.credentialsProvider(credentials);
        return builder.build();
    }

    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    private static AwsCredentialsProvider credentials(Env env) {
        if (env.has("AWS_ACCESS_KEY_ID") && env.has("AWS_SECRET_ACCESS_KEY")) {
            if (env.has("AWS_SESSION_TOKEN")) { // Lambda's own role credentials come with a session token
                return StaticCredentialsProvider.create(AwsSessionCredentials.create(env.required("AWS_ACCESS_KEY_ID"),
                        env.required("AWS_SECRET_ACCESS_KEY"), env.required("AWS_SESSION_TOKEN")));
            }
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(env.required("AWS_ACCESS_KEY_ID"),
                    env.required("AWS_SECRET_ACCESS_KEY")));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /**
     * Lets the JDK frame small JSON-protocol requests (DynamoDB, Secrets Manager, Step Functions) itself, so head
     * and body leave in one write.
     *
     * <p>Why: given a {@code Content-Length}, {@link UrlConnectionHttpClient} puts the connection in fixed-length
     * streaming mode, which writes the head and then the body in a second, small write. The JDK never sets
     * {@code TCP_NODELAY} on {@code HttpURLConnection} sockets, so Nagle's algorithm holds that body back until the
     * server has acknowledged the head — which the server does only once it has woken up and read it (or after its
     * delayed-ACK timer). That costs about a millisecond per call on loopback (measured: an {@code UpdateItem}
     * 1.9 → 0.75 ms, docs/performance.md) and up to a network round trip per call against AWS. Without the header the
     * JDK buffers the body (at most {@link #MAX_BUFFERED_BYTES} here), sets {@code Content-Length} itself and sends
     * everything at once. The header is removed before signing, so the signature simply does not cover it (SigV4
     * does not require it). Large bodies and every other protocol (S3 uploads, {@code Expect: 100-continue}) keep
     * streaming.
     */
    static final class SmallJsonRequestsInOneWrite implements ExecutionInterceptor {
        static final long MAX_BUFFERED_BYTES = 1024 * 1024;

        @Override
        public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
            SdkHttpRequest request = context.httpRequest();
            String type = request.firstMatchingHeader("Content-Type").orElse("").toLowerCase(Locale.ROOT);
            boolean small = request.firstMatchingHeader("Content-Length").map(SmallJsonRequestsInOneWrite::length)
                    .filter(length -> length >= 0 && length <= MAX_BUFFERED_BYTES).isPresent();
            if (!type.startsWith("application/x-amz-json-") || !small
                    || request.firstMatchingHeader("Expect").isPresent()
                    || request.firstMatchingHeader("Transfer-Encoding").isPresent()) {
                return request;
            }
            return request.toBuilder().removeHeader("Content-Length").build();
        }

        private static long length(String value) {
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
