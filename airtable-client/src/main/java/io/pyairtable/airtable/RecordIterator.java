package io.pyairtable.airtable;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Lazily walks the pages of a list request. Restarts cleanly when Airtable reports
 * {@code LIST_RECORDS_ITERATOR_NOT_AVAILABLE} (see {@link Table#stream(RecordQuery)}). Not thread-safe.
 */
final class RecordIterator implements Iterator<AirtableRecord> {
    static final int MAX_RESTARTS = 3;
    static final String ITERATOR_EXPIRED = "LIST_RECORDS_ITERATOR_NOT_AVAILABLE";

    private final Table table;
    private final RecordQuery query;
    private final Deque<AirtableRecord> buffer = new ArrayDeque<>();
    private final Set<String> emitted = new HashSet<>();
    private String offset;
    private boolean lastPageFetched;
    private int restarts;

    RecordIterator(Table table, RecordQuery query) {
        this.table = table;
        this.query = query;
    }

    @Override
    public boolean hasNext() {
        while (buffer.isEmpty() && !lastPageFetched && !reachedMaxRecords()) {
            fetchNextPage();
        }
        return !buffer.isEmpty() && !reachedMaxRecords();
    }

    @Override
    public AirtableRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        AirtableRecord record = buffer.removeFirst();
        emitted.add(record.id());
        return record;
    }

    private boolean reachedMaxRecords() {
        return query.maxRecords() != null && emitted.size() >= query.maxRecords();
    }

    private void fetchNextPage() {
        RecordPage page;
        try {
            page = table.page(query, offset);
        } catch (AirtableException e) {
            if (offset == null || !ITERATOR_EXPIRED.equals(e.type()) || restarts >= MAX_RESTARTS) {
                throw e;
            }
            restarts++;
            offset = null;
            return;
        }
        for (AirtableRecord record : page.records()) {
            if (!emitted.contains(record.id())) {
                buffer.addLast(record);
            }
        }
        offset = page.offset();
        lastPageFetched = offset == null;
    }
}
