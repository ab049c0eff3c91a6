package io.pyairtable.functions.assistant;

/** Token estimates where no tokenizer is at hand: one token per four characters, rounded up. */
public final class Tokens {
    private Tokens() {
    }

    public static long estimate(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }

    /** A message's estimate: content, tool calls' names and arguments, and a few tokens of framing. */
    public static long estimate(ChatMessage message) {
        long tokens = 4 + estimate(message.content());
        for (ToolCall call : message.calls()) {
            tokens += 4 + estimate(call.name()) + estimate(call.arguments() == null ? "" : call.arguments().toString());
        }
        return tokens;
    }
}
