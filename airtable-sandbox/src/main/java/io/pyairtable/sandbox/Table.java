package io.pyairtable.sandbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A table: its schema (fields, first one primary), its views and its records in creation order. */
final class Table {

    private final String id;
    private String name;
    private String description;
    private final List<Field> fields = new ArrayList<>();
    private final List<View> views = new ArrayList<>();
    private final Map<String, StoredRecord> records = new LinkedHashMap<>();
    private long lastAutoNumber;

    Table(String id, String name, String description) {
        this.id = id;
        this.name = name;
        this.description = description;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    void rename(String newName) {
        this.name = newName;
    }

    String description() {
        return description;
    }

    void describe(String newDescription) {
        this.description = newDescription;
    }

    List<Field> fields() {
        return Collections.unmodifiableList(fields);
    }

    Field primaryField() {
        return fields.get(0);
    }

    void addField(Field field) {
        fields.add(field);
    }

    /** Finds a field by id first, then by exact name, like Airtable. */
    Optional<Field> field(String idOrName) {
        for (Field field : fields) {
            if (field.id().equals(idOrName)) {
                return Optional.of(field);
            }
        }
        return fields.stream().filter(field -> field.name().equals(idOrName)).findFirst();
    }

    /** Whether another field already uses this name (Airtable compares names case-insensitively). */
    boolean hasFieldNamed(String candidate) {
        return fields.stream().anyMatch(field -> field.name().equalsIgnoreCase(candidate.trim()));
    }

    List<View> views() {
        return Collections.unmodifiableList(views);
    }

    void addView(View view) {
        views.add(view);
    }

    /** Finds a view by id first, then by exact name. */
    Optional<View> view(String idOrName) {
        for (View view : views) {
            if (view.id().equals(idOrName)) {
                return Optional.of(view);
            }
        }
        return views.stream().filter(view -> view.name().equals(idOrName)).findFirst();
    }

    Collection<StoredRecord> records() {
        return Collections.unmodifiableCollection(records.values());
    }

    Optional<StoredRecord> record(String recordId) {
        return Optional.ofNullable(records.get(recordId));
    }

    void addRecord(StoredRecord record) {
        records.put(record.id(), record);
    }

    void removeRecord(String recordId) {
        records.remove(recordId);
    }

    long lastAutoNumber() {
        return lastAutoNumber;
    }

    long nextAutoNumber() {
        return ++lastAutoNumber;
    }

    void restoreAutoNumber(long value) {
        lastAutoNumber = value;
    }
}
