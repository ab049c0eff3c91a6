package io.pyairtable.functions.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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

    /**
     * Small JSON-protocol requests leave the SDK without a Content-Length, so the JDK buffers the body and sends it
     * with the head (and sets the header itself); what reaches the server is a complete, valid request.
     */
    @Test
    void smallJsonRequestsGoOutWithTheirHeadAndLargeOnesStream() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<String> heads = new CopyOnWriteArrayList<>();
            List<Integer> bodies = new CopyOnWriteArrayList<>();
            Thread serving = new Thread(() -> {
                while (true) {
                    try (Socket socket = server.accept()) {
                        InputStream in = socket.getInputStream();
                        String head = head(in);
                        int length = Integer.parseInt(head.replaceAll("(?is).*\r\ncontent-length: *(\\d+).*", "$1"));
                        bodies.add(in.readNBytes(length).length);
                        heads.add(head);
                        socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\n"
                                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1));
                    } catch (Exception closed) {
                        return;
                    }
                }
            });
            serving.setDaemon(true);
            serving.start();
            List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();
            ExecutionInterceptor capture = new ExecutionInterceptor() {
                @Override
                public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                    sent.add(context.httpRequest());
                }
            };
            var env = new Env(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:" + server.getLocalPort(),
                    "AWS_REGION", "eu-west-1", "AWS_ACCESS_KEY_ID", "id", "AWS_SECRET_ACCESS_KEY", "s"));
            try (DynamoDbClient dynamo = new AwsClients(env).configure(DynamoDbClient.builder()
                    .overrideConfiguration(o -> o.addExecutionInterceptor(capture)))) {
                dynamo.getItem(b -> b.tableName("things").key(Map.of("pk", AttributeValue.fromS("a"))));
                String big = "x".repeat((int) AwsClients.SmallJsonRequestsInOneWrite.MAX_BUFFERED_BYTES);
                dynamo.putItem(b -> b.tableName("things").item(Map.of("pk", AttributeValue.fromS(big))));
            }
            assertThat(sent.get(0).firstMatchingHeader("Content-Length")).as("the SDK does not stream it").isEmpty();
            assertThat(sent.get(1).firstMatchingHeader("Content-Length")).as("over the limit: streamed").isPresent();
            assertThat(heads.get(0)).containsIgnoringCase("content-length: " + bodies.get(0))
                    .contains("X-Amz-Target: DynamoDB_20120810.GetItem").doesNotContainIgnoringCase("expect:");
            assertThat(bodies.get(1)).isGreaterThan((int) AwsClients.SmallJsonRequestsInOneWrite.MAX_BUFFERED_BYTES);
        }
    }

    private static String head(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException();
            }
            head.append((char) b);
        }
        return head.toString();
    }

    @Test
    void envReportsMissingVariablesByName() {
        var env = new Env(Map.of("A", "1", "B", " "));
        assertThat(env.optional("B", "x")).isEqualTo("x");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> env.required("B"))).hasMessageContaining("B");
    }
}
