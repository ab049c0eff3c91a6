package io.pyairtable.local.template;

/** One entry of a function's {@code Events}: what triggers it. */
public sealed interface EventSource permits HttpApiEventSource, S3EventSource {
    /** The event's key under {@code Events} (for example {@code GetRecords}). */
    String name();
}
