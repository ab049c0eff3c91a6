package io.pyairtable.functions.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The two providers' wire mappings at the JSON level: Bedrock Converse against the request/response shapes of
 * AWS's Converse API reference (tool use example), OpenAI chat completions against OpenAI's; and one real signed
 * HTTP call of each against a local server.
 */
class WireFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ToolSpec TOP_SONG = new ToolSpec("top_song", "Get the most popular song played on a radio station.",
            json("{\"type\":\"object\",\"properties\":{\"sign\":{\"type\":\"string\"}},\"required\":[\"sign\"]}"));

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ModelRequest conversation() {
        List<ChatMessage> messages = List.of(
                ChatMessage.user("What is the most popular song on WZPZ?"),
                ChatMessage.assistant(null, List.of(new ToolCall("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", "top_song",
                        json("{\"sign\":\"WZPZ\"}")))),
                ChatMessage.tool("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", "top_song", "{\"song\":\"Elemental Hotel\"}"),
                ChatMessage.assistant("The most popular song on WZPZ is Elemental Hotel.", null),
                ChatMessage.user("Thanks"));
        return new ModelRequest("You are a radio assistant.", messages, List.of(TOP_SONG), 512, Duration.ofSeconds(5));
    }

    @Test
    void converseRequestHasTheDocumentedShape() {
        JsonNode body = BedrockConverseProvider.toRequest(conversation());
        assertThat(body.get("system")).isEqualTo(json("[{\"text\":\"You are a radio assistant.\"}]"));
        assertThat(body.get("inferenceConfig")).isEqualTo(json("{\"maxTokens\":512}"));
        assertThat(body.at("/toolConfig/tools/0")).isEqualTo(json("{\"toolSpec\":{\"name\":\"top_song\","
                + "\"description\":\"Get the most popular song played on a radio station.\",\"inputSchema\":{\"json\":"
                + "{\"type\":\"object\",\"properties\":{\"sign\":{\"type\":\"string\"}},\"required\":[\"sign\"]}}}}"));
        assertThat(body.at("/toolConfig/toolChoice")).isEqualTo(json("{\"auto\":{}}"));
        assertThat(body.get("messages")).isEqualTo(json("["
                + "{\"role\":\"user\",\"content\":[{\"text\":\"What is the most popular song on WZPZ?\"}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"toolUse\":{\"toolUseId\":\"tooluse_kZJMlvQmRJ6eAyJE5GIl7Q\","
                + "\"name\":\"top_song\",\"input\":{\"sign\":\"WZPZ\"}}}]},"
                + "{\"role\":\"user\",\"content\":[{\"toolResult\":{\"toolUseId\":\"tooluse_kZJMlvQmRJ6eAyJE5GIl7Q\","
                + "\"content\":[{\"text\":\"{\\\"song\\\":\\\"Elemental Hotel\\\"}\"}],\"status\":\"success\"}}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"text\":\"The most popular song on WZPZ is Elemental Hotel.\"}]},"
                + "{\"role\":\"user\",\"content\":[{\"text\":\"Thanks\"}]}]"));
    }

    @Test
    void converseMergesConsecutiveToolResultsAndTheNextUserTextIntoOneUserMessage() {
        List<ChatMessage> messages = List.of(ChatMessage.user("two tools"),
                ChatMessage.assistant("calling", List.of(new ToolCall("a", "list_bases", json("{}")),
                        new ToolCall("b", "list_tables", json("{}")))),
                ChatMessage.tool("a", "list_bases", "{\"tool\":\"list_bases\"}"),
                ChatMessage.tool("b", "list_tables", ToolResults.error("list_tables", "baseId is required")),
                ChatMessage.user("next"));
        JsonNode body = BedrockConverseProvider.toRequest(new ModelRequest("s", messages, List.of(), 100,
                Duration.ofSeconds(1)));
        assertThat(body.get("messages")).hasSize(3);
        JsonNode results = body.at("/messages/2/content");
        assertThat(results).hasSize(3);
        assertThat(results.at("/0/toolResult/status").asText()).isEqualTo("success");
        assertThat(results.at("/1/toolResult/status").asText()).isEqualTo("error");
        assertThat(results.at("/2/text").asText()).isEqualTo("next");
        assertThat(body.at("/messages/1/content/0/text").asText()).isEqualTo("calling");
        assertThat(body.has("toolConfig")).isFalse();
    }

    @Test
    void converseResponseWithToolUseAndUsage() {
        ModelReply reply = BedrockConverseProvider.fromResponse(json("{\"output\":{\"message\":{\"role\":\"assistant\","
                + "\"content\":[{\"text\":\"I'll look up the top song.\"},{\"toolUse\":{\"toolUseId\":"
                + "\"tooluse_kZJMlvQmRJ6eAyJE5GIl7Q\",\"name\":\"top_song\",\"input\":{\"sign\":\"WZPZ\"}}}]}},"
                + "\"stopReason\":\"tool_use\",\"usage\":{\"inputTokens\":375,\"outputTokens\":74,\"totalTokens\":449},"
                + "\"metrics\":{\"latencyMs\":1243}}"));
        assertThat(reply.text()).isEqualTo("I'll look up the top song.");
        assertThat(reply.toolCalls()).containsExactly(new ToolCall("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", "top_song",
                json("{\"sign\":\"WZPZ\"}")));
        assertThat(reply.stopReason()).isEqualTo("tool_use");
        assertThat(reply.inputTokens()).isEqualTo(375);
        assertThat(reply.outputTokens()).isEqualTo(74);
        assertThat(reply.usageEstimated()).isFalse();
    }

    @Test
    void converseAnswersWeCannotReadAreModelErrors() {
        for (String bad : List.of("{}", "{\"output\":{\"message\":{\"content\":[]}},\"usage\":{\"inputTokens\":1,\"outputTokens\":1}}",
                "{\"output\":{\"message\":{\"content\":[{\"text\":\"hi\"}]}}}",
                "{\"output\":{\"message\":{\"content\":[{\"toolUse\":{\"name\":\"x\"}}]}},\"usage\":{\"inputTokens\":1,\"outputTokens\":1}}")) {
            assertThatThrownBy(() -> BedrockConverseProvider.fromResponse(json(bad))).as(bad)
                    .isInstanceOf(ModelException.class);
        }
    }

    @Test
    void openAiRequestAndResponse() {
        JsonNode body = OpenAiChatProvider.toRequest("gpt-test", conversation());
        assertThat(body.get("model").asText()).isEqualTo("gpt-test");
        assertThat(body.at("/messages/0")).isEqualTo(json("{\"role\":\"system\",\"content\":\"You are a radio assistant.\"}"));
        assertThat(body.at("/messages/2")).isEqualTo(json("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":["
                + "{\"id\":\"tooluse_kZJMlvQmRJ6eAyJE5GIl7Q\",\"type\":\"function\",\"function\":{\"name\":\"top_song\","
                + "\"arguments\":\"{\\\"sign\\\":\\\"WZPZ\\\"}\"}}]}"));
        assertThat(body.at("/messages/3")).isEqualTo(json("{\"role\":\"tool\",\"tool_call_id\":"
                + "\"tooluse_kZJMlvQmRJ6eAyJE5GIl7Q\",\"content\":\"{\\\"song\\\":\\\"Elemental Hotel\\\"}\"}"));
        assertThat(body.at("/tools/0/function/name").asText()).isEqualTo("top_song");
        assertThat(body.at("/tools/0/type").asText()).isEqualTo("function");
        assertThat(OpenAiChatProvider.toRequest(null, conversation()).has("model")).isFalse();

        ModelReply reply = OpenAiChatProvider.fromResponse(json("{\"choices\":[{\"index\":0,\"message\":{\"role\":"
                + "\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":"
                + "{\"name\":\"top_song\",\"arguments\":\"{\\\"sign\\\":\\\"WZPZ\\\"}\"}},{\"id\":\"call_2\",\"type\":"
                + "\"function\",\"function\":{\"name\":\"top_song\",\"arguments\":\"{not json\"}}]},\"finish_reason\":"
                + "\"tool_calls\"}],\"usage\":{\"prompt_tokens\":82,\"completion_tokens\":17,\"total_tokens\":99}}"),
                conversation());
        assertThat(reply.toolCalls()).hasSize(2);
        assertThat(reply.toolCalls().get(0).arguments()).isEqualTo(json("{\"sign\":\"WZPZ\"}"));
        assertThat(reply.toolCalls().get(1).arguments().isTextual()).isTrue(); // answered as a tool error later
        assertThat(reply.inputTokens()).isEqualTo(82);
        assertThat(reply.outputTokens()).isEqualTo(17);

        ModelReply estimated = OpenAiChatProvider.fromResponse(json("{\"choices\":[{\"message\":{\"content\":\"12345678\"}}]}"),
                conversation());
        assertThat(estimated.usageEstimated()).isTrue();
        assertThat(estimated.outputTokens()).isEqualTo(2);
        assertThat(estimated.inputTokens()).isPositive();

        for (String bad : List.of("{}", "{\"choices\":[]}", "{\"choices\":[{\"message\":{}}]}",
                "{\"choices\":[{\"message\":{\"tool_calls\":{}}}]}",
                "{\"choices\":[{\"message\":{\"tool_calls\":[{\"function\":{\"name\":\"x\"}}]}}]}")) {
            assertThatThrownBy(() -> OpenAiChatProvider.fromResponse(json(bad), conversation())).as(bad)
                    .isInstanceOf(ModelException.class);
        }
        assertThat(OpenAiChatProvider.endpoint(URI.create("http://h/v1/"))).isEqualTo(URI.create("http://h/v1/chat/completions"));
        assertThat(OpenAiChatProvider.endpoint(URI.create("http://h/x/chat/completions")))
                .isEqualTo(URI.create("http://h/x/chat/completions"));
    }

    @Test
    void bothProvidersOverHttpSignedAndWithTheirErrors() throws Exception {
        AtomicReference<String> path = new AtomicReference<>();
        AtomicReference<String> authorization = new AtomicReference<>();
        AtomicReference<JsonNode> received = new AtomicReference<>();
        AtomicReference<Integer> status = new AtomicReference<>(200);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            path.set(exchange.getRequestURI().getRawPath());
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            received.set(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            byte[] body = (path.get().endsWith("/converse")
                    ? "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"hello\"}]}},"
                            + "\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":10,\"outputTokens\":2,\"totalTokens\":12}}"
                    : "{\"choices\":[{\"message\":{\"content\":\"hi\"},\"finish_reason\":\"stop\"}],"
                            + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1}}").getBytes(StandardCharsets.UTF_8);
            if (status.get() != 200) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/");
            }
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            HttpClient http = HttpClient.newHttpClient();
            BedrockConverseProvider bedrock = new BedrockConverseProvider(url, "us-east-1",
                    "anthropic.claude-3-5-haiku-20241022-v1:0", StaticCredentialsProvider.create(
                            AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")), http);
            ModelReply reply = bedrock.complete(conversation());
            assertThat(reply.text()).isEqualTo("hello");
            assertThat(path.get()).isEqualTo("/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse");
            assertThat(authorization.get()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                    .contains("/us-east-1/bedrock/aws4_request", "SignedHeaders=", "Signature=");
            assertThat(received.get().at("/messages/0/content/0/text").asText()).contains("WZPZ");

            OpenAiChatProvider openAi = new OpenAiChatProvider(URI.create(url + "/v1"), "m", () -> "sk-test", http);
            assertThat(openAi.complete(conversation()).text()).isEqualTo("hi");
            assertThat(path.get()).isEqualTo("/v1/chat/completions");
            assertThat(authorization.get()).isEqualTo("Bearer sk-test");

            status.set(429);
            assertThatThrownBy(() -> bedrock.complete(conversation())).isInstanceOf(ModelException.class)
                    .hasMessageContaining("429 ThrottlingException");
            assertThatThrownBy(() -> openAi.complete(conversation())).isInstanceOf(ModelException.class)
                    .hasMessageContaining("429").hasMessageNotContaining("sk-test");
        } finally {
            server.stop(0);
        }
        OpenAiChatProvider unreachable = new OpenAiChatProvider(URI.create("http://127.0.0.1:1/v1"), null, () -> null,
                HttpClient.newHttpClient());
        assertThatThrownBy(() -> unreachable.complete(conversation())).isInstanceOf(ModelException.class);
    }
}
