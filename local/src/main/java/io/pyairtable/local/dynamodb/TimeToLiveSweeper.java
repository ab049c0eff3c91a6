package io.pyairtable.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes expired items from tables with TTL enabled. An item expires when its TTL attribute is a Number (epoch
 * seconds) at or before now. As on AWS, values more than five years in the past are ignored (they are taken to be
 * something other than an expiry time), other types are ignored, and expired items stay readable until a sweep
 * removes them.
 */
final class TimeToLiveSweeper {
    private static final long FIVE_YEARS_SECONDS = Duration.ofDays(5 * 365).toSeconds();

    private final TableStore store;
    private final Clock clock;

    TimeToLiveSweeper(TableStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Deletes every expired item now; returns how many were deleted. */
    int sweep() {
        long now = clock.instant().getEpochSecond();
        // Look first under the read lock: most sweeps find nothing and should not block readers.
        boolean anyExpired = store.read(() -> store.tables().values().stream().anyMatch(t -> !expired(t, now).isEmpty()));
        if (!anyExpired) {
            return 0;
        }
        return store.write(() -> {
            int deleted = 0;
            for (Table table : store.tables().values()) {
                for (ObjectNode item : expired(table, now)) {
                    table.delete(table.keys().keyOf(item));
                    deleted++;
                }
            }
            return deleted;
        });
    }

    private static List<ObjectNode> expired(Table table, long now) {
        List<ObjectNode> expired = new ArrayList<>();
        String attribute = table.ttlAttribute();
        if (attribute == null) {
            return expired;
        }
        for (ObjectNode item : table.items()) {
            JsonNode value = item.get(attribute);
            if (value != null && value.has("N")) {
                BigDecimal expiresAt = new BigDecimal(value.get("N").asText());
                if (expiresAt.compareTo(BigDecimal.valueOf(now)) <= 0
                        && expiresAt.compareTo(BigDecimal.valueOf(now - FIVE_YEARS_SECONDS)) >= 0) {
                    expired.add(item);
                }
            }
        }
        return expired;
    }
}
