package io.pyairtable.sandbox;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A base ("application" in Airtable error texts): a named set of tables. */
final class Base {

    private final String id;
    private final String name;
    private final Map<String, Table> tables = new LinkedHashMap<>();

    Base(String id, String name) {
        this.id = id;
        this.name = name;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    Collection<Table> tables() {
        return Collections.unmodifiableCollection(tables.values());
    }

    void addTable(Table table) {
        tables.put(table.id(), table);
    }

    /** Finds a table by id first, then by exact name, like Airtable. */
    Optional<Table> table(String idOrName) {
        Table byId = tables.get(idOrName);
        if (byId != null) {
            return Optional.of(byId);
        }
        return tables.values().stream().filter(table -> table.name().equals(idOrName)).findFirst();
    }

    Table requireTable(String idOrName) {
        return table(idOrName).orElseThrow(() -> AirtableErrors.tableNotFound(idOrName, id));
    }

    boolean hasTableNamed(String candidate) {
        return tables.values().stream().anyMatch(table -> table.name().equalsIgnoreCase(candidate.trim()));
    }

    /** Finds the table that holds a record, used by the attachment upload endpoint. */
    Optional<Table> tableHoldingRecord(String recordId) {
        return tables.values().stream().filter(table -> table.record(recordId).isPresent()).findFirst();
    }
}
