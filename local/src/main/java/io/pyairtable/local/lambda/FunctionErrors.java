package io.pyairtable.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/** Error payloads in the shapes the Lambda Java runtime and the Lambda service produce. */
final class FunctionErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FunctionErrors() {
    }

    /** {@code {"errorMessage", "errorType", "stackTrace": [...], "cause": {...}}} as the Java runtime reports it. */
    static byte[] unhandled(Throwable error) {
        return bytes(describe(error, new IdentityHashMap<>()));
    }

    /** What Lambda returns when the runtime failed to parse the event for the handler's input type. */
    static byte[] unparseableEvent(Throwable cause) {
        ObjectNode node = JSON.createObjectNode();
        node.put("errorMessage", "An error occurred during JSON parsing");
        node.put("errorType", "java.lang.RuntimeException");
        node.putArray("stackTrace");
        node.set("cause", describe(cause, new IdentityHashMap<>()));
        return bytes(node);
    }

    /** Lambda's timeout error: {@code RequestId: ... Error: Task timed out after 3.00 seconds}. */
    static byte[] timeout(String requestId, int timeoutSeconds) {
        ObjectNode node = JSON.createObjectNode();
        node.put("errorType", InvocationResult.TIMEOUT_ERROR_TYPE);
        node.put("errorMessage", "RequestId: " + requestId + " Error: Task timed out after "
                + String.format(Locale.ROOT, "%.2f", (double) timeoutSeconds) + " seconds");
        return bytes(node);
    }

    private static ObjectNode describe(Throwable error, Map<Throwable, Boolean> seen) {
        seen.put(error, true);
        ObjectNode node = JSON.createObjectNode();
        node.put("errorMessage", error.getMessage());
        node.put("errorType", error.getClass().getName());
        ArrayNode trace = node.putArray("stackTrace");
        for (StackTraceElement frame : error.getStackTrace()) {
            trace.add(frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                    + frame.getLineNumber() + ")");
        }
        Throwable cause = error.getCause();
        if (cause != null && !seen.containsKey(cause)) {
            node.set("cause", describe(cause, seen));
        }
        return node;
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
