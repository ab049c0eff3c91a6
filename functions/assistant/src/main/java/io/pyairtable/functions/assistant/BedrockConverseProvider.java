package io.pyairtable.functions.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Amazon Bedrock's Converse API ({@code POST /model/{modelId}/converse}) with tool use, as JSON over
 * {@code java.net.http}, signed with SigV4 (service {@code bedrock}) by the SDK's {@link AwsV4HttpSigner}. The
 * SDK's {@code bedrockruntime} client is not used: that artifact is not in this build's offline repository, and
 * Converse is one JSON call. {@link #toRequest} and {@link #fromResponse} are the wire mapping (AWS's documented
 * {@code ConverseRequest}/{@code ConverseResponse} shapes).
 */
public final class BedrockConverseProvider implements ModelProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> UNSIGNABLE = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final URI endpoint;
    private final String region;
    private final String modelId;
    private final AwsCredentialsProvider credentials;
    private final HttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param endpoint {@code https://bedrock-runtime.<region>.amazonaws.com}, or {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME}
     */
    public BedrockConverseProvider(URI endpoint, String region, String modelId, AwsCredentialsProvider credentials,
            HttpClient http) {
        this.endpoint = endpoint;
        this.region = region;
        this.modelId = modelId;
        this.credentials = credentials;
        this.http = http;
    }

    public static URI defaultEndpoint(String region) {
        return URI.create("https://bedrock-runtime." + region + ".amazonaws.com");
    }

    @Override
    public String name() {
        return "bedrock:" + modelId;
    }

    /** The request URI: the model id (which may contain {@code :} or, for an ARN, {@code /}) is percent-encoded. */
    URI uri() {
        String base = endpoint.toString().endsWith("/") ? endpoint.toString().substring(0,
                endpoint.toString().length() - 1) : endpoint.toString();
        return URI.create(base + "/model/" + SdkHttpUtils.urlEncode(modelId) + "/converse");
    }

    @Override
    public ModelReply complete(ModelRequest request) {
        String body = toRequest(request).toString();
        SignedRequest signed;
        try {
            SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri())
                    .putHeader("Content-Type", "application/json").putHeader("Accept", "application/json").build();
            signed = signer.sign(r -> r.identity(credentials.resolveCredentials()).request(unsigned)
                    .payload(ContentStreamProvider.fromUtf8String(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "bedrock")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        } catch (RuntimeException e) {
            throw new ModelException("no AWS credentials to call Bedrock (" + e.getClass().getSimpleName() + ")");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri()).timeout(request.timeout())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        signed.request().forEachHeader((name, values) -> {
            if (!UNSIGNABLE.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException timeout) {
            throw new ModelException("Bedrock did not answer within " + request.timeout().toSeconds() + " s");
        } catch (IOException e) {
            throw new ModelException("Bedrock could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while waiting for Bedrock");
        }
        if (response.statusCode() / 100 != 2) {
            String type = response.headers().firstValue("x-amzn-ErrorType").map(t -> t.split(":", 2)[0]).orElse("");
            throw new ModelException("Bedrock answered HTTP " + response.statusCode() + (type.isEmpty() ? "" : " " + type));
        }
        try {
            return fromResponse(JSON.readTree(response.body()));
        } catch (JsonProcessingException e) {
            throw new ModelException("Bedrock answered something that is not JSON");
        }
    }

    /**
     * Our request as a {@code ConverseRequest}: system prompt in {@code system}, tools in {@code toolConfig},
     * tool calls as {@code toolUse} blocks of the assistant, tool results as {@code toolResult} blocks of a user
     * message. Converse wants user and assistant to alternate, so consecutive messages of one role (several tool
     * results, tool results followed by the next user text) are merged into one message.
     */
    static ObjectNode toRequest(ModelRequest request) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        ObjectNode current = null;
        for (ChatMessage message : request.messages()) {
            String role = message.role().equals(ChatMessage.ASSISTANT) ? "assistant" : "user";
            if (current == null || !current.get("role").asText().equals(role)) {
                current = messages.addObject().put("role", role);
                current.putArray("content");
            }
            ArrayNode content = (ArrayNode) current.get("content");
            switch (message.role()) {
                case ChatMessage.TOOL -> {
                    ObjectNode result = content.addObject().putObject("toolResult");
                    result.put("toolUseId", message.toolCallId());
                    result.putArray("content").addObject().put("text", message.content() == null ? "" : message.content());
                    result.put("status", isError(message.content()) ? "error" : "success");
                }
                case ChatMessage.ASSISTANT -> {
                    if (message.content() != null && !message.content().isBlank()) {
                        content.addObject().put("text", message.content());
                    }
                    for (ToolCall call : message.calls()) {
                        ObjectNode use = content.addObject().putObject("toolUse");
                        use.put("toolUseId", call.id()).put("name", call.name());
                        use.set("input", call.arguments() != null && call.arguments().isObject() ? call.arguments()
                                : JSON.createObjectNode());
                    }
                }
                default -> content.addObject().put("text", message.content() == null || message.content().isEmpty()
                        ? " " : message.content());
            }
        }
        for (JsonNode message : messages) { // Converse rejects a message without content blocks
            if (message.get("content").isEmpty()) {
                ((ArrayNode) message.get("content")).addObject().put("text", " ");
            }
        }
        body.putArray("system").addObject().put("text", request.system());
        body.putObject("inferenceConfig").put("maxTokens", request.maxOutputTokens());
        if (!request.tools().isEmpty()) {
            ObjectNode toolConfig = body.putObject("toolConfig");
            ArrayNode tools = toolConfig.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                ObjectNode spec = tools.addObject().putObject("toolSpec");
                spec.put("name", tool.name()).put("description", tool.description());
                spec.putObject("inputSchema").set("json", tool.parameters());
            }
            toolConfig.putObject("toolChoice").putObject("auto");
        }
        return body;
    }

    /** A {@code ConverseResponse} as our reply. */
    static ModelReply fromResponse(JsonNode json) {
        JsonNode message = json.path("output").path("message");
        JsonNode content = message.path("content");
        if (!message.isObject() || !content.isArray()) {
            throw new ModelException("Bedrock's answer has no output.message.content");
        }
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode block : content) {
            if (block.has("text")) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(block.get("text").asText());
            } else if (block.has("toolUse")) {
                JsonNode use = block.get("toolUse");
                String id = use.path("toolUseId").asText(null);
                String name = use.path("name").asText(null);
                if (id == null || name == null) {
                    throw new ModelException("Bedrock sent a toolUse without toolUseId or name");
                }
                JsonNode input = use.get("input");
                calls.add(new ToolCall(id, name, input == null || input.isNull() ? JSON.createObjectNode()
                        : input.isObject() ? input : TextNode.valueOf(input.toString())));
            }
            // reasoningContent, image, document… blocks are not used by these tools and ignored
        }
        if (text.isEmpty() && calls.isEmpty()) {
            throw new ModelException("Bedrock's answer has neither text nor toolUse (stopReason "
                    + json.path("stopReason").asText("?") + ")");
        }
        JsonNode usage = json.path("usage");
        if (!usage.path("inputTokens").isNumber() || !usage.path("outputTokens").isNumber()) {
            throw new ModelException("Bedrock's answer has no usage");
        }
        return new ModelReply(text.isEmpty() ? null : text.toString(), calls, json.path("stopReason").asText("end_turn"),
                usage.get("inputTokens").asLong(), usage.get("outputTokens").asLong(), false);
    }

    private static boolean isError(String toolResult) {
        return toolResult != null && toolResult.startsWith(ToolResults.ERROR_PREFIX);
    }
}
