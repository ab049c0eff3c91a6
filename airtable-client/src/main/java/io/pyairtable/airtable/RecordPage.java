package io.pyairtable.airtable;

import java.util.List;

/** One page of a list request; {@code offset} is null on the last page. */
public record RecordPage(List<AirtableRecord> records, String offset) {
    public RecordPage {
        records = List.copyOf(records);
    }

    public boolean hasMore() {
        return offset != null;
    }
}
