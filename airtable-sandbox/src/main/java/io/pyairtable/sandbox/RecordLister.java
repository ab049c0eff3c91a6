package io.pyairtable.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Lists records: view filter and sort, then {@code filterByFormula}, then the request's sort (which
 * replaces the view's), then {@code maxRecords}; pages through a {@link ListIterators} snapshot.
 */
final class RecordLister {

    private final ListIterators iterators;

    RecordLister(ListIterators iterators) {
        this.iterators = iterators;
    }

    ObjectNode list(Base base, Table table, ListOptions options) {
        RecordRenderer.Options rendering = renderingOptions(table, options);
        List<String> ids;
        int start;
        ListIterators.Snapshot snapshot = null;
        if (options.offset() != null) {
            ListIterators.Position position = iterators.resume(options.offset(), table.id());
            snapshot = position.snapshot();
            ids = snapshot.recordIds();
            start = position.index();
        } else {
            ids = matchingRecordIds(base, table, options);
            start = 0;
        }
        int end = Math.min(ids.size(), start + options.pageSize());
        ObjectNode response = Json.object();
        ArrayNode records = response.putArray("records");
        for (String id : ids.subList(start, end)) {
            table.record(id).ifPresent(record -> records.add(RecordRenderer.render(base, table, record, rendering)));
        }
        if (end < ids.size()) {
            if (snapshot == null) {
                snapshot = iterators.register(table.id(), ids);
            }
            response.put("offset", ListIterators.offset(snapshot, end));
        }
        return response;
    }

    private static List<String> matchingRecordIds(Base base, Table table, ListOptions options) {
        View view = options.view() == null
                ? table.views().get(0)
                : table.view(options.view()).orElseThrow(() -> AirtableErrors.viewNotFound(options.view()));
        Stream<StoredRecord> records = table.records().stream();
        if (view.filterFormula() != null) {
            records = records.filter(FormulaFilter.compile(base, table, view.filterFormula()));
        }
        if (options.filterByFormula() != null) {
            records = records.filter(FormulaFilter.compile(base, table, options.filterByFormula()));
        }
        List<SortSpec> sort = options.sort().isEmpty() ? view.sort() : options.sort();
        if (!sort.isEmpty()) {
            records = records.sorted(RecordSorter.comparator(base, table, sort));
        }
        if (options.maxRecords() != null) {
            records = records.limit(options.maxRecords());
        }
        return records.map(StoredRecord::id).toList();
    }

    private static RecordRenderer.Options renderingOptions(Table table, ListOptions options) {
        Set<String> onlyFieldIds = null;
        if (!options.fields().isEmpty()) {
            onlyFieldIds = new LinkedHashSet<>();
            for (String name : options.fields()) {
                onlyFieldIds.add(table.field(name).orElseThrow(() -> AirtableErrors.unknownFieldName(name)).id());
            }
        }
        CellFormatter formatter = options.stringCellFormat()
                ? CellFormatter.of(options.timeZone(), options.userLocale())
                : null;
        return new RecordRenderer.Options(options.returnFieldsByFieldId(), onlyFieldIds, formatter,
                options.commentCount());
    }
}
