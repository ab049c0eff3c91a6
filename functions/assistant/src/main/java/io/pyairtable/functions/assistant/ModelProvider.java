package io.pyairtable.functions.assistant;

/**
 * A chat model with tool use. Implementations: {@link OpenAiChatProvider} (any OpenAI-compatible
 * {@code /chat/completions}) and {@link BedrockConverseProvider} (Amazon Bedrock's Converse API).
 */
public interface ModelProvider {
    /** Short name for responses and logs, e.g. {@code "bedrock:anthropic.claude-…"}. */
    String name();

    /** One round trip; a failure of any kind (HTTP error, timeout, unreadable answer) is a {@link ModelException}. */
    ModelReply complete(ModelRequest request);
}
