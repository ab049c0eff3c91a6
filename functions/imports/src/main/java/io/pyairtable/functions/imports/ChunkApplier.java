package io.pyairtable.functions.imports;

import io.pyairtable.airtable.AirtableException;
import io.pyairtable.airtable.AirtableRecord;
import io.pyairtable.airtable.RecordUpdate;
import io.pyairtable.airtable.Schema;
import io.pyairtable.airtable.Table;
import io.pyairtable.airtable.UpsertResult;
import io.pyairtable.airtable.WriteOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Applies one staged chunk, batch by batch, exactly once however often Step Functions retries it: a batch whose
 * ledger entry is {@code APPLIED} is skipped; a new batch gets its {@code PENDING} entry (with the previous values)
 * before its Airtable write and {@code APPLIED} (with the created ids) after; a {@code PENDING} entry found on a
 * retry means the earlier attempt's outcome is unknown, so creates first look for what it created
 * ({@link CreatedRecords}), updates and upserts are simply repeated (they are idempotent), and deletes skip the
 * records already gone. A write that may still land later is waited out first ({@link AirtableWrites}); a first
 * create Airtable refused (429, 4xx: nothing applied) drops its {@code PENDING} entry, so its retry creates afresh;
 * the {@code APPLIED} write and the job's {@code applied} counter are one transaction.
 */
final class ChunkApplier {
    private final JobsTable jobs;
    private final Ledger ledger;
    private final ChunkStore chunks;
    private final Clock clock;
    private final AirtableWrites writes;

    ChunkApplier(JobsTable jobs, Ledger ledger, ChunkStore chunks, Clock clock, AirtableWrites writes) {
        this.jobs = jobs;
        this.ledger = ledger;
        this.chunks = chunks;
        this.clock = clock;
        this.writes = writes;
    }

    /**
     * @param stillRunning checked before each batch; throws when the job is no longer RUNNING or was cancelled (a
     *                     sibling chunk failed, the user cancelled), so an abandoned step stops at once
     * @return the number of operations this call applied (0 when a retry found the chunk done)
     */
    int apply(Job job, int chunk, Table table, Runnable stillRunning) {
        List<Operation> operations = chunks.get(job.id(), chunk);
        Schema.TableSchema schema = table.schema();
        WriteOptions options = new WriteOptions(job.typecast(), false);
        int applied = 0;
        for (Batch batch : Batch.of(operations)) {
            stillRunning.run();
            Optional<Ledger.Entry> existing = ledger.get(job.id(), chunk, batch.index());
            Ledger.Entry entry;
            boolean retry;
            if (existing.isEmpty()) {
                entry = new Ledger.Entry(chunk, batch.index(), Ledger.State.PENDING, batch.op(),
                        batch.operations().size(), Snapshots.before(table, schema, batch, job.mergeOn()), List.of(),
                        clock.millis(), 0, 0);
                retry = !ledger.putPending(job.id(), entry);
                if (retry) {
                    entry = ledger.get(job.id(), chunk, batch.index()).orElseThrow();
                }
            } else {
                entry = existing.get();
                retry = true;
            }
            if (entry.state() == Ledger.State.APPLIED) {
                continue;
            }
            if (entry.state() != Ledger.State.PENDING) {
                throw new ChangeRejectedException("ALREADY_COMPENSATED", "Chunk " + chunk + " was compensated already.");
            }
            Ledger.Entry pending = entry;
            boolean again = retry;
            AirtableWrites.Outcome<List<String>> written;
            try {
                written = writes.run(() -> write(job, table, schema, batch, pending, again, options));
            } catch (AirtableException refused) {
                if (!retry && Operation.CREATE.equals(batch.op()) && AirtableWrites.refused(refused)) {
                    forget(job, pending);
                }
                throw refused;
            }
            ledger.markApplied(job.id(), chunk, batch.index(), written.result(), written.settledAt(),
                    jobs.counterUpdate(job.id(), Map.of("applied", (long) batch.operations().size())));
            applied += batch.operations().size();
        }
        return applied;
    }

    private List<String> write(Job job, Table table, Schema.TableSchema schema, Batch batch, Ledger.Entry entry,
            boolean retry, WriteOptions options) {
        List<Map<String, Object>> rows = batch.operations().stream().map(Operation::fields).toList();
        switch (batch.op()) {
            case Operation.CREATE -> {
                if (!retry) {
                    return table.create(rows, options).stream().map(AirtableRecord::id).toList();
                }
                List<String> ids = new ArrayList<>(CreatedRecords.find(table, schema, rows, entry.markedAt(),
                        claimedByOthers(job, entry)));
                List<Map<String, Object>> missing = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    if (ids.get(i) == null) {
                        missing.add(rows.get(i));
                    }
                }
                if (!missing.isEmpty()) {
                    List<AirtableRecord> made = table.create(missing, options);
                    int next = 0;
                    for (int i = 0; i < ids.size(); i++) {
                        if (ids.get(i) == null) {
                            ids.set(i, made.get(next++).id());
                        }
                    }
                }
                return ids;
            }
            case Operation.UPDATE -> {
                table.update(batch.operations().stream().map(op -> new RecordUpdate(op.id(), op.fields())).toList(),
                        options);
                return List.of();
            }
            case Operation.UPSERT -> {
                UpsertResult result = table.upsert(job.mergeOn(), rows, options);
                Set<String> before = new HashSet<>();
                entry.before().forEach(snapshot -> before.add(snapshot.id()));
                return result.records().stream().map(AirtableRecord::id).filter(id -> !before.contains(id)).toList();
            }
            case Operation.DELETE -> {
                if (retry) {
                    AirtableWrites.deleteExisting(table, batch.ids());
                } else {
                    AirtableWrites.delete(table, batch.ids()); // a record already gone is not an error
                }
                return List.of();
            }
            default -> throw new IllegalArgumentException("unknown operation " + batch.op());
        }
    }

    /**
     * Airtable refused this attempt's create (429, 4xx): it created nothing, so its retry must not look for what it
     * made ({@link CreatedRecords} would take someone else's records with the same names for its own).
     */
    private void forget(Job job, Ledger.Entry entry) {
        try {
            ledger.forgetPending(job.id(), entry.chunk(), entry.batch(), entry.markedAt());
        } catch (SdkException notForgotten) {
            // the retry reconciles instead, as after any failure
        }
    }

    private Set<String> claimedByOthers(Job job, Ledger.Entry self) {
        Set<String> claimed = new HashSet<>();
        for (Ledger.Entry other : ledger.all(job.id())) {
            if (other.chunk() != self.chunk() || other.batch() != self.batch()) {
                claimed.addAll(other.createdIds());
            }
        }
        return claimed;
    }
}
