package io.pyairtable.airtable;

import java.util.ArrayList;
import java.util.List;

/**
 * Outcome of a write of many records, sent in chunks of at most 10 (Airtable's per-request maximum), in order.
 * Chunks are sent one after the other and the first failure stops the batch, so the outcome is always
 * "chunks 0..k-1 succeeded, chunk k failed, the rest were not attempted".
 *
 * @param records the records Airtable returned for the chunks that succeeded, in input order
 */
public record BatchResult(List<Chunk> chunks, List<AirtableRecord> records) {

    public enum Status { SUCCEEDED, FAILED, NOT_ATTEMPTED }

    /**
     * One chunk: input positions {@code [fromIndex, toIndex)}, its status, the records Airtable returned for it,
     * and the error when it failed.
     */
    public record Chunk(int index, int fromIndex, int toIndex, Status status, List<AirtableRecord> records,
            AirtableException error) {
        public Chunk {
            records = List.copyOf(records);
        }
    }

    public BatchResult {
        chunks = List.copyOf(chunks);
        records = List.copyOf(records);
    }

    public boolean succeeded() {
        return chunks.stream().allMatch(c -> c.status() == Status.SUCCEEDED);
    }

    /** The first failed chunk, or null. */
    public Chunk failedChunk() {
        return chunks.stream().filter(c -> c.status() == Status.FAILED).findFirst().orElse(null);
    }

    static BatchResult of(List<Chunk> chunks) {
        List<AirtableRecord> all = new ArrayList<>();
        for (Chunk chunk : chunks) {
            all.addAll(chunk.records());
        }
        return new BatchResult(chunks, all);
    }
}
