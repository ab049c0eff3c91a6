package io.pyairtable.local.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A scripted model: a JDK HTTP server speaking OpenAI's chat-completions wire format. Each request is answered by
 * the next scripted step (a function of the request, so a step can echo tool call ids or read tool results); the
 * requests are kept for assertions. No script left → HTTP 500.
 */
final class AssistantScriptedModel implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One scripted answer: HTTP status and raw body. */
    record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final Deque<Function<JsonNode, Answer>> script = new ArrayDeque<>();
    private final List<JsonNode> requests = new ArrayList<>();
    private final List<Throwable> failures = new ArrayList<>();

    AssistantScriptedModel() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
            Function<JsonNode, Answer> step;
            synchronized (this) {
                requests.add(request);
                step = script.pollFirst();
            }
            Answer answer;
            try {
                answer = step == null ? new Answer(500, "{\"error\":{\"message\":\"no script left\"}}")
                        : step.apply(request);
            } catch (RuntimeException | AssertionError e) { // a failing step: answered 500, kept for the test
                synchronized (this) {
                    failures.add(e);
                }
                answer = new Answer(500, "{\"error\":{\"message\":\"script step failed\"}}");
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    synchronized void reset() {
        script.clear();
        requests.clear();
        failures.clear();
    }

    synchronized AssistantScriptedModel then(Function<JsonNode, Answer> step) {
        script.addLast(step);
        return this;
    }

    /** The model calls one tool. */
    AssistantScriptedModel thenTool(String name, String argumentsJson) {
        return thenTools(new String[][] {{name, argumentsJson}});
    }

    /** The model calls several tools in one step. */
    AssistantScriptedModel thenTools(String[][] calls) {
        return then(request -> new Answer(200, toolCalls(calls, 120, 30)));
    }

    /** The model answers text. */
    AssistantScriptedModel thenText(String text) {
        return then(request -> new Answer(200, text(text, 150, 40)));
    }

    /** Script steps that threw (their assertions about the requests failed). */
    synchronized List<Throwable> failures() {
        return List.copyOf(failures);
    }

    synchronized List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    static String toolCalls(String[][] calls, long promptTokens, long completionTokens) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        message.putNull("content");
        ArrayNode list = message.putArray("tool_calls");
        for (int i = 0; i < calls.length; i++) {
            ObjectNode call = list.addObject().put("id", "call_" + System.nanoTime() + "_" + i).put("type", "function");
            call.putObject("function").put("name", calls[i][0]).put("arguments", calls[i][1]);
        }
        return completion(message, "tool_calls", promptTokens, completionTokens);
    }

    static String text(String text, long promptTokens, long completionTokens) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", text);
        return completion(message, "stop", promptTokens, completionTokens);
    }

    private static String completion(ObjectNode message, String finish, long promptTokens, long completionTokens) {
        ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-scripted").put("object", "chat.completion")
                .put("model", "scripted");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", finish);
        body.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return body.toString();
    }

    /** The tool results (role tool) of the last request, in order. */
    static List<String> toolResults(JsonNode request) {
        List<String> out = new ArrayList<>();
        for (JsonNode message : request.get("messages")) {
            if (message.path("role").asText().equals("tool")) {
                out.add(message.path("content").asText());
            }
        }
        return out;
    }

    static String lastToolResult(JsonNode request) {
        List<String> results = toolResults(request);
        return results.isEmpty() ? null : results.get(results.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
