package io.pyairtable.functions.assistant;

import java.util.ArrayList;
import java.util.List;

/**
 * The history sent to the model, fitted into a token budget (estimated as characters / 4, {@link Tokens}): the
 * system prompt, the tools and the current turn (the newest user message and its tool steps so far) always go;
 * earlier turns are added newest first while they fit, so the oldest are dropped first — always whole turns, so
 * a tool call is never separated from its result. If the current turn alone is over budget, its oldest tool
 * results are replaced by a short note until it fits (the user message itself is never dropped), and no earlier
 * turn is added.
 */
final class ContextWindow {
    static final String ELIDED = "{\"elided\":\"this tool result was removed to fit the context budget; call the tool again if needed\"}";

    private ContextWindow() {
    }

    /**
     * @param fixedTokens the system prompt's and tools' estimate
     * @param past        earlier turns, oldest first, each a list of messages starting with its user message
     * @param current     the current turn, starting with the newest user message
     */
    static List<ChatMessage> fit(long fixedTokens, List<List<ChatMessage>> past, List<ChatMessage> current, long budget) {
        List<ChatMessage> now = new ArrayList<>(current);
        long used = fixedTokens + cost(now);
        boolean overBudget = used > budget;
        for (int i = 1; i < now.size() && used > budget; i++) {
            ChatMessage message = now.get(i);
            if (message.role().equals(ChatMessage.TOOL) && !ELIDED.equals(message.content())) {
                ChatMessage elided = message.withContent(ELIDED);
                used += Tokens.estimate(elided) - Tokens.estimate(message);
                now.set(i, elided);
            }
        }
        List<List<ChatMessage>> kept = new ArrayList<>();
        for (int i = overBudget ? -1 : past.size() - 1; i >= 0; i--) {
            long turn = cost(past.get(i));
            if (used + turn > budget) {
                break;
            }
            used += turn;
            kept.add(0, past.get(i));
        }
        List<ChatMessage> out = new ArrayList<>();
        kept.forEach(out::addAll);
        out.addAll(now);
        return out;
    }

    /** The estimate of a fitted window with its fixed part (for tests and logs). */
    static long fixedAndAll(long fixedTokens, List<ChatMessage> messages) {
        return fixedTokens + cost(messages);
    }

    static long cost(List<ChatMessage> messages) {
        long tokens = 0;
        for (ChatMessage message : messages) {
            tokens += Tokens.estimate(message);
        }
        return tokens;
    }
}
