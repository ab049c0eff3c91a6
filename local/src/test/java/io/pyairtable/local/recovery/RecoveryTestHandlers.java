package io.pyairtable.local.recovery;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Functions of resources/cloud/recovery.yaml. */
public final class RecoveryTestHandlers {
    /** Invocation times (System.nanoTime) per event {@code id}, across all functions of the test JVM. */
    static final Map<String, List<Long>> CALLS = new ConcurrentHashMap<>();

    private RecoveryTestHandlers() {
    }

    /**
     * Records the call under the event's {@code id}; fails (an unhandled exception) while the call count is at most
     * the event's {@code failTimes}, then answers {@code "ok <id> after <n> call(s)"}. An S3 event (no {@code id})
     * fails when its key contains {@code fail}.
     */
    public static final class Flaky implements RequestHandler<Map<String, Object>, String> {
        @Override
        public String handleRequest(Map<String, Object> event, Context context) {
            String id = String.valueOf(event.getOrDefault("id", "s3"));
            int failTimes = event.get("failTimes") instanceof Number n ? n.intValue()
                    : String.valueOf(event.get("Records")).contains("fail") ? Integer.MAX_VALUE : 0;
            List<Long> calls = CALLS.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>());
            calls.add(System.nanoTime());
            if (calls.size() <= failTimes) {
                throw new IllegalStateException("asked to fail (" + id + ", call " + calls.size() + ")");
            }
            return "ok " + id + " after " + calls.size() + " call(s)";
        }
    }
}
