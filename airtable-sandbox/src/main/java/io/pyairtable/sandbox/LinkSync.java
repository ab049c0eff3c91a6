package io.pyairtable.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the two sides of a link consistent, as Airtable does: writing {@code Contacts.Company}
 * also updates {@code Companies.Contacts} of the companies added or removed, and deleting a record
 * removes it from every link cell that pointed at it.
 */
final class LinkSync {

    private LinkSync() {
    }

    /** Called after a link cell of {@code record} changed from {@code oldValue} to {@code newValue}. */
    static void linkChanged(Base base, Field linkField, StoredRecord record, Object oldValue, Object newValue,
            Instant now) {
        String inverseFieldId = linkField.inverseLinkFieldId();
        Table linked = base.table(linkField.linkedTableId()).orElse(null);
        if (inverseFieldId == null || linked == null) {
            return;
        }
        Set<String> before = new LinkedHashSet<>(CellValues.linkedIds(oldValue));
        Set<String> after = new LinkedHashSet<>(CellValues.linkedIds(newValue));
        for (String removed : before) {
            if (!after.contains(removed)) {
                linked.record(removed).ifPresent(other -> {
                    List<String> ids = new ArrayList<>(CellValues.linkedIds(other.get(inverseFieldId)));
                    ids.remove(record.id());
                    other.put(inverseFieldId, ids.isEmpty() ? null : List.copyOf(ids));
                    other.touch(now);
                });
            }
        }
        for (String added : after) {
            if (!before.contains(added)) {
                linked.record(added).ifPresent(other -> {
                    List<String> ids = new ArrayList<>(CellValues.linkedIds(other.get(inverseFieldId)));
                    if (!ids.contains(record.id())) {
                        ids.add(record.id());
                        other.put(inverseFieldId, List.copyOf(ids));
                        other.touch(now);
                    }
                });
            }
        }
    }

    /** Removes deleted records of {@code table} from every link cell in the base that points at them. */
    static void recordsDeleted(Base base, Table table, Collection<String> deletedIds, Instant now) {
        for (Table other : base.tables()) {
            for (Field field : other.fields()) {
                if (field.type() != FieldType.MULTIPLE_RECORD_LINKS || !table.id().equals(field.linkedTableId())) {
                    continue;
                }
                for (StoredRecord record : other.records()) {
                    List<String> ids = CellValues.linkedIds(record.get(field.id()));
                    if (ids.stream().anyMatch(deletedIds::contains)) {
                        List<String> remaining = ids.stream().filter(id -> !deletedIds.contains(id)).toList();
                        record.put(field.id(), remaining.isEmpty() ? null : remaining);
                        record.touch(now);
                    }
                }
            }
        }
    }
}
