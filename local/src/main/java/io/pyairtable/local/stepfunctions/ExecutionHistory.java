package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only, thread-safe event list of one execution. After the execution's terminal event it is closed and
 * later events (from branches still unwinding after a stop) are dropped.
 */
final class ExecutionHistory {
    private final Clock clock;
    private final List<HistoryEvent> events = new ArrayList<>();
    private boolean closed;

    ExecutionHistory(Clock clock) {
        this.clock = clock;
    }

    /** Appends an event; returns its id (or {@code previousEventId} unchanged when the history is closed). */
    synchronized long append(String type, long previousEventId, String detailsField, ObjectNode details) {
        if (closed) {
            return previousEventId;
        }
        long id = events.size() + 1L;
        events.add(new HistoryEvent(id, previousEventId, clock.instant(), type, detailsField, details));
        return id;
    }

    /** Appends the execution's terminal event and closes the history. */
    synchronized long appendFinal(String type, String detailsField, ObjectNode details) {
        long id = append(type, lastId(), detailsField, details);
        closed = true;
        return id;
    }

    synchronized long lastId() {
        return events.size();
    }

    synchronized List<HistoryEvent> events() {
        return List.copyOf(events);
    }
}
