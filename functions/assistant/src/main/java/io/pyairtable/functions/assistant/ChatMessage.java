package io.pyairtable.functions.assistant;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One message of a conversation in the providers' common shape (each provider maps it to its wire format):
 * {@code user} text, {@code assistant} text and/or tool calls, or a {@code tool} result answering one call.
 * Stored as JSON in the Conversations table.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatMessage(String role, String content, List<ToolCall> toolCalls, String toolCallId, String name) {
    public static final String USER = "user";
    public static final String ASSISTANT = "assistant";
    public static final String TOOL = "tool";

    public ChatMessage {
        toolCalls = toolCalls == null || toolCalls.isEmpty() ? null : List.copyOf(toolCalls);
    }

    public static ChatMessage user(String text) {
        return new ChatMessage(USER, text, null, null, null);
    }

    public static ChatMessage assistant(String text, List<ToolCall> calls) {
        return new ChatMessage(ASSISTANT, text, calls, null, null);
    }

    public static ChatMessage tool(String callId, String toolName, String result) {
        return new ChatMessage(TOOL, result, null, callId, toolName);
    }

    public List<ToolCall> calls() {
        return toolCalls == null ? List.of() : toolCalls;
    }

    public ChatMessage withContent(String text) {
        return new ChatMessage(role, text, toolCalls, toolCallId, name);
    }
}
