package io.pyairtable.functions.core;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * AWS SDK v2 clients built from a function's environment map (not the process environment, which the local cloud
 * cannot vary per function): {@code AWS_ENDPOINT_URL} as endpoint override when set, {@code AWS_REGION}, static
 * credentials only when both {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} are in the map (with
 * {@code AWS_SESSION_TOKEN} when present, as in Lambda), else the SDK's default chain, and the light {@link UrlConnectionHttpClient}.
 */
public final class AwsClients {
    private final Env env;

    public AwsClients(Env env) {
        this.env = env;
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder());
    }

    public SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder());
    }

    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder) {
        builder.httpClient(UrlConnectionHttpClient.create());
        if (env.has("AWS_ENDPOINT_URL")) {
            builder.endpointOverride(URI.create(env.required("AWS_ENDPOINT_URL")));
        }
        if (env.has("AWS_REGION")) {
            builder.region(Region.of(env.required("AWS_REGION")));
        }
        builder.credentialsProvider(credentials());
        return builder.build();
    }

    public AwsCredentialsProvider credentials() {
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
}
