package io.pyairtable.functions.assistant;

import java.util.List;

/**
 * The model's answer: text and/or tool calls, why it stopped, and the tokens it counted. When the provider reports
 * no usage the tokens are estimated (characters / 4) and {@code usageEstimated} is true.
 */
public record ModelReply(String text, List<ToolCall> toolCalls, String stopReason, long inputTokens,
        long outputTokens, boolean usageEstimated) {
    public ModelReply {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }
}
