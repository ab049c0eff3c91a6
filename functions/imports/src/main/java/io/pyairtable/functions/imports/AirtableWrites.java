package io.pyairtable.functions.imports;

import io.pyairtable.airtable.AirtableException;
import io.pyairtable.airtable.BatchWriteException;
import io.pyairtable.airtable.Table;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The saga's Airtable writes when their outcome is unknown.
 *
 * <p><b>Late writes.</b> A write that got no answer (a timeout, a connection lost after sending, a gateway's
 * 502/503/504) may still be applied by Airtable after the client gave up; so may a request the client retried on
 * its own (repeatable writes) before it succeeded. Reconciling or undoing such a batch before that request has
 * landed would miss it: a create would be made twice, an update restored and then overwritten. The saga assumes
 * Airtable finishes a request within {@link #settle()} (two request timeouts) of the client giving up, and never
 * looks at a batch before: a failed write that may land later waits that long before its step fails, and a write
 * that succeeded only after a slow attempt (it took a request timeout or more) records in its ledger entry when it
 * is settled, which compensation waits for ({@link Ledger.Entry#settledAt()}).
 *
 * <p><b>Deletes</b> are idempotent: a record already gone (deleted by an earlier attempt whose response was lost,
 * which the client's own retry then finds missing, or by someone else) is not an error.
 */
final class AirtableWrites {
    private final Duration requestTimeout;
    private final Duration settle;
    private final Clock clock;

    AirtableWrites(Duration requestTimeout, Clock clock) {
        this.requestTimeout = requestTimeout;
        this.settle = requestTimeout.multipliedBy(2);
        this.clock = clock;
    }

    Duration settle() {
        return settle;
    }

    /** The outcome of a write: its result and, when an attempt may land later, when it is settled (else 0). */
    record Outcome<T>(T result, long settledAt) {
    }

    /**
     * Runs one write. On a failure that may land later, waits {@link #settle()} before rethrowing, so that whatever
     * looks at the batch next (the step's retry, compensation) sees it.
     */
    <T> Outcome<T> run(Supplier<T> write) {
        long started = clock.millis();
        T result;
        try {
            result = write.get();
        } catch (AirtableException failed) {
            if (mayLandLater(failed) || clock.millis() - started >= requestTimeout.toMillis()) {
                pause(settle.toMillis());
            }
            throw failed;
        }
        long ended = clock.millis();
        return new Outcome<>(result, ended - started >= requestTimeout.toMillis() ? ended + settle.toMillis() : 0);
    }

    /** Sleeps until {@code epochMillis} (no-op when it has passed). */
    void awaitSettled(long epochMillis) {
        pause(epochMillis - clock.millis());
    }

    /** Deletes those of {@code ids} that still exist (read first); returns how many it found. */
    static int deleteExisting(Table table, List<String> ids) {
        List<String> existing = List.copyOf(Snapshots.byId(table, ids).keySet());
        delete(table, existing);
        return existing.size();
    }

    /** Deletes {@code ids}; those already gone are skipped (found out when Airtable refuses the request). */
    static void delete(Table table, List<String> ids) {
        List<String> remaining = ids;
        for (int attempt = 0; !remaining.isEmpty(); attempt++) {
            try {
                table.delete(remaining);
                return;
            } catch (AirtableException failed) {
                if (!alreadyGone(failed) || attempt == 2) {
                    throw failed;
                }
                remaining = List.copyOf(Snapshots.byId(table, remaining).keySet());
            }
        }
    }

    /** Airtable refused a delete because a record does not exist (any more). */
    static boolean alreadyGone(AirtableException e) {
        AirtableException cause = unwrap(e);
        return cause.status() == 404 || "ROW_DOES_NOT_EXIST".equals(cause.type())
                || "NOT_FOUND".equals(cause.type());
    }

    /** Airtable answered and applied nothing: a 429 or another 4xx (a request is applied all or nothing). */
    static boolean refused(AirtableException e) {
        AirtableException cause = unwrap(e);
        return !(cause instanceof AirtableException.Transport) && cause.status() >= 400 && cause.status() < 500;
    }

    /** No answer from Airtable's application, though the request may have reached it. */
    static boolean mayLandLater(AirtableException e) {
        AirtableException cause = unwrap(e);
        if (cause instanceof AirtableException.Transport) {
            Throwable io = cause.getCause();
            return !(io instanceof ConnectException || io instanceof HttpConnectTimeoutException
                    || io instanceof InterruptedException);
        }
        return cause.status() == 502 || cause.status() == 503 || cause.status() == 504;
    }

    private static AirtableException unwrap(AirtableException e) {
        if (e instanceof BatchWriteException batch && batch.result().failedChunk() != null
                && batch.result().failedChunk().error() != null) {
            return batch.result().failedChunk().error();
        }
        return e;
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailureException("INTERRUPTED", "Interrupted while waiting for a write to settle.", e);
        }
    }
}
