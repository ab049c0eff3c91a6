package io.pyairtable.airtable;

/**
 * A chunk of a multi-chunk write failed. {@link #result()} says which chunks were applied (their records are
 * in Airtable now), which failed and which were not attempted; the cause is the failed chunk's error.
 */
public final class BatchWriteException extends AirtableException {
    private final BatchResult result;

    BatchWriteException(BatchResult result) {
        super(result.failedChunk().error().status(), result.failedChunk().error().type(),
                summary(result), null, result.failedChunk().error());
        this.result = result;
    }

    public BatchResult result() {
        return result;
    }

    private static String summary(BatchResult result) {
        BatchResult.Chunk failed = result.failedChunk();
        long applied = result.chunks().stream().filter(c -> c.status() == BatchResult.Status.SUCCEEDED).count();
        return "chunk " + failed.index() + " (records " + failed.fromIndex() + "–" + (failed.toIndex() - 1)
                + ") failed after " + applied + " of " + result.chunks().size() + " chunks were applied: "
                + failed.error().airtableMessage();
    }
}
