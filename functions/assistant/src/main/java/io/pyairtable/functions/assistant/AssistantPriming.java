package io.pyairtable.functions.assistant;

import static io.pyairtable.functions.core.snapstart.PrimingEvents.anonymous;
import static io.pyairtable.functions.core.snapstart.PrimingEvents.authorized;
import static io.pyairtable.functions.core.snapstart.PrimingEvents.expect;

import io.pyairtable.functions.core.snapstart.OfflineSdk;
import io.pyairtable.functions.core.snapstart.Priming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SnapStart priming of {@link AssistantHandler} ({@link Priming}): requests rejected before any AWS, Airtable or
 * model call (no caller, malformed base and conversation ids, an empty message, an unknown route) and the AWS SDK
 * offline. The model is never called.
 */
final class AssistantPriming {
    private static final String CONVERSATION = "00000000-0000-4000-8000-000000000001";

    private AssistantPriming() {
    }

    static List<Priming.Step> steps(AssistantHandler handler, Map<String, String> env) {
        List<Priming.Step> steps = new ArrayList<>(OfflineSdk.common(env));
        steps.add(Priming.step("POST /assistant/conversations without a caller", () -> expect(401,
                handler.handleRequest(anonymous("POST /assistant/conversations", "/assistant/conversations", "{}",
                        null), null))));
        steps.add(Priming.step("POST /assistant/conversations with a malformed base id", () -> expect(400,
                handler.handleRequest(authorized("POST /assistant/conversations", "/assistant/conversations",
                        "{\"title\":\"Priming\",\"baseId\":\"priming\"}", null), null))));
        steps.add(Priming.step("GET a conversation with a malformed id", () -> expect(400, handler.handleRequest(
                authorized("GET " + AssistantHandler.CONVERSATION, "/assistant/conversations/priming", null,
                        Map.of("conversationId", "priming")), null))));
        steps.add(Priming.step("POST a blank message", () -> expect(400, handler.handleRequest(
                authorized("POST " + AssistantHandler.CONVERSATION + "/messages",
                        "/assistant/conversations/" + CONVERSATION + "/messages", "{\"message\":\"  \"}",
                        Map.of("conversationId", CONVERSATION)), null))));
        steps.add(Priming.step("unknown route", () -> expect(404, handler.handleRequest(
                authorized("GET /priming", "/priming", null, null), null))));
        return steps;
    }
}
