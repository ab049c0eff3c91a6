package io.pyairtable.sandbox;

import java.util.List;
import java.util.Objects;

/**
 * A table definition for {@link AirtableSandbox#createBase(String, List)}. The first field is the
 * primary field. Link fields that point at each other's tables become each other's inverse.
 *
 * @param name the table name
 * @param fields the fields, primary field first
 */
public record TableSpec(String name, List<FieldSpec> fields) {

    public TableSpec {
        Objects.requireNonNull(name, "name");
        fields = List.copyOf(fields);
    }

    public static TableSpec of(String name, FieldSpec... fields) {
        return new TableSpec(name, List.of(fields));
    }
}
