package io.pyairtable.functions.assistant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool call the model asked for: its id (echoed in the result), the tool name and the arguments — a JSON object,
 * or the raw text when the model sent arguments that are not JSON (the tool then answers an error).
 */
public record ToolCall(String id, String name, JsonNode arguments) {
}
