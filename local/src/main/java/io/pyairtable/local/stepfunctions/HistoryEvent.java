package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One event of an execution's history, as {@code GetExecutionHistory} returns it: {@code id} from 1,
 * {@code previousEventId} (0 for the first event), AWS's event {@code type} (e.g. {@code TaskStateEntered}) and its
 * details object under {@code detailsField} (e.g. {@code stateEnteredEventDetails}; null when the type has none).
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, String type, String detailsField,
        ObjectNode details) {

    /** The wire shape; the timestamp in epoch seconds with a fraction, as the AWS JSON protocol encodes it. */
    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("timestamp", epochSeconds(timestamp));
        json.put("type", type);
        json.put("id", id);
        json.put("previousEventId", previousEventId);
        if (detailsField != null) {
            json.set(detailsField, details);
        }
        return json;
    }

    static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }
}
