package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-process Lambda functions for tests: name → handler; records every call. */
final class FakeLambdas implements LambdaInvoker {
    /** A test handler. */
    @FunctionalInterface
    interface Handler {
        JsonNode handle(JsonNode event) throws LambdaFailure;
    }

    /** One recorded invocation. */
    record Call(String function, JsonNode payload) {
    }

    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    FakeLambdas register(String name, Handler handler) {
        handlers.put(name, handler);
        return this;
    }

    @Override
    public JsonNode invoke(String functionNameOrArn, JsonNode payload) throws LambdaFailure {
        calls.add(new Call(functionNameOrArn, payload));
        String name = functionNameOrArn.contains(":function:")
                ? functionNameOrArn.substring(functionNameOrArn.indexOf(":function:") + 10) : functionNameOrArn;
        Handler handler = handlers.get(name);
        if (handler == null && name.contains(":")) {
            handler = handlers.get(name.substring(0, name.indexOf(':')));
        }
        if (handler == null) {
            throw LambdaFailure.serviceError("Lambda.ResourceNotFoundException", "Function not found: " + functionNameOrArn);
        }
        return handler.handle(payload);
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }
}
