package io.pyairtable.functions.imports;

import java.util.ArrayList;
import java.util.List;

/** Collects operations and stages them in chunks of {@code chunkRows} through a {@link ChunkStore}. */
final class ChunkWriter {
    private final ChunkStore store;
    private final String jobId;
    private final int chunkRows;
    private final List<Operation> pending = new ArrayList<>();
    private int chunks;
    private long operations;

    ChunkWriter(ChunkStore store, String jobId, int chunkRows) {
        this.store = store;
        this.jobId = jobId;
        this.chunkRows = chunkRows;
    }

    void add(Operation operation) {
        pending.add(operation);
        operations++;
        if (pending.size() == chunkRows) {
            flush();
        }
    }

    /** Stages what is left; returns the number of chunks. */
    int finish() {
        if (!pending.isEmpty()) {
            flush();
        }
        return chunks;
    }

    long operations() {
        return operations;
    }

    private void flush() {
        store.put(jobId, chunks++, List.copyOf(pending));
        pending.clear();
    }
}
