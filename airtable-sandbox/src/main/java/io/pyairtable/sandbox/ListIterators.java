package io.pyairtable.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Server-side snapshots behind list {@code offset}s. The first page of a listing that has more
 * records stores the ordered record ids; the returned offset {@code itr.../rec...} names that
 * snapshot and the first record of the next page. Snapshots expire after a time-to-live, and a
 * bounded number is kept.
 */
final class ListIterators {

    /** Where a listing continues. */
    record Position(Snapshot snapshot, int index) {
    }

    record Snapshot(String iteratorId, String tableId, List<String> recordIds, Instant expiresAt) {
    }

    private static final int MAX_SNAPSHOTS = 10_000;

    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Snapshot> snapshots = new LinkedHashMap<>();

    ListIterators(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    synchronized Snapshot register(String tableId, List<String> recordIds) {
        purgeExpired();
        if (snapshots.size() >= MAX_SNAPSHOTS) {
            Iterator<String> oldest = snapshots.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        Snapshot snapshot = new Snapshot(Ids.random("itr"), tableId, List.copyOf(recordIds), clock.instant().plus(ttl));
        snapshots.put(snapshot.iteratorId(), snapshot);
        return snapshot;
    }

    static String offset(Snapshot snapshot, int nextIndex) {
        return snapshot.iteratorId() + "/" + snapshot.recordIds().get(nextIndex);
    }

    /** Resolves an offset of a listing of {@code tableId}; unknown, malformed or expired → 422. */
    synchronized Position resume(String offset, String tableId) {
        int slash = offset.indexOf('/');
        if (slash < 0) {
            throw AirtableErrors.iteratorNotAvailable();
        }
        Snapshot snapshot = snapshots.get(offset.substring(0, slash));
        if (snapshot == null || !snapshot.tableId().equals(tableId)) {
            throw AirtableErrors.iteratorNotAvailable();
        }
        if (!clock.instant().isBefore(snapshot.expiresAt())) {
            snapshots.remove(snapshot.iteratorId());
            throw AirtableErrors.iteratorNotAvailable();
        }
        int index = snapshot.recordIds().indexOf(offset.substring(slash + 1));
        if (index < 0) {
            throw AirtableErrors.iteratorNotAvailable();
        }
        return new Position(snapshot, index);
    }

    synchronized void expireAll() {
        snapshots.clear();
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        snapshots.values().removeIf(snapshot -> !now.isBefore(snapshot.expiresAt()));
    }
}
