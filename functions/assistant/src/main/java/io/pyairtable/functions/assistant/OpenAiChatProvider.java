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
import java.util.function.Supplier;

/**
 * An OpenAI-compatible chat-completions endpoint ({@code POST <ASSISTANT_API_URL>/chat/completions}) with
 * {@code tools} / {@code tool_calls}: OpenAI, Azure OpenAI-style gateways, vLLM, llama.cpp, Ollama, LiteLLM…
 * The API key (optional) is sent as {@code Authorization: Bearer}. {@link #toRequest} and {@link #fromResponse}
 * are the wire mapping.
 */
public final class OpenAiChatProvider implements ModelProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String model;
    private final Supplier<String> apiKey;
    private final HttpClient http;

    /**
     * @param apiUrl the API base (e.g. {@code https://api.openai.com/v1}) or the full {@code …/chat/completions} URL
     * @param model  the model name, or null to leave {@code model} out (servers with one model accept that)
     * @param apiKey the key, or a supplier answering null for none
     */
    public OpenAiChatProvider(URI apiUrl, String model, Supplier<String> apiKey, HttpClient http) {
        this.endpoint = endpoint(apiUrl);
        this.model = model;
        this.apiKey = apiKey;
        this.http = http;
    }

    static URI endpoint(URI apiUrl) {
        String url = apiUrl.toString();
        if (url.endsWith("/chat/completions")) {
            return apiUrl;
        }
        return URI.create((url.endsWith("/") ? url.substring(0, url.length() - 1) : url) + "/chat/completions");
    }

    @Override
    public String name() {
        return "openai-compatible" + (model == null ? "" : ":" + model);
    }

    @Override
    public ModelReply complete(ModelRequest request) {
        ObjectNode body = toRequest(model, request);
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint).timeout(request.timeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        String key = apiKey.get();
        if (key != null && !key.isBlank()) {
            builder.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException timeout) {
            throw new ModelException("the model did not answer within " + request.timeout().toSeconds() + " s");
        } catch (IOException e) {
            throw new ModelException("the model endpoint could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while waiting for the model");
        }
        if (response.statusCode() / 100 != 2) {
            throw new ModelException("the model endpoint answered HTTP " + response.statusCode());
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new ModelException("the model endpoint answered something that is not JSON");
        }
        return fromResponse(json, request);
    }

    /** Our request in chat-completions JSON. */
    static ObjectNode toRequest(String model, ModelRequest request) {
        ObjectNode body = JSON.createObjectNode();
        if (model != null) {
            body.put("model", model);
        }
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", request.system());
        for (ChatMessage message : request.messages()) {
            ObjectNode m = messages.addObject().put("role", message.role());
            switch (message.role()) {
                case ChatMessage.TOOL -> m.put("tool_call_id", message.toolCallId()).put("content", message.content());
                case ChatMessage.ASSISTANT -> {
                    if (message.content() == null) {
                        m.putNull("content");
                    } else {
                        m.put("content", message.content());
                    }
                    if (!message.calls().isEmpty()) {
                        ArrayNode calls = m.putArray("tool_calls");
                        for (ToolCall call : message.calls()) {
                            ObjectNode c = calls.addObject().put("id", call.id()).put("type", "function");
                            c.putObject("function").put("name", call.name()).put("arguments",
                                    call.arguments() == null ? "{}" : call.arguments().isTextual()
                                            ? call.arguments().textValue() : call.arguments().toString());
                        }
                    }
                }
                default -> m.put("content", message.content());
            }
        }
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", tool.name()).put("description", tool.description()).set("parameters",
                        tool.parameters());
            }
            body.put("tool_choice", "auto");
        }
        body.put("max_tokens", request.maxOutputTokens());
        return body;
    }

    /** A chat-completions answer as our reply; anything unexpected is a {@link ModelException}. */
    static ModelReply fromResponse(JsonNode json, ModelRequest request) {
        JsonNode choice = json.path("choices").path(0);
        JsonNode message = choice.path("message");
        if (!message.isObject()) {
            throw new ModelException("the model's answer has no choices[0].message");
        }
        JsonNode content = message.path("content");
        String text = content.isTextual() ? content.textValue() : null;
        List<ToolCall> calls = new ArrayList<>();
        JsonNode toolCalls = message.path("tool_calls");
        if (!toolCalls.isMissingNode() && !toolCalls.isNull() && !toolCalls.isArray()) {
            throw new ModelException("the model's tool_calls is not an array");
        }
        for (JsonNode call : toolCalls) {
            JsonNode function = call.path("function");
            String name = function.path("name").asText(null);
            String id = call.path("id").asText(null);
            if (name == null || id == null) {
                throw new ModelException("the model sent a tool call without id or function name");
            }
            calls.add(new ToolCall(id, name, arguments(function.get("arguments"))));
        }
        if (text == null && calls.isEmpty()) {
            throw new ModelException("the model's answer has neither content nor tool calls");
        }
        JsonNode usage = json.path("usage");
        boolean reported = usage.path("prompt_tokens").isNumber() && usage.path("completion_tokens").isNumber();
        long input = reported ? usage.get("prompt_tokens").asLong() : estimateInput(request);
        long output = reported ? usage.get("completion_tokens").asLong() : Tokens.estimate(text)
                + calls.stream().mapToLong(c -> Tokens.estimate(String.valueOf(c.arguments()))).sum();
        String finish = choice.path("finish_reason").asText(calls.isEmpty() ? "stop" : "tool_calls");
        return new ModelReply(text, calls, finish, input, output, !reported);
    }

    /** Arguments arrive as a JSON string (OpenAI) or, from some servers, as an object; not JSON → the raw text. */
    private static JsonNode arguments(JsonNode raw) {
        if (raw == null || raw.isNull()) {
            return JSON.createObjectNode();
        }
        if (raw.isObject()) {
            return raw;
        }
        String text = raw.asText();
        if (text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode parsed = JSON.readTree(text);
            return parsed != null && parsed.isObject() ? parsed : TextNode.valueOf(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

    static long estimateInput(ModelRequest request) {
        long tokens = Tokens.estimate(request.system());
        for (ChatMessage message : request.messages()) {
            tokens += Tokens.estimate(message);
        }
        for (ToolSpec tool : request.tools()) {
            tokens += Tokens.estimate(tool.description()) + Tokens.estimate(tool.parameters().toString());
        }
        return tokens;
    }
}
