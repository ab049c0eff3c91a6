package io.pyairtable.local.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pyairtable.local.aws.HttpWire.Head;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The endpoint's HTTP/1.1 on the wire: persistent connections, framing, 100-continue, limits. */
public class AwsEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static AwsEndpoint endpoint;

    /** Echoes the operation and the input. */
    private static final class Echo implements AwsJsonService {
        @Override
        public String signingName() {
            return "echo";
        }

        @Override
        public String targetPrefix() {
            return "Echo_1";
        }

        @Override
        public String contentType() {
            return "application/x-amz-json-1.0";
        }

        @Override
        public JsonNode handle(String operation, JsonNode input) {
            if (operation.equals("Fail")) {
                throw new AwsServiceException(400, "ValidationException", "no");
            }
            return JSON.createObjectNode().put("operation", operation).set("input", input);
        }
    }

    /** A reply read off the socket: head and body (by Content-Length). */
    public record Reply(Head head, String body) {
    }

    @BeforeAll
    static void start() {
        endpoint = AwsEndpoint.start("127.0.0.1", 0, List.of(new Echo()));
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    static String post(String operation, String body, String... extraHeaders) {
        StringBuilder request = new StringBuilder("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: Echo_1." + operation + "\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        boolean chunked = String.join("\n", extraHeaders).contains("chunked");
        if (!chunked && !String.join("\n", extraHeaders).contains("Content-Length")) {
            request.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        }
        return request.append("\r\n").append(body).toString();
    }

    public static Reply read(InputStream in) throws Exception {
        Head head = Head.read(in);
        assertThat(head).as("a response").isNotNull();
        byte[] body = head.hasNoBody() ? new byte[0] : head.isChunked() ? HttpWire.readChunked(in, 1 << 20)
                : HttpWire.readExactly(in, (int) head.contentLength());
        return new Reply(head, new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void oneConnectionCarriesManyCallsAndClosesWhenAsked() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", endpoint.url().getPort())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < 3; i++) {
                out.write(post("Get", "{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
                Reply reply = read(in);
                assertThat(reply.head().status()).isEqualTo(200);
                assertThat(reply.head().header("x-amzn-RequestId")).isNotBlank();
                assertThat(reply.head().keepAlive()).isTrue();
                assertThat(JSON.readTree(reply.body()).at("/input/n").asInt()).isEqualTo(i);
            }
            // two requests in one write (pipelined) are answered in order
            out.write((post("A", "{}") + post("Fail", "{}")).getBytes(StandardCharsets.UTF_8));
            assertThat(JSON.readTree(read(in).body()).get("operation").asText()).isEqualTo("A");
            Reply failed = read(in);
            assertThat(failed.head().status()).isEqualTo(400);
            assertThat(failed.head().header("x-amzn-ErrorType")).isEqualTo("ValidationException");
            assertThat(JSON.readTree(failed.body()).get("__type").asText()).isEqualTo("ValidationException");

            out.write(post("Last", "{}", "Connection: close").getBytes(StandardCharsets.UTF_8));
            Reply last = read(in);
            assertThat(last.head().keepAlive()).isFalse();
            assertThat(in.read()).as("closed after the answer").isEqualTo(-1);
        }
    }

    @Test
    void chunkedBodiesAndExpectContinue() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", endpoint.url().getPort())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            out.write(post("Chunked", "5\r\n{\"a\":\r\n3;x=y\r\n42}\r\n0\r\nTrailer: t\r\n\r\n", "Transfer-Encoding: chunked")
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(JSON.readTree(read(in).body()).at("/input/a").asInt()).isEqualTo(42);

            String head = post("Continue", "", "Expect: 100-continue", "Content-Length: 7");
            out.write(head.getBytes(StandardCharsets.UTF_8));
            assertThat(Head.read(in).status()).isEqualTo(100);
            out.write("{\"c\":1}".getBytes(StandardCharsets.UTF_8));
            Reply reply = read(in);
            assertThat(reply.head().status()).isEqualTo(200);
            assertThat(JSON.readTree(reply.body()).at("/input/c").asInt()).isEqualTo(1);
        }
    }

    @Test
    void refusesBodiesOverTheLimitAndNonJsonCalls() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", endpoint.url().getPort())) {
            socket.getOutputStream().write(post("Big", "", "Content-Length: " + (AwsEndpoint.MAX_BODY_BYTES + 1))
                    .getBytes(StandardCharsets.UTF_8));
            Reply reply = read(new BufferedInputStream(socket.getInputStream()));
            assertThat(reply.head().status()).isEqualTo(413);
            assertThat(reply.head().keepAlive()).isFalse();
        }
        try (Socket socket = new Socket("127.0.0.1", endpoint.url().getPort())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(JSON.readTree(read(in).body()).get("__type").asText()).isEqualTo("UnknownOperationException");
            out.write(post("Bad", "not json").getBytes(StandardCharsets.UTF_8));
            assertThat(JSON.readTree(read(in).body()).get("__type").asText()).isEqualTo("SerializationException");
        }
    }
}
