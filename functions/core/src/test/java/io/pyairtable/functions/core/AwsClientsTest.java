package io.pyairtable.functions.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

class AwsClientsTest {
    @Test
    void staticCredentialsOnlyWhenBothKeysAreInTheMap() {
        assertThat(new AwsClients(new Env(Map.of("AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "s")))
                .credentials()).isInstanceOf(StaticCredentialsProvider.class);
        assertThat(new AwsClients(new Env(Map.of("AWS_ACCESS_KEY_ID", "id"))).credentials())
                .isInstanceOf(DefaultCredentialsProvider.class);
        assertThat(new AwsClients(new Env(Map.of())).credentials()).isInstanceOf(DefaultCredentialsProvider.class);
        assertThat(new AwsClients(new Env(Map.of("AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "s",
                "AWS_SESSION_TOKEN", "t"))).credentials().resolveCredentials()).isInstanceOf(AwsSessionCredentials.class);
    }

    @Test
    void buildsClientsWithTheEndpointOverride() {
        var env = new Env(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4566", "AWS_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "s"));
        try (var dynamo = new AwsClients(env).dynamoDb()) {
            assertThat(dynamo.serviceClientConfiguration().endpointOverride()).hasValueSatisfying(
                    uri -> assertThat(uri.toString()).isEqualTo("http://127.0.0.1:4566"));
            assertThat(dynamo.serviceClientConfiguration().region().id()).isEqualTo("eu-west-1");
        }
    }

    @Test
    void envReportsMissingVariablesByName() {
        var env = new Env(Map.of("A", "1", "B", " "));
        assertThat(env.optional("B", "x")).isEqualTo("x");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> env.required("B"))).hasMessageContaining("B");
    }
}
