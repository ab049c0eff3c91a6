package io.pyairtable.sandbox.formula;

import java.time.Instant;

/** The read-only view of one record that a {@link Formula} is evaluated against. */
public interface RecordView {

    /** The record id, e.g. {@code "recXXXXXXXXXXXXXX"}. */
    String id();

    /** When the record was created (not used by the current formula subset). */
    Instant createdTime();

    /**
     * Raw cell value as stored in JSON-like form: {@code String}, {@code Number} ({@code Integer},
     * {@code Long}, {@code Double}, {@code BigDecimal}, ...), {@code Boolean}, {@code List<Object>}
     * (multiple selects, linked record ids, attachments as maps), {@code Map} (e.g. a collaborator),
     * or {@code null} when the cell is empty or the field does not exist.
     */
    Object field(String name);
}
