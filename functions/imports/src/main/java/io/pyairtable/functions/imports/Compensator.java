package io.pyairtable.functions.imports;

import io.pyairtable.airtable.AirtableRecord;
import io.pyairtable.airtable.RecordUpdate;
import io.pyairtable.airtable.Schema;
import io.pyairtable.airtable.Table;
import io.pyairtable.airtable.WriteOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Undoes a job's applied batches in the reverse order of their application: created records are deleted, updated
 * records get their previous values back (fields that were empty are cleared), deleted records are recreated from
 * their saved values (with new ids: Airtable cannot restore an id). Entries still {@code PENDING} are undone too,
 * since their write may have reached Airtable. Idempotent: each entry moves to {@code COMPENSATING} (with the time,
 * so a retried recreate can find what the first attempt made) and to {@code COMPENSATED} when done (together with
 * the job's {@code compensated} counter). Nothing is undone before every slow write of the job has settled, and a
 * compensation write that may land later is waited out before the step fails ({@link AirtableWrites}).
 */
final class Compensator {
    private final JobsTable jobs;
    private final Ledger ledger;
    private final ChunkStore chunks;
    private final Clock clock;
    private final AirtableWrites writes;

    Compensator(JobsTable jobs, Ledger ledger, ChunkStore chunks, Clock clock, AirtableWrites writes) {
        this.jobs = jobs;
        this.ledger = ledger;
        this.chunks = chunks;
        this.clock = clock;
        this.writes = writes;
    }

    /** @return the number of records this call deleted, restored or recreated */
    int compensate(Job job, Table table) {
        Schema.TableSchema schema = table.schema();
        List<Ledger.Entry> entries = new ArrayList<>(ledger.all(job.id()));
        entries.sort(Comparator.comparingLong(Ledger.Entry::markedAt).thenComparingInt(Ledger.Entry::chunk)
                .thenComparingInt(Ledger.Entry::batch).reversed());
        Set<String> claimed = new HashSet<>();
        entries.forEach(entry -> claimed.addAll(entry.createdIds()));
        // a slow write's earlier attempt may still land: undo nothing before it has (AirtableWrites)
        writes.awaitSettled(entries.stream().mapToLong(Ledger.Entry::settledAt).max().orElse(0));
        int undone = 0;
        for (Ledger.Entry entry : entries) {
            if (entry.state() == Ledger.State.COMPENSATED) {
                continue;
            }
            Ledger.Entry current = ledger.markCompensating(job.id(), entry, clock.millis());
            int records = writes.run(() -> undo(job, table, schema, current, claimed)).result();
            ledger.markCompensated(job.id(), current, jobs.counterUpdate(job.id(), Map.of("compensated", (long) records)));
            undone += records;
        }
        return undone;
    }

    private int undo(Job job, Table table, Schema.TableSchema schema, Ledger.Entry entry, Set<String> claimed) {
        return switch (entry.op()) {
            case Operation.CREATE -> AirtableWrites.deleteExisting(table, createdBy(job, table, schema, entry, claimed));
            case Operation.UPDATE -> restore(table, entry.before());
            case Operation.UPSERT -> {
                Set<String> ids = new LinkedHashSet<>(entry.createdIds());
                Set<String> existedBefore = new HashSet<>();
                entry.before().forEach(snapshot -> existedBefore.add(snapshot.id()));
                Batch batch = batchOf(job, entry);
                Snapshots.byMergeKeys(table, schema, batch, job.mergeOn()).stream().map(AirtableRecord::id)
                        .filter(id -> !existedBefore.contains(id)).forEach(ids::add);
                yield AirtableWrites.deleteExisting(table, List.copyOf(ids)) + restore(table, entry.before());
            }
            case Operation.DELETE -> recreate(table, schema, entry, claimed);
            default -> throw new IllegalStateException("unknown operation " + entry.op());
        };
    }

    private List<String> createdBy(Job job, Table table, Schema.TableSchema schema, Ledger.Entry entry,
            Set<String> claimed) {
        if (!entry.createdIds().isEmpty()) {
            return entry.createdIds();
        }
        // the write's outcome is unknown (PENDING when compensation began): look for what it made
        List<Map<String, Object>> rows = batchOf(job, entry).operations().stream().map(Operation::fields).toList();
        return CreatedRecords.find(table, schema, rows, entry.markedAt(), claimed).stream()
                .filter(id -> id != null).toList();
    }

    private Batch batchOf(Job job, Ledger.Entry entry) {
        return Batch.of(chunks.get(job.id(), entry.chunk())).get(entry.batch());
    }

    private static int restore(Table table, List<Ledger.Snapshot> before) {
        if (!before.isEmpty()) {
            table.update(before.stream().map(s -> new RecordUpdate(s.id(), s.fields())).toList(), WriteOptions.DEFAULT);
        }
        return before.size();
    }

    private static int recreate(Table table, Schema.TableSchema schema, Ledger.Entry entry, Set<String> claimed) {
        Set<String> stillThere = Snapshots.byId(table, entry.before().stream().map(Ledger.Snapshot::id).toList()).keySet();
        List<Map<String, Object>> gone = entry.before().stream().filter(s -> !stillThere.contains(s.id()))
                .map(Ledger.Snapshot::fields).toList();
        if (gone.isEmpty()) {
            return 0;
        }
        // a retry of this step may find records its first attempt recreated
        List<String> recreated = CreatedRecords.find(table, schema, gone, entry.compensatingAt(), claimed);
        List<Map<String, Object>> missing = new ArrayList<>();
        for (int i = 0; i < gone.size(); i++) {
            if (recreated.get(i) == null) {
                missing.add(gone.get(i));
            } else {
                claimed.add(recreated.get(i));
            }
        }
        if (!missing.isEmpty()) {
            table.create(missing, WriteOptions.DEFAULT).forEach(record -> claimed.add(record.id()));
        }
        return gone.size();
    }
}
