package io.pyairtable.functions.assistant;

import java.time.Duration;
import java.util.List;

/** One model call: the system prompt, the (trimmed) history, the tools, an output cap and a timeout. */
public record ModelRequest(String system, List<ChatMessage> messages, List<ToolSpec> tools, int maxOutputTokens,
        Duration timeout) {
}
