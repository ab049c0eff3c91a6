package io.pyairtable.functions.imports;

import io.pyairtable.airtable.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive operations of one kind, at most {@link Table#MAX_RECORDS_PER_WRITE}: exactly one Airtable write
 * request, which Airtable applies all or nothing. The ledger keeps one entry per batch.
 */
record Batch(int index, String op, List<Operation> operations) {

    static List<Batch> of(List<Operation> operations) {
        List<Batch> batches = new ArrayList<>();
        List<Operation> current = new ArrayList<>();
        for (Operation operation : operations) {
            if (!current.isEmpty() && (!current.get(0).op().equals(operation.op())
                    || current.size() == Table.MAX_RECORDS_PER_WRITE)) {
                batches.add(new Batch(batches.size(), current.get(0).op(), List.copyOf(current)));
                current.clear();
            }
            current.add(operation);
        }
        if (!current.isEmpty()) {
            batches.add(new Batch(batches.size(), current.get(0).op(), List.copyOf(current)));
        }
        return batches;
    }

    List<String> ids() {
        return operations.stream().map(Operation::id).toList();
    }
}
